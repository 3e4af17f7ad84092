import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSandbox, type TestSandbox } from "./fixtures.js";

describe("the agent's shell", () => {
  let t: TestSandbox;
  beforeAll(() => {
    t = createTestSandbox({ now: () => Date.UTC(2030, 0, 2, 3, 4, 5) });
  });
  afterAll(() => t.close());

  it("starts in the pod's workdir and shows the pod's files", async () => {
    const r = await t.sandbox.exec(
      "pwd; ls; cat /etc/hostname; cat /var/run/secrets/kubernetes.io/serviceaccount/namespace",
    );
    expect(r).toMatchObject({ exitCode: 0, stderr: "", timedOut: false, truncated: false, refused: [] });
    expect(r.stdout).toBe("/app\nmain.py\nagent-7d9f-abcde\nagent-ns");
  });

  it("keeps files between commands, but not variables or the working directory", async () => {
    await t.sandbox.exec("cd /tmp && echo kept > note.txt && export FOO=bar");
    const r = await t.sandbox.exec('cat /tmp/note.txt; echo "[$FOO]"; pwd');
    expect(r.stdout).toBe("kept\n[]\n/app\n");
  });

  it("runs pipes, heredocs with indentation, loops, functions and the text tools", async () => {
    const script = [
      "cat <<EOF > /tmp/pod.yaml",
      "apiVersion: v1",
      "kind: Pod",
      "metadata:",
      "  name: web",
      "  labels:",
      "    app: web",
      "EOF",
      "grep -c '  ' /tmp/pod.yaml",
      "total=0; for i in 1 2 3; do total=$((total + i)); done; echo total=$total",
      "double() { echo $(( $1 * 2 )); }; double 21",
      `echo '{"items":[{"n":"a","r":2},{"n":"b","r":5}]}' | jq -r '.items[] | select(.r > 3) | .n'`,
      "printf 'x 1\\ny 2\\n' | awk '{s += $2} END {print s}'",
      "echo -n secret | base64 | base64 -d",
    ].join("\n");
    const r = await t.sandbox.exec(script);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("3\ntotal=6\n42\nb\n3\nsecret");
  });

  it("handles a busy namespace's worth of JSON with jq and awk", async () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({
      metadata: { name: `pod-${i}` },
      status: { phase: i % 3 ? "Running" : "Pending" },
    }));
    await t.sandbox.writeFile("/tmp/pods.json", JSON.stringify({ items }, null, 2));
    const r = await t.sandbox.exec(
      `jq -r '.items[] | select(.status.phase == "Pending") | .metadata.name' /tmp/pods.json | wc -l; awk '/"phase"/ {n++} END {print n}' /tmp/pods.json`,
    );
    expect(r).toMatchObject({ stdout: "1000\n3000\n", stderr: "", refused: [] });
  });

  it("shows only the pod's environment", async () => {
    const r = await t.sandbox.exec("env; printenv HOSTNAME; set | grep -c POD_NAMESPACE");
    expect(r.stdout).toContain("POD_NAMESPACE=agent-ns\n");
    expect(r.stdout).toContain("KUBERNETES_SERVICE_HOST=10.96.0.1\n");
    expect(r.stdout).toContain("HOME=/root\n");
    expect(r.stdout).toContain("agent-7d9f-abcde\n1\n");
  });

  it("answers hostname with the pod's name", async () => {
    expect((await t.sandbox.exec("hostname")).stdout).toBe("agent-7d9f-abcde\n");
  });

  it("sleeps on the cluster's clock, in seconds", async () => {
    t.sleeps.length = 0;
    const r = await t.sandbox.exec("sleep 30; sleep 1m; sleep 0.5; sleep 1m 30s");
    expect(r.exitCode).toBe(0);
    expect(t.sleeps).toEqual([30, 60, 0.5, 90]);
  });

  it("tells the time of the cluster's clock", async () => {
    const r = await t.sandbox.exec("date -u +%Y-%m-%dT%H:%M:%S; date -d @0 +%Y");
    expect(r.stdout).toBe("2030-01-02T03:04:05\n1970\n");
  });

  it("lets the harness read and write the pod's files", async () => {
    await t.sandbox.writeFile("/app/task.txt", "scale the service\n");
    expect((await t.sandbox.exec("cat /app/task.txt")).stdout).toBe("scale the service\n");
    await t.sandbox.exec("echo done > /tmp/out.txt");
    expect(await t.sandbox.readFile("/tmp/out.txt")).toBe("done\n");
  });

  it("runs one command at a time even when the harness overlaps calls", async () => {
    const [a, b] = await Promise.all([
      t.sandbox.exec("echo a > /tmp/order; sleep 1; cat /tmp/order"),
      t.sandbox.exec("echo b > /tmp/order; cat /tmp/order"),
    ]);
    expect(a.stdout).toBe("a\n");
    expect(b.stdout).toBe("b\n");
  });
});

