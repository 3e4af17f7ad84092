import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import type http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  type RecordingProxy,
  startRecordingProxy,
  type UpstreamCluster,
} from "../../../src/backends/kubeconfig/recording-proxy.js";
import type { AuditEntry } from "../../../src/cluster/index.js";
import { serverCertificate } from "../../../src/cluster/tls.js";
import { resolveKubectl } from "../../../src/common/kubectl.js";
import { type KubectlEnv, type KubectlResult, startKubectlEnv } from "../../helpers/kubectl-env.js";

type Entry = Omit<AuditEntry, "seq">;

const AGENT = "system:serviceaccount:prod:assistant";

let env: KubectlEnv;
let upstream: UpstreamCluster;

beforeAll(async () => {
  // Manual time: nothing moves unless a test advances it, so what the agent sees is what the test set up.
  env = await startKubectlEnv({ timeMode: "manual" });
  for (const cmd of [
    "create namespace prod",
    "create serviceaccount assistant -n prod",
    "create rolebinding assistant-edit --clusterrole=edit --serviceaccount=prod:assistant -n prod",
  ]) {
    await harness(cmd);
  }
  upstream = upstreamOf(env.cluster.kubeconfig({ serviceAccount: { namespace: "prod", name: "assistant" } }));
});
afterAll(() => env.stop());

/** The API server, CA and token of a kubeconfig, as the kubeconfig backend reads them. */
function upstreamOf(kubeconfig: string): UpstreamCluster {
  const doc = parse(kubeconfig) as {
    clusters: { cluster: { server: string; "certificate-authority-data": string } }[];
    users: { user: { token: string } }[];
  };
  const cluster = doc.clusters[0]?.cluster;
  const token = doc.users[0]?.user.token;
  if (!cluster || !token) throw new Error("the embedded cluster's kubeconfig has no cluster or token");
  return {
    server: cluster.server,
    caPem: Buffer.from(cluster["certificate-authority-data"], "base64").toString("utf8"),
    token,
  };
}

async function harness(args: string, stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

interface Recorded {
  proxy: RecordingProxy;
  entries: Entry[];
  /** The agent's kubeconfig file, pointing at the proxy. */
  kubeconfig: string;
  /** Runs kubectl as the agent, through the proxy. */
  agent(args: string, stdin?: string): Promise<KubectlResult>;
  /** Entries recorded while `run` ran, API resources only (kubectl's discovery requests left out). */
  during(run: () => Promise<unknown>): Promise<Entry[]>;
}

async function startRecorded(
  options: { maxCreates?: number; upstream?: UpstreamCluster } = {},
): Promise<Recorded> {
  const entries: Entry[] = [];
  const proxy = await startRecordingProxy({
    upstream: options.upstream ?? upstream,
    user: AGENT,
    time: () => env.cluster.clock.isoMicro(),
    onEntry: (e) => entries.push(e),
    maxCreates: options.maxCreates ?? 100,
  });
  const kubeconfig = path.join(env.dir, `agent-${proxy.url.split(":").at(-1)}.kubeconfig`);
  writeFileSync(kubeconfig, proxy.kubeconfig("prod"));
  return {
    proxy,
    entries,
    kubeconfig,
    agent: (args, stdin) => env.kubectl(args, { kubeconfig, ...(stdin === undefined ? {} : { stdin }) }),
    async during(run) {
      const from = entries.length;
      await run();
      return entries.slice(from).filter((e) => e.resource !== "");
    },
  };
}

/** kubectl left running (watch, logs -f): its output so far, and whether it has exited. */
interface Running {
  child: ChildProcess;
  stdout(): string;
  exited: Promise<number>;
  hasExited(): boolean;
}

function spawnKubectl(kubeconfig: string, args: string[]): Running {
  const child = spawn(
    resolveKubectl(),
    [`--kubeconfig=${kubeconfig}`, `--cache-dir=${path.join(env.dir, "cache")}`, ...args],
    { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: env.dir }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let done = false;
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  const exited = new Promise<number>((resolve) =>
    child.on("close", (code) => {
      done = true;
      resolve(code ?? -1);
    }),
  );
  return { child, stdout: () => out, exited, hasExited: () => done };
}

/** Polls until `ready` holds; the generous limit only turns a hang into a failure. */
async function until(what: string, ready: () => boolean): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const configMap = (metadata: Record<string, string>, data: Record<string, string> = {}) =>
  JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata, data });

