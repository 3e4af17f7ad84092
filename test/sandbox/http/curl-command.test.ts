import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ServiceRequest } from "../../../src/sandbox/index.js";
import { createTestSandbox, type TestSandbox } from "../fixtures.js";
import { fakeCluster } from "./fake-cluster.js";

describe("curl", () => {
  const requests: ServiceRequest[] = [];
  let t: TestSandbox;
  beforeAll(() => {
    t = createTestSandbox({ fetchService: fakeCluster(requests) });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    requests.length = 0;
  });

  it.each([
    ["http://web.agent-ns.svc.cluster.local:8080/healthz", "web.agent-ns:8080/healthz"],
    ["http://web.agent-ns.svc:8080/a?b=1", "web.agent-ns:8080/a?b=1"],
    ["http://web.other:9090/", "web.other:9090/"],
    ["http://web/", "web.agent-ns:80/"],
    ["web:8080/x", "web.agent-ns:8080/x"],
    ["https://web.agent-ns.svc/", "web.agent-ns:443/"],
  ])("routes %s to the Service", async (url, routed) => {
    const r = await t.sandbox.exec(`curl -s ${url}`);
    expect(r).toMatchObject({ exitCode: 0, stderr: "", refused: [] });
    expect(r.stdout).toBe(`GET ${routed}\n`);
  });

  it("sends method, headers and data", async () => {
    const r = await t.sandbox.exec(
      `curl -s -X PUT -H 'Content-Type: application/json' -H 'X-Trace: 1' -d '{"replicas":2}' http://web:8080/scale`,
    );
    expect(r.stdout).toBe('PUT web.agent-ns:8080/scale body={"replicas":2}\n');
    expect(requests[0]?.headers).toMatchObject({
      "Content-Type": "application/json",
      "X-Trace": "1",
      "User-Agent": "curl/8.5.0",
    });
  });

  it("posts form data by default, joins several -d and reads @file and @-", async () => {
    await t.sandbox.exec("printf 'a=1\\n' > /tmp/form");
    const r = await t.sandbox.exec("echo piped | curl -s -d @/tmp/form -d b=2 -d @- http://web/");
    expect(r.stdout).toBe("POST web.agent-ns:80/ body=a=1&b=2&piped\n");
    expect(requests[0]?.headers["Content-Type"]).toBe("application/x-www-form-urlencoded");
    const json = await t.sandbox.exec(`curl -s --json '{"a":1}' http://web/`);
    expect(json.stdout).toBe('POST web.agent-ns:80/ body={"a":1}\n');
    expect(requests[1]?.headers).toMatchObject({
      "Content-Type": "application/json",
      Accept: "application/json",
    });
  });

  it("prints the status code with -w, also when nothing answered", async () => {
    const r = await t.sandbox.exec(
      "curl -s -o /dev/null -w '%{http_code}\\n' http://web/missing; curl -s -o /dev/null -w '%{http_code}' http://idle/",
    );
    expect(r.stdout).toBe("404\n000");
  });

  it("fails with -f on an HTTP error, quietly with -s, loudly with -sS", async () => {
    const loud = await t.sandbox.exec("curl -f http://web/missing");
    expect(loud).toMatchObject({
      exitCode: 22,
      stdout: "",
      stderr: "curl: (22) The requested URL returned error: 404\n",
    });
    const quiet = await t.sandbox.exec("curl -sf http://web/missing");
    expect(quiet).toMatchObject({ exitCode: 22, stdout: "", stderr: "" });
    const shown = await t.sandbox.exec("curl -sSf http://web/missing");
    expect(shown.stderr).toBe("curl: (22) The requested URL returned error: 404\n");
    const plain = await t.sandbox.exec("curl -s http://web/missing");
    expect(plain).toMatchObject({ exitCode: 0, stdout: "no such page\n" });
  });

  it("writes -o into the virtual filesystem", async () => {
    const r = await t.sandbox.exec("curl -s -o /tmp/page.txt http://web/page && cat /tmp/page.txt");
    expect(r.stdout).toBe("GET web.agent-ns:80/page\n");
  });

  it("follows redirects only with -L", async () => {
    const stay = await t.sandbox.exec("curl -s http://web/old");
    expect(stay.stdout).toBe("moved\n");
    const follow = await t.sandbox.exec("curl -sL -w ' %{num_redirects}' http://web/old");
    expect(follow.stdout).toBe("GET web.agent-ns:80/new\n 1");
  });

  it("shows response headers with -i and -I", async () => {
    const r = await t.sandbox.exec("curl -si http://web/");
    expect(r.stdout).toBe(
      "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-replicas: 3\r\n\r\nGET web.agent-ns:80/\n",
    );
    const head = await t.sandbox.exec("curl -sI http://web/");
    expect(head.stdout).toBe("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-replicas: 3\r\n\r\n");
    expect(requests[1]?.method).toBe("HEAD");
  });

  it("describes the exchange with -v", async () => {
    const r = await t.sandbox.exec("curl -sv http://web:8080/");
    expect(r.stderr).toContain("> GET / HTTP/1.1\n> Host: web:8080\n");
    expect(r.stderr).toContain("< HTTP/1.1 200 OK\n< content-type: text/plain\n");
  });

  it("reports the simulated latency and honours --max-time against it", async () => {
    const r = await t.sandbox.exec("curl -s -o /dev/null -w '%{time_total}' http://web/slow");
    expect(r.stdout).toBe("2.500000");
    const timeout = await t.sandbox.exec("curl -sS -m 1 http://web/slow");
    expect(timeout).toMatchObject({ exitCode: 28, stdout: "" });
    expect(timeout.stderr).toBe(
      "curl: (28) Operation timed out after 1000 milliseconds with 0 bytes received\n",
    );
  });

  it("fails to resolve an unknown Service and to connect to one without endpoints", async () => {
    const unknown = await t.sandbox.exec("curl http://nosuch:8080/");
    expect(unknown).toMatchObject({
      exitCode: 6,
      stderr: "curl: (6) Could not resolve host: nosuch\n",
      refused: [],
    });
    const idle = await t.sandbox.exec("curl http://idle/");
    expect(idle).toMatchObject({
      exitCode: 7,
      stderr: "curl: (7) Failed to connect to idle port 80 after 0 ms: Couldn't connect to server\n",
    });
  });

  it("rejects unknown options and a missing URL as curl does", async () => {
    const bad = await t.sandbox.exec("curl --data=x http://web/");
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^curl: option --data=x: is unknown\n/);
    const none = await t.sandbox.exec("curl -s");
    expect(none).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("no URL specified") });
  });

  it("refuses proxies and unix sockets", async () => {
    const proxy = await t.sandbox.exec("curl -x http://proxy.example.com:3128 http://web/");
    expect(proxy.exitCode).toBe(5);
    expect(proxy.refused[0]?.kind).toBe("network");
    const socket = await t.sandbox.exec(
      "curl --unix-socket /var/run/docker.sock http://localhost/containers/json",
    );
    expect(socket.exitCode).toBe(7);
    expect(socket.refused[0]?.kind).toBe("host-path");
    expect(requests).toEqual([]);
  });
});
