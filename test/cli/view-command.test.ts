import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startViewServer, type ViewServer, viewCommand } from "../../src/cli/view-command.js";
import { type PreparedRun, startRun } from "../../src/runs/index.js";
import { smallSettings, stubRecord, tempDir, VERSIONS } from "../runs/fixtures.js";

/** A GET (or another method) with the path sent exactly as written: no client-side normalisation. */
function fetchRaw(url: string, rawPath: string, method = "GET") {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request({ host: hostname, port, path: rawPath, method, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

let run: PreparedRun;
let server: ViewServer;

beforeAll(async () => {
  run = await startRun({ settings: smallSettings(), outDir: tempDir(), versions: VERSIONS });
  const [first] = run.manifest.plan;
  if (first) await run.store.writeTrial(stubRecord(first));
  server = await startViewServer(run.store.dir, 0);
});

afterAll(() => server?.close());

describe("smith view's server", () => {
  it("listens on 127.0.0.1 and answers / with the report of the run", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetchRaw(server.url, "/");
    expect(page.status).toBe(200);
    expect(page.type).toBe("text/html; charset=utf-8");
    expect(page.body).toContain(`<h1>Smith run ${run.manifest.runId}</h1>`);
  });

  it("renders afresh on each request, so a run still going shows its trials so far", async () => {
    const before = await fetchRaw(server.url, "/");
    expect(before.body).toContain("This run has not finished: 1 of 6 trials are recorded");
    const second = run.manifest.plan[1];
    if (!second) throw new Error("the plan has 6 trials");
    await run.store.writeTrial(stubRecord(second));
    const after = await fetchRaw(server.url, "/");
    expect(after.body).toContain("This run has not finished: 2 of 6 trials are recorded");
    expect(after.body).toContain(`data-trial="${second.id}"`);
  });

  it("serves a recorded trial's file as it is on disk", async () => {
    const id = run.manifest.plan[0]?.id as string;
    const trial = await fetchRaw(server.url, `/trials/${encodeURIComponent(id)}.json`);
    expect(trial.status).toBe(200);
    expect(trial.type).toBe("application/json; charset=utf-8");
    expect(trial.body).toBe(readFileSync(run.store.trialFile(id), "utf8"));
    const pending = run.manifest.plan[5]?.id as string;
    expect(await fetchRaw(server.url, `/trials/${pending}.json`)).toMatchObject({
      status: 404,
      body: `Trial ${pending} is not recorded yet.\n`,
    });
  });

  it("serves nothing else of the filesystem, however the path is spelled", async () => {
    const manifest = readFileSync(`${run.store.dir}/run.json`, "utf8");
    for (const path of [
      "/run.json",
      "/trials/../run.json",
      "/trials/..%2Frun.json",
      "/trials/%2e%2e/run.json",
      "/trials/%2E%2E%2Frun.json",
      "/trials/..%5Crun.json",
      "/trials/..%2F..%2F..%2F..%2Fetc%2Fpasswd.json",
      "/trials/%2Fetc%2Fpasswd.json",
      "/..%2F..%2Fetc%2Fpasswd",
      "//etc/passwd",
      "/trials/",
      "/trials/.json",
      "/report-input.ts",
    ]) {
      const reply = await fetchRaw(server.url, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain(manifest.slice(0, 40));
      expect(reply.body).not.toContain("root:");
    }
  });

  it("answers only GET and HEAD", async () => {
    expect(await fetchRaw(server.url, "/", "POST")).toMatchObject({ status: 405 });
    expect(await fetchRaw(server.url, "/", "HEAD")).toMatchObject({ status: 200, body: "" });
  });

  it("refuses a directory that is not a run, and a port in use, each in one sentence", async () => {
    const empty = tempDir();
    await expect(startViewServer(empty, 0)).rejects.toThrow(
      `${empty} is not a run directory (it has no run.json): give the directory smith run created.`,
    );
    const port = Number(new URL(server.url).port);
    await expect(startViewServer(run.store.dir, port)).rejects.toThrow(
      `Port ${port} of 127.0.0.1 is in use: pass --port with another port, or --port 0 for any free one.`,
    );
  });
});

describe("viewCommand", () => {
  it("prints the URL in one line, serves until Ctrl-C, then stops and returns 0", async () => {
    let printed = "";
    const interrupts = new EventEmitter();
    const done = viewCommand(
      run.store.dir,
      { port: 0 },
      {
        stdout: {
          write: (text: string) => {
            printed += text;
          },
        },
        interrupts,
      },
    );
    await expect.poll(() => printed).toMatch(/\n$/);
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(printed)?.[0] as string;
    expect(printed).toBe(`Smith viewer of ${run.store.dir}: ${url} (Ctrl-C to stop)\n`);
    expect((await fetchRaw(url, "/")).status).toBe(200);
    interrupts.emit("SIGINT");
    expect(await done).toBe(0);
    await expect(fetchRaw(url, "/")).rejects.toThrow(/ECONNREFUSED/);
    expect(interrupts.listenerCount("SIGINT")).toBe(0);
  });
});