describe("the agent's kubeconfig", () => {
  it("holds the proxy's own token and never the real ServiceAccount token", async () => {
    const r = await startRecorded();
    try {
      const text = readFileSync(r.kubeconfig, "utf8");
      expect(text).toContain(r.proxy.url);
      expect(text).toContain(r.proxy.token);
      expect(r.proxy.token).not.toBe(upstream.token);
      expect(text).not.toContain(upstream.token);
      expect(Buffer.from(text).toString("base64")).not.toContain(
        Buffer.from(upstream.token).toString("base64"),
      );
      const doc = parse(text) as { contexts: { context: { namespace: string } }[] };
      expect(doc.contexts[0]?.context.namespace).toBe("prod");
      // Upstream sees the ServiceAccount, with its RBAC: allowed in prod, nowhere else.
      expect((await r.agent("auth can-i create deployments")).stdout).toBe("yes\n");
      expect((await r.agent("auth can-i create deployments -n default")).stdout).toBe("no\n");
    } finally {
      await r.proxy.close();
    }
  });

  it("is refused with kube-apiserver's 401 for any other token, the real one included", async () => {
    const r = await startRecorded();
    try {
      for (const token of ["not-the-token", upstream.token]) {
        const entries = await r.during(async () => {
          const res = await r.agent(`--token=${token} get --raw /api/v1/namespaces/prod/pods`);
          expect(res.code).toBe(1);
          expect(res.stderr).toBe("error: You must be logged in to the server (Unauthorized)\n");
        });
        expect(entries).toEqual([
          expect.objectContaining({ user: "system:anonymous", verb: "list", resource: "pods", code: 401 }),
        ]);
      }
    } finally {
      await r.proxy.close();
    }
  });
});