describe("limits", () => {
  it("truncates long output with a marker line", async () => {
    const t = createTestSandbox({ limits: { outputBytes: 100 } });
    try {
      const r = await t.sandbox.exec("for i in $(seq 1 100); do echo line-$i; done");
      expect(r.truncated).toBe(true);
      expect(Buffer.byteLength(r.stdout)).toBeLessThan(150);
      const full = Array.from({ length: 100 }, (_, i) => `line-${i + 1}\n`).join("");
      expect(r.stdout).toBe(
        `${full.slice(0, 100)}\n[output truncated: ${full.length - 100} bytes omitted]\n`,
      );
    } finally {
      await t.close();
    }
  });

  it("stops a command that outlives its timeout and says so", async () => {
    const t = createTestSandbox({
      limits: { commandTimeoutMs: 300 },
      fetchService: () => new Promise(() => {}),
    });
    try {
      const r = await t.sandbox.exec("echo start; curl -s http://web:8080/");
      expect(r.timedOut).toBe(true);
      expect(r.exitCode).toBe(124);
      expect(r.stderr).toContain("command timed out after 0.3 s");
      expect(r.refused).toContainEqual({ kind: "limit", detail: "command timeout (300 ms)" });
      const next = await t.sandbox.exec("echo still alive");
      expect(next).toMatchObject({ stdout: "still alive\n", timedOut: false, refused: [] });
    } finally {
      await t.close();
    }
  });

  it("stops an endless loop at the command limit", async () => {
    const t = createTestSandbox();
    try {
      const r = await t.sandbox.exec("while true; do :; done");
      expect(r.exitCode).toBe(126);
      expect(r.stderr).toMatch(/too many commands executed \(>10000\).*stopped by the sandbox/);
      expect(r.stderr).not.toContain("executionLimits");
      expect(r.refused).toEqual([{ kind: "limit", detail: expect.stringContaining("too many commands") }]);
    } finally {
      await t.close();
    }
  });

  it("stops a fork bomb at the recursion limit", async () => {
    const t = createTestSandbox();
    try {
      const r = await t.sandbox.exec(":(){ :|:& };:");
      expect(r.exitCode).toBe(126);
      expect(r.stderr).toMatch(/maximum recursion depth \(100\) exceeded.*stopped by the sandbox/);
      expect(r.refused).toEqual([{ kind: "limit", detail: expect.stringContaining("recursion depth") }]);
    } finally {
      await t.close();
    }
  });

  it("refuses to fill the filesystem beyond its quota", async () => {
    const t = createTestSandbox({ limits: { fileSystemBytes: 4 * 1024 * 1024 } });
    try {
      const r = await t.sandbox.exec("seq 1 2000000 > /tmp/big");
      expect(r.exitCode).not.toBe(0);
      expect(r.refused.map((x) => x.kind)).toContain("limit");
      expect((await t.sandbox.exec("echo ok")).stdout).toBe("ok\n");
    } finally {
      await t.close();
    }
  });
});
