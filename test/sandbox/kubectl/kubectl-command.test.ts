import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSandbox, startFakeApiServer, type TestSandbox } from "../fixtures.js";

describe("kubectl without a server", () => {
  let t: TestSandbox;
  beforeAll(() => {
    t = createTestSandbox();
  });
  afterAll(() => t.close());

  it("runs the real binary", async () => {
    const r = await t.sandbox.exec("kubectl version --client");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Client Version: v1\.\d+/);
  });

  it("shows its single context with the token redacted, and no host path", async () => {
    const r = await t.sandbox.exec("kubectl config view");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("current-context: trial");
    expect(r.stdout).toContain("token: REDACTED");
    expect(r.stdout).not.toContain("agent-token");
    expect((await t.sandbox.exec("kubectl config current-context")).stdout).toBe("trial\n");
  });

  it("writes its output into the virtual filesystem through redirection", async () => {
    const r = await t.sandbox.exec(
      "kubectl create deployment web --image=nginx:1.27 --replicas=3 --dry-run=client -o yaml > /tmp/d.yaml && cat /tmp/d.yaml | grep -E 'replicas|image:'",
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("  replicas: 3\n      - image: nginx:1.27\n");
  });

  it("pipes, feeds heredocs to and passes exit codes through kubectl", async () => {
    const r = await t.sandbox.exec(
      "kubectl nosuchverb; echo rc=$?; kubectl version --client | head -1 | cut -d' ' -f1",
    );
    expect(r.stdout).toBe("rc=1\nClient\n");
    expect(r.stderr).toBe('Error: unknown command "nosuchverb" for "kubectl"\n');
  });

  it("suggests the command an agent probably meant", async () => {
    const r = await t.sandbox.exec("kubectl gett pods");
    expect(r.stderr).toMatch(
      /^Error: unknown command "gett" for "kubectl"\n\nDid you mean this\?\n(\t\w+\n)*\tget\n/,
    );
  });

  it("reads --from-file from the virtual filesystem", async () => {
    const r = await t.sandbox.exec(
      "kubectl create configmap code --from-file=/app/main.py --from-file=cfg=/models/agent/config.json --dry-run=client -o yaml",
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("  main.py: |\n    print('serving')\n");
    expect(r.stdout).toContain(`  cfg: |\n    {"name":"agent"}\n`);
  });

  it("reads a whole directory for --from-file", async () => {
    const r = await t.sandbox.exec(
      "kubectl create configmap model --from-file=/models/agent --dry-run=client -o jsonpath='{.data}'",
    );
    expect(r.stdout).toBe(`{"config.json":"{\\"name\\":\\"agent\\"}\\n"}`);
  });

  it("reports a missing --from-file with the path the agent wrote", async () => {
    const r = await t.sandbox.exec("kubectl create configmap x --from-file=./nope.txt --dry-run=client");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("./nope.txt");
    expect(r.stderr).not.toContain("smith-sandbox");
  });

  it("reads a jsonpath template file from the virtual filesystem, not the host", async () => {
    await t.sandbox.exec("echo '{.metadata.name}' > /tmp/name.tpl");
    const r = await t.sandbox.exec(
      "kubectl create ns team-a --dry-run=client -o jsonpath-file=/tmp/name.tpl",
    );
    expect(r.stdout).toBe("team-a\n");
    const host = await t.sandbox.exec("kubectl create ns x --dry-run=client -o go-template-file=/etc/passwd");
    expect(host.stdout).not.toContain("root:");
    expect(host.exitCode).toBe(1);
  });

  it("reads -f from the virtual filesystem, and reports a missing path as kubectl does", async () => {
    const r = await t.sandbox.exec("kubectl apply -f /app/missing.yaml");
    expect(r).toMatchObject({ exitCode: 1, stderr: 'error: the path "/app/missing.yaml" does not exist\n' });
    const empty = await t.sandbox.exec("mkdir -p /tmp/empty && kubectl apply -f /tmp/empty");
    expect(empty.stderr).toBe(
      "error: error reading [/tmp/empty]: recognized file extensions are [.json .yaml .yml]\n",
    );
  });

  it("refuses manifests from the network", async () => {
    const r = await t.sandbox.exec("kubectl apply -f https://raw.githubusercontent.com/x/y/main/deploy.yaml");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("no such host");
    expect(r.refused).toEqual([
      { kind: "network", detail: "kubectl -f https://raw.githubusercontent.com/x/y/main/deploy.yaml" },
    ]);
  });
});

describe("kubectl against an API server", () => {
  let api: Awaited<ReturnType<typeof startFakeApiServer>>;
  let t: TestSandbox;
  beforeAll(async () => {
    api = await startFakeApiServer();
    t = createTestSandbox({ serverUrl: api.url });
    await t.sandbox.exec(
      "kubectl create deployment web --image=nginx --dry-run=client -o yaml > /tmp/d.yaml; kubectl create deployment api --image=nginx --dry-run=client -o json > /tmp/a.json",
    );
  });
  afterAll(async () => {
    await t.close();
    await api.close();
  });

  it("feeds -f FILE through stdin", async () => {
    const r = await t.sandbox.exec("kubectl apply --dry-run=client --validate=false -f /tmp/d.yaml -o name");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("deployment.apps/web\n");
  });

  it("feeds a relative path, several -f, JSON and YAML mixed, in order", async () => {
    const r = await t.sandbox.exec(
      "cd /tmp && kubectl apply --dry-run=client --validate=false -f a.json -f d.yaml -o name",
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("deployment.apps/api\ndeployment.apps/web\n");
  });

  it("feeds the manifests of a directory, recursively with -R", async () => {
    await t.sandbox.exec(
      "mkdir -p /tmp/m/sub && cp /tmp/d.yaml /tmp/m/ && cp /tmp/a.json /tmp/m/sub/ && echo notes > /tmp/m/README",
    );
    const flat = await t.sandbox.exec("kubectl apply --dry-run=client --validate=false -f /tmp/m -o name");
    expect(flat.stdout).toBe("deployment.apps/web\n");
    const deep = await t.sandbox.exec("kubectl apply --dry-run=client --validate=false -Rf /tmp/m -o name");
    // Lexical walk, as kubectl's: d.yaml comes before sub/.
    expect(deep.stdout).toBe("deployment.apps/web\ndeployment.apps/api\n");
  });

  it("combines -f with a template file, both from the virtual filesystem", async () => {
    await t.sandbox.exec("echo '{.kind}/{.metadata.name}' > /tmp/kind.tpl");
    const r = await t.sandbox.exec(
      "kubectl create --dry-run=client --validate=false -f /tmp/d.yaml -o jsonpath-file=/tmp/kind.tpl",
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("Deployment/web\n");
  });

  it("passes the shell's stdin through -f -", async () => {
    const r = await t.sandbox.exec(
      "cat /tmp/d.yaml | kubectl apply --dry-run=client --validate=false -f - -o name",
    );
    expect(r.stdout).toBe("deployment.apps/web\n");
    const heredoc = await t.sandbox.exec(
      "kubectl apply --dry-run=client --validate=false -o name -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: probe\nspec:\n  containers:\n  - name: c\n    image: busybox\nEOF",
    );
    expect(heredoc.stdout).toBe("pod/probe\n");
  });

  it("names the file, not STDIN, in kubectl's errors", async () => {
    await t.sandbox.exec("printf 'apiVersion: v1\\nkind: Pod\\nmetadata: [\\n' > /tmp/bad.yaml");
    const r = await t.sandbox.exec("kubectl apply --validate=false -f /tmp/bad.yaml");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("/tmp/bad.yaml");
    expect(r.stderr).not.toContain("STDIN");
  });

  it("shows pod paths instead of the harness's in verbose logs", async () => {
    const r = await t.sandbox.exec("kubectl get pods -v=6");
    expect(r.stdout).toContain("web-1");
    expect(r.stderr).toContain("Config loaded from file:  /root/.kube/config");
    expect(r.stderr).not.toContain(t.hostDir);
  });

  it("kills a kubectl still running at the command timeout and keeps what it printed", async () => {
    const short = createTestSandbox({ serverUrl: api.url, limits: { commandTimeoutMs: 2000 } });
    try {
      const r = await short.sandbox.exec("kubectl get pods -w -o name; kubectl get pods -o name");
      expect(r.stdout).toBe("pod/web-1\n");
      expect(r.timedOut).toBe(true);
      expect(r.exitCode).toBe(124);
      expect(r.stderr).toContain("command timed out after 2 s");
      expect(r.refused).toContainEqual({ kind: "limit", detail: "command timeout (2000 ms)" });
    } finally {
      await short.close();
    }
  });
});

describe("the kubectl child process", () => {
  it("gets a scrubbed environment: no key of the harness leaks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "smith-fake-kubectl-"));
    const fake = join(dir, "kubectl");
    writeFileSync(fake, "#!/bin/sh\nenv\n");
    chmodSync(fake, 0o755);
    process.env.OPENAI_API_KEY = "sk-test-should-not-leak";
    const t = createTestSandbox({ binary: fake });
    try {
      const r = await t.sandbox.exec("KUBECONFIG=/x OPENAI_API_KEY=inline kubectl get pods");
      // PWD, SHLVL and _ are set by the fake binary's own shell.
      const names = r.stdout
        .split("\n")
        .filter((l) => l.includes("="))
        .map((l) => l.slice(0, l.indexOf("=")))
        .filter((name) => !["PWD", "SHLVL", "_"].includes(name));
      expect(names.sort()).toEqual(["HOME", "KUBECONFIG", "PATH"]);
      expect(r.stdout).not.toContain("sk-test");
      expect(r.stdout).toContain("KUBECONFIG=/root/.kube/config\n");
      expect(r.stdout).toContain(`PATH=${dir}:/usr/bin:/bin\n`);
    } finally {
      delete process.env.OPENAI_API_KEY;
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