describe("requests recorded through the proxy", () => {
  let r: Recorded;
  beforeAll(async () => {
    r = await startRecorded();
  });
  afterAll(() => r.proxy.close());

  it("records get and list with the agent's identity, the namespace, the code and the trial clock", async () => {
    await harness("create deployment api --image=nginx:1.27 -n prod");
    const entries = await r.during(async () => {
      expect((await r.agent("get deployments")).stdout).toMatch(/^api\s/m);
      expect((await r.agent("get deployment api -o name")).stdout).toBe("deployment.apps/api\n");
      const missing = await r.agent("get configmap nothing-here");
      expect(missing.stderr).toContain('configmaps "nothing-here" not found');
    });
    expect(entries).toEqual([
      {
        time: env.cluster.clock.isoMicro(),
        user: AGENT,
        verb: "list",
        resource: "deployments.apps",
        namespace: "prod",
        code: 200,
      },
      {
        time: env.cluster.clock.isoMicro(),
        user: AGENT,
        verb: "get",
        resource: "deployments.apps",
        namespace: "prod",
        name: "api",
        code: 200,
      },
      {
        time: env.cluster.clock.isoMicro(),
        user: AGENT,
        verb: "get",
        resource: "configmaps",
        namespace: "prod",
        name: "nothing-here",
        code: 404,
      },
      // kubectl looks the namespace up to word its NotFound message.
      {
        time: env.cluster.clock.isoMicro(),
        user: AGENT,
        verb: "get",
        resource: "namespaces",
        namespace: "prod",
        name: "prod",
        code: 200,
      },
    ]);
  });

  it("records creates with their decoded bodies and remembers the objects, generated names included", async () => {
    const entries = await r.during(async () => {
      expect((await r.agent("create deployment web --image=nginx:1.27")).stdout).toBe(
        "deployment.apps/web created\n",
      );
      const generated = await r.agent("create -f -", configMap({ generateName: "scratch-" }));
      expect(generated.stdout).toMatch(/^configmap\/scratch-[a-z0-9]{5} created\n$/);
    });
    expect(entries[0]).toMatchObject({
      verb: "create",
      resource: "deployments.apps",
      namespace: "prod",
      name: "web",
      code: 201,
      requestBody: {
        kind: "Deployment",
        spec: { template: { spec: { containers: [{ image: "nginx:1.27" }] } } },
      },
    });
    expect(entries[1]).toMatchObject({
      verb: "create",
      resource: "configmaps",
      code: 201,
      requestBody: { metadata: { generateName: "scratch-" } },
    });
    expect(entries[1]).not.toHaveProperty("name");
    const generatedName = (await harness("get configmaps -n prod -o name")).match(
      /configmap\/(scratch-\w+)/,
    )?.[1];
    expect(r.proxy.created()).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        namespace: "prod",
        name: "web",
        resource: "deployments.apps",
      },
      { apiVersion: "v1", kind: "ConfigMap", namespace: "prod", name: generatedName, resource: "configmaps" },
    ]);
  });

  it("records client-side and server-side apply, and remembers what apply created", async () => {
    const before = r.proxy.created().length;
    const clientSide = await r.during(async () => {
      expect((await r.agent("apply -f -", configMap({ name: "settings" }, { mode: "fast" }))).stdout).toBe(
        "configmap/settings created\n",
      );
      expect((await r.agent("apply -f -", configMap({ name: "settings" }, { mode: "slow" }))).stdout).toBe(
        "configmap/settings configured\n",
      );
    });
    expect(clientSide.map((e) => [e.verb, e.name, e.code])).toEqual([
      ["get", "settings", 404],
      ["get", "prod", 200],
      ["create", "settings", 201],
      ["get", "settings", 200],
      ["patch", "settings", 200],
    ]);
    expect(clientSide[4]?.requestBody).toMatchObject({ data: { mode: "slow" } });

    const serverSide = await r.during(async () => {
      for (const data of [{ mode: "fast" }, { mode: "fast", size: "large" }] as Record<string, string>[]) {
        const res = await r.agent("apply --server-side -f -", configMap({ name: "tuning" }, data));
        expect(res.stderr).toBe("");
        expect(res.stdout).toBe("configmap/tuning serverside-applied\n");
      }
    });
    // The first apply creates the object (201, as kube-apiserver answers), the second updates it.
    expect(serverSide.map((e) => [e.verb, e.name, e.code])).toEqual([
      ["patch", "tuning", 201],
      ["patch", "tuning", 200],
    ]);
    // application/apply-patch+yaml, decoded as YAML.
    expect(serverSide[1]?.requestBody).toMatchObject({ kind: "ConfigMap", data: { size: "large" } });
    expect(
      r.proxy
        .created()
        .slice(before)
        .map((o) => o.name),
    ).toEqual(["settings", "tuning"]);
  });

  it("records patch, scale, delete and dry runs", async () => {
    const entries = await r.during(async () => {
      await r.agent(`patch deployment web -p {"metadata":{"labels":{"tier":"front"}}}`);
      expect((await r.agent("scale deployment web --replicas=3")).stdout).toBe(
        "deployment.apps/web scaled\n",
      );
      expect((await r.agent("delete configmap settings")).stdout).toBe('configmap "settings" deleted\n');
      await r.agent("create configmap rehearsal --from-literal=a=b --dry-run=server");
    });
    expect(entries.filter((e) => e.verb !== "get")).toEqual([
      expect.objectContaining({
        verb: "patch",
        resource: "deployments.apps",
        name: "web",
        requestBody: { metadata: { labels: { tier: "front" } } },
        code: 200,
      }),
      expect.objectContaining({
        verb: "patch",
        resource: "deployments.apps",
        subresource: "scale",
        name: "web",
        requestBody: { spec: { replicas: 3 } },
        code: 200,
      }),
      expect.objectContaining({
        verb: "delete",
        resource: "configmaps",
        name: "settings",
        requestBody: { propagationPolicy: "Background" },
        code: 200,
      }),
      expect.objectContaining({ verb: "create", name: "rehearsal", dryRun: true, code: 201 }),
    ]);
    expect(await harness("get deployment web -n prod -o jsonpath={.spec.replicas}")).toBe("3");
    expect(r.proxy.created().map((o) => o.name)).not.toContain("rehearsal");
  });

  it("streams a watch as events happen and ends it at kubectl's --request-timeout", async () => {
    const from = r.entries.length;
    const watch = spawnKubectl(r.kubeconfig, [
      "get",
      "configmaps",
      "-w",
      "-o",
      "name",
      "--request-timeout=5s",
    ]);
    await until("the watch to start", () => r.entries.slice(from).some((e) => e.verb === "watch"));
    await harness("create configmap live -n prod");
    await until("the event to reach kubectl", () => watch.stdout().includes("configmap/live"));
    // Delivered while the stream was still open: the proxy passes events on as they come.
    expect(watch.hasExited()).toBe(false);
    expect(await watch.exited).toBe(0);
    expect(r.entries.slice(from).filter((e) => e.resource === "configmaps")).toEqual([
      expect.objectContaining({ verb: "list", namespace: "prod", code: 200 }),
      expect.objectContaining({ verb: "watch", namespace: "prod", code: 200 }),
    ]);
  });

  it("carries logs, and follows them as lines are written", async () => {
    await harness(
      "apply -f -",
      JSON.stringify({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "worker", namespace: "prod" },
        spec: { containers: [{ name: "main", image: "busybox" }] },
      }),
    );
    env.cluster.advance(10_000);
    const line = (text: string) =>
      env.cluster.logs.append("prod", "worker", "main", { time: env.cluster.clock.isoMicro(), text });
    line("booted");
    const entries = await r.during(async () => {
      expect((await r.agent("logs worker")).stdout).toBe("booted\n");
    });
    expect(entries).toContainEqual(
      expect.objectContaining({
        verb: "get",
        resource: "pods",
        subresource: "log",
        name: "worker",
        code: 200,
      }),
    );

    const follow = spawnKubectl(r.kubeconfig, ["logs", "-f", "worker"]);
    await until("the first line", () => follow.stdout() === "booted\n");
    line("serving");
    await until("the new line", () => follow.stdout() === "booted\nserving\n");
    follow.child.kill();
    await follow.exited;
  });

  it("passes upstream's RBAC refusal through with its text", async () => {
    const entries = await r.during(async () => {
      const res = await r.agent("get secrets -n kube-system");
      expect(res.code).toBe(1);
      expect(res.stderr).toBe(
        'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:prod:assistant" cannot list resource "secrets" in API group "" in the namespace "kube-system"\n',
      );
    });
    expect(entries).toEqual([
      expect.objectContaining({
        user: AGENT,
        verb: "list",
        resource: "secrets",
        namespace: "kube-system",
        code: 403,
      }),
    ]);
  });

  it("refuses exec with a Status that says the proxy does not carry it, and records the attempts", async () => {
    const entries = await r.during(async () => {
      const res = await r.agent("exec worker -- ls");
      expect(res.code).toBe(1);
      expect(res.stderr).toBe(
        "Error from server (MethodNotAllowed): pods/exec is not available through Smith's API proxy: it does not carry the connection upgrades that exec, attach and port-forward need\n",
      );
    });
    // kubectl tries a WebSocket (GET) and then falls back to SPDY (POST).
    expect(entries.filter((e) => e.subresource === "exec")).toEqual([
      expect.objectContaining({ verb: "get", resource: "pods", name: "worker", code: 405 }),
      expect.objectContaining({ verb: "create", resource: "pods", name: "worker", code: 405 }),
    ]);
  });
});

