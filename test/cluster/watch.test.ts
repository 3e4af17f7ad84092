import https from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EmbeddedCluster, findKind } from "../../src/cluster/index.js";

let cluster: EmbeddedCluster;
let token: string;
let ca: Buffer;
beforeAll(async () => {
  cluster = await EmbeddedCluster.start({ seed: 3, timeMode: "manual" });
  const config = parse(cluster.kubeconfig("harness")) as {
    users: { user: { token: string } }[];
    clusters: { cluster: { "certificate-authority-data": string } }[];
  };
  token = config.users[0]?.user.token ?? "";
  ca = Buffer.from(config.clusters[0]?.cluster["certificate-authority-data"] ?? "", "base64");
});
afterAll(() => cluster.stop());

/** Opens a watch and collects its event lines until the server ends the stream. */
function watch(path: string, onOpen: () => void): Promise<string[]> {
  return new Promise((resolve, reject) => {
    https
      .get(`${cluster.url}${path}`, { ca, headers: { authorization: `Bearer ${token}` } }, (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve(text.split("\n").filter(Boolean)));
        onOpen();
      })
      .on("error", reject);
  });
}

describe("watch", () => {
  it("ends at timeoutSeconds on the virtual clock, and a write in the same instant does not break the server", async () => {
    const configMaps = findKind("v1", "ConfigMap");
    if (!configMaps) throw new Error("configmaps are served");
    const lines = await watch(
      "/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=0&timeoutSeconds=5",
      () => {
        // Due at the same instant as the timeout, after it: the stream has ended when this write happens.
        cluster.clock.after(5000, "late write", () =>
          cluster.api.create(cluster.harness, configMaps, "default", {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: "late" },
          }),
        );
        cluster.advance(5000);
      },
    );
    expect(
      lines.map(
        (l) =>
          (JSON.parse(l) as { type: string; object: { metadata: { name: string } } }).object.metadata.name,
      ),
    ).toEqual(["kube-root-ca.crt"]);
    expect(cluster.store.get("configmaps", "default", "late")).toBeDefined();
  });

  it("resumes from a resourceVersion with the events after it", async () => {
    const rv = cluster.store.resourceVersion();
    const configMaps = findKind("v1", "ConfigMap");
    if (!configMaps) throw new Error("configmaps are served");
    cluster.api.create(cluster.harness, configMaps, "default", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "after" },
    });
    const lines = await watch(
      `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}&timeoutSeconds=1`,
      () => cluster.advance(1000),
    );
    expect(lines.map((l) => JSON.parse(l).type)).toEqual(["ADDED"]);
    expect(JSON.parse(lines[0] ?? "{}").object.metadata.name).toBe("after");
  });
});
