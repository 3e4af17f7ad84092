import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceRequest } from "../../../src/sandbox/index.js";
import { createTestSandbox, type TestSandbox } from "../fixtures.js";
import { fakeCluster } from "./fake-cluster.js";

describe("wget", () => {
  const requests: ServiceRequest[] = [];
  let t: TestSandbox;
  beforeAll(() => {
    t = createTestSandbox({ fetchService: fakeCluster(requests), now: () => Date.UTC(2030, 0, 1) });
  });
  afterAll(() => t.close());

  it("prints the body with -qO-", async () => {
    const r = await t.sandbox.exec("wget -qO- http://web:8080/status");
    expect(r).toMatchObject({ exitCode: 0, stdout: "GET web.agent-ns:8080/status\n", stderr: "" });
    const spaced = await t.sandbox.exec("wget -q -O - http://web/");
    expect(spaced.stdout).toBe("GET web.agent-ns:80/\n");
  });

  it("saves to -O FILE, or to the URL's name without overwriting", async () => {
    const r = await t.sandbox.exec(
      "cd /tmp && wget -q -O out.txt http://web/a && wget -q http://web/report.csv && wget -q http://web/report.csv && ls | grep report && cat out.txt",
    );
    expect(r.stdout).toBe("report.csv\nreport.csv.1\nGET web.agent-ns:80/a\n");
  });

  it("logs like wget, and exits 8 on an HTTP error", async () => {
    const r = await t.sandbox.exec("wget -O /dev/null http://web/missing");
    expect(r.exitCode).toBe(8);
    expect(r.stderr).toContain("--2030-01-01 00:00:00--  http://web/missing\n");
    expect(r.stderr).toContain("HTTP request sent, awaiting response... 404 Not Found\n");
    expect(r.stderr).toContain("ERROR 404: Not Found.");
  });

  it("posts data and follows redirects", async () => {
    const post = await t.sandbox.exec("wget -qO- --post-data='x=1' http://web/");
    expect(post.stdout).toBe("POST web.agent-ns:80/ body=x=1\n");
    const moved = await t.sandbox.exec("wget -qO- http://web/old");
    expect(moved.stdout).toBe("GET web.agent-ns:80/new\n");
  });

  it("cannot resolve outside names", async () => {
    const r = await t.sandbox.exec("wget http://example.com/x");
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain("wget: unable to resolve host address ‘example.com’");
  });
});