describe("the object ceiling", () => {
  it("refuses creates past it without reaching the cluster, server-side apply included", async () => {
    const r = await startRecorded({ maxCreates: 2 });
    try {
      expect((await r.agent("create configmap first")).code).toBe(0);
      // A failed create takes no place under the ceiling.
      expect((await r.agent("create configmap first")).stderr).toContain("already exists");
      expect((await r.agent("create configmap second")).code).toBe(0);

      const refused = await r.agent("create configmap third");
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        `error: failed to create configmap: configmaps "third" is forbidden: this trial's ceiling of 2 objects created by the agent is reached, so Smith's API proxy refuses further creates\n`,
      );
      const applied = await r.agent("apply --server-side -f -", configMap({ name: "fourth" }));
      expect(applied.stderr).toContain(`configmaps "fourth" is forbidden: this trial's ceiling of 2 objects`);
      expect(r.proxy.refusedCreates()).toBe(2);
      expect((await env.kubectl("get configmap third fourth -n prod")).stderr).toContain(
        'configmaps "third" not found',
      );
      expect(r.entries).toContainEqual(
        expect.objectContaining({ verb: "create", resource: "configmaps", name: "third", code: 403 }),
      );

      // Writes to existing objects and access reviews still go through.
      expect((await r.agent("apply --server-side -f -", configMap({ name: "first" }, { a: "b" }))).code).toBe(
        0,
      );
      expect((await r.agent("auth can-i create configmaps")).stdout).toBe("yes\n");
      expect(r.proxy.created().map((o) => o.name)).toEqual(["first", "second"]);
    } finally {
      await r.proxy.close();
    }
  });
});

