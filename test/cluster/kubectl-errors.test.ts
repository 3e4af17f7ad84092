import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubectlEnv, startKubectlEnv } from "../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv();
  await env.kubectl("create deployment web --image=nginx:1.27");
});
afterAll(() => env.stop());

describe("bad requests get the real API server's errors, never a crash", () => {
  it("refuses invalid names (RFC 1123)", async () => {
    const r = await env.kubectl("create configmap My_Config");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'ConfigMap "My_Config" is invalid: metadata.name: Invalid value: "My_Config": a lowercase RFC 1123 subdomain',
    );
  });

  it("refuses an unknown kind", async () => {
    const r = await env.kubectl("apply -f -", {
      stdin: "apiVersion: v1\nkind: Gadget\nmetadata:\n  name: g\n",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no matches for kind "Gadget" in version "v1"');
  });

  it("refuses malformed YAML before it reaches the server, and malformed JSON at the server", async () => {
    const r = await env.kubectl("apply -f -", { stdin: "apiVersion: v1\nkind: ConfigMap\nmetadata: [\n" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error (converting YAML to JSON|parsing)/);
    const raw = await env.kubectl("create --raw /api/v1/namespaces/default/configmaps -f -", {
      stdin: "{not json",
    });
    expect(raw.code).toBe(1);
    expect(raw.stderr).toContain("Error from server (BadRequest)");
  });

  it("names missing required fields", async () => {
    const r = await env.kubectl("apply --validate=false -f -", {
      stdin:
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  selector:\n    matchLabels: {app: b}\n  template:\n    metadata:\n      labels: {app: b}\n    spec:\n      containers:\n      - name: c\n",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'The Deployment "broken" is invalid: spec.template.spec.containers[0].image: Required value',
    );
  });

  it("keeps the selector immutable", async () => {
    const r = await env.kubectl([
      "patch",
      "deployment",
      "web",
      "--type=merge",
      "-p",
      '{"spec":{"selector":{"matchLabels":{"app":"other"}},"template":{"metadata":{"labels":{"app":"other"}}}}}',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("spec.selector: Invalid value");
    expect(r.stderr).toContain("field is immutable");
  });

  it("answers 404 with the resource and name", async () => {
    const r = await env.kubectl("get deployment nope");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error from server (NotFound): deployments.apps "nope" not found');
  });

  it("answers 409 on a stale resourceVersion", async () => {
    const r = await env.kubectl("replace -f -", {
      stdin: JSON.stringify({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "kube-root-ca.crt", namespace: "default", resourceVersion: "1" },
        data: { x: "y" },
      }),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "the object has been modified; please apply your changes to the latest version and try again",
    );
  });

  it("refuses exec, attach, port-forward and cp at once with a clear Status", async () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { containers: [{ name: "c", image: "busybox" }] },
    };
    await env.kubectl("apply -f -", { stdin: JSON.stringify(pod) });
    for (const cmd of ["exec p -- ls", "attach p", "cp p:/etc/hosts /tmp/x"]) {
      const r = await env.kubectl(cmd);
      expect(r.code, cmd).not.toBe(0);
      expect(r.stderr, cmd).toMatch(/not supported by the embedded Smith cluster|does not run containers/);
    }
    // kubectl itself refuses to port-forward to a pod that is not running, before it asks the server.
    const pf = await env.kubectl("port-forward pod/p 8080:80");
    expect(pf.code).not.toBe(0);
    expect(pf.stderr).toContain("unable to forward port because pod is not running");
  });
});
