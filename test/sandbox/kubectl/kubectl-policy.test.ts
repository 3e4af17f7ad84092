import { describe, expect, it } from "vitest";
import { parseKubectlArgs } from "../../../src/sandbox/kubectl/kubectl-args.js";
import { judgeKubectl } from "../../../src/sandbox/kubectl/kubectl-policy.js";

const judge = (line: string) => judgeKubectl(parseKubectlArgs(line.split(" ")));
const refusalOf = (line: string) => {
  const verdict = judge(line);
  return verdict.allowed ? undefined : verdict.refusal?.kind;
};

describe("judgeKubectl", () => {
  it.each([
    "get pods -A -o wide",
    "apply -f -",
    "scale deploy/web --replicas=5",
    "exec web-1 -- cat /app/main.py",
    "attach web-1",
    "debug web-1 -it --image=busybox --profile=general",
    "auth can-i create deployments",
    "config view --minify",
    "config get-contexts",
    "create rolebinding r --clusterrole=view --user=alice",
    "set subject rolebinding r --user=bob",
    "create deployment web --image=nginx",
    "create -f -",
    "get --raw /apis",
    "plugin --help",
    "help",
    "",
  ])("allows: kubectl %s", (line) => {
    expect(judge(line)).toEqual({ allowed: true });
  });

  it.each([
    ["--kubeconfig=/x get pods", "identity"],
    ["get pods --token abc", "identity"],
    ["get pods --as system:admin", "identity"],
    ["get pods --as-group=system:masters", "identity"],
    ["get pods --as-uid 0", "identity"],
    ["get pods -s https://other:6443", "identity"],
    ["get pods --server=https://other:6443", "identity"],
    ["get pods --context prod", "identity"],
    ["get pods --cluster prod", "identity"],
    ["get pods --user admin", "identity"],
    ["get pods --username=a --password=b", "identity"],
    ["get pods --client-certificate=/c --client-key=/k", "identity"],
    ["get pods --certificate-authority=/ca", "identity"],
    ["get pods --insecure-skip-tls-verify", "identity"],
    ["get pods --tls-server-name=x", "identity"],
    ["config set-context --current --namespace=kube-system", "identity"],
    ["config use-context other", "identity"],
    ["config view set-credentials", "identity"],
    ["get pods --cache-dir=/tmp/c", "host-path"],
    ["get pods --profile=cpu --profile-output=/tmp/p", "host-path"],
    ["cluster-info dump --output-directory=/tmp/d", "host-path"],
    ["cp web-1:/etc/passwd ./passwd", "host-path"],
    ["kustomize .", "host-path"],
    ["apply -k ./overlay", "host-path"],
    ["proxy --port=8001", "network"],
    ["port-forward svc/web 8080:80", "network"],
    ["edit deploy/web", "process"],
    ["create -f x.yaml --edit", "process"],
    ["apply edit-last-applied deploy/web", "process"],
  ])("refuses: kubectl %s", (line, kind) => {
    expect(refusalOf(line)).toBe(kind);
  });

  it("answers an unknown command like kubectl, without looking for a plugin", () => {
    expect(judge("frobnicate bar")).toEqual({
      allowed: false,
      stderr: 'Error: unknown command "frobnicate" for "kubectl"\n',
    });
    expect(judge("foo")).toMatchObject({ stderr: expect.stringContaining("Did you mean this?\n\ttop\n") });
    expect(judge("create foo x")).toMatchObject({
      allowed: false,
      stderr: "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n",
    });
    expect(judge("plugin list")).toEqual({
      allowed: false,
      stderr: "error: unable to find any kubectl plugins in your PATH\n",
    });
  });

  it("names the flag in a refusal", () => {
    expect(judge("get pods --token=abc")).toMatchObject({
      stderr: expect.stringMatching(/^error: flag --token is not allowed in this shell/),
      refusal: { kind: "identity", detail: "kubectl --token" },
    });
  });
});