describe("an unreachable API server", () => {
  it("answers 503 naming the upstream, and records it", async () => {
    const closed = https.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const server = `https://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const r = await startRecorded({ upstream: { ...upstream, server } });
    try {
      const res = await r.agent(`get --raw /api/v1/namespaces/prod/pods`);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`Smith's API proxy could not reach the cluster's API server at ${server}`);
      expect(r.entries).toContainEqual(
        expect.objectContaining({ verb: "list", resource: "pods", namespace: "prod", code: 503 }),
      );
    } finally {
      await r.proxy.close();
    }
  });
});

describe("hang-ups", () => {
  /** An API server stand-in whose answers each test writes, so it sees what the proxy does with them. */
  async function stubUpstream(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const { certPem, keyPem } = await serverCertificate();
    const server = https.createServer({ cert: certPem, key: keyPem }, handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const proxy = await startRecordingProxy({
      upstream: {
        server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
        caPem: certPem,
        token: "real",
      },
      user: AGENT,
      time: () => env.cluster.clock.isoMicro(),
      onEntry: () => {},
      maxCreates: 10,
    });
    return {
      proxy,
      close: async () => {
        await proxy.close();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }

  function send(proxy: RecordingProxy, method: string, path: string, body?: object): http.ClientRequest {
    const req = https.request(`${proxy.url}${path}`, {
      method,
      ca: proxy.caCertPem,
      headers: { authorization: `Bearer ${proxy.token}`, "content-type": "application/json" },
    });
    req.on("error", () => {});
    req.end(body === undefined ? undefined : JSON.stringify(body));
    return req;
  }

  const responseOf = (req: http.ClientRequest) =>
    new Promise<http.IncomingMessage>((resolve) => req.on("response", resolve));

  it("ends upstream's stream when the client hangs up, and the client's when upstream does", async () => {
    const streams: { res: http.ServerResponse; closed: Promise<void> }[] = [];
    const stub = await stubUpstream((req, res) => {
      const closed = new Promise<void>((resolve) => res.on("close", () => resolve()));
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"type":"ADDED","object":{}}\n');
      streams.push({ res, closed });
      req.resume();
    });
    try {
      const first = await responseOf(send(stub.proxy, "GET", "/api/v1/namespaces/prod/pods?watch=true"));
      await new Promise((resolve) => first.once("data", resolve));
      first.destroy();
      await streams[0]?.closed;

      const second = await responseOf(send(stub.proxy, "GET", "/api/v1/namespaces/prod/pods?watch=true"));
      const ended = new Promise((resolve) => second.on("close", resolve));
      await new Promise((resolve) => second.once("data", resolve));
      streams[1]?.res.destroy();
      await ended;
      expect(second.complete).toBe(false);
    } finally {
      await stub.close();
    }
  });

  it("still learns the name of an object whose create the client gave up on, even while closing", async () => {
    let respond: ((name: string) => void) | undefined;
    let createArrived: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      createArrived = resolve;
    });
    const stub = await stubUpstream((req, res) => {
      req.resume();
      respond = (name) => {
        res.writeHead(201, { "Content-Type": "application/json" });
        res.end(
          JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "prod" } }),
        );
      };
      createArrived();
    });
    try {
      const client = send(stub.proxy, "POST", "/api/v1/namespaces/prod/configmaps", {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { generateName: "late-" },
      });
      await arrived;
      client.destroy();
      let closed = false;
      const closing = stub.proxy.close().then(() => {
        closed = true;
      });
      // Give close every chance to finish early: it must wait for the create upstream has not answered.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(closed).toBe(false);
      respond?.("late-x7k2p");
      await closing;
      expect(stub.proxy.created()).toEqual([
        {
          apiVersion: "v1",
          kind: "ConfigMap",
          namespace: "prod",
          name: "late-x7k2p",
          resource: "configmaps",
        },
      ]);
    } finally {
      await stub.close();
    }
  });
});
