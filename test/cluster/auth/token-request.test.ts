import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/index.js";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

const API_AUDIENCE = "https://kubernetes.default.svc.cluster.local";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv({ seed: 5 });
  for (const cmd of [
    "create namespace prod",
    "create serviceaccount agent -n prod",
    "create serviceaccount viewer -n prod",
    "create serviceaccount other -n prod",
    "create rolebinding agent-edit --clusterrole=edit --serviceaccount=prod:agent -n prod",
    "create rolebinding viewer-view --clusterrole=view --serviceaccount=prod:viewer -n prod",
  ]) {
    const r = await env.kubectl(cmd);
    if (r.code !== 0) throw new Error(r.stderr);
  }
});
afterAll(() => env.stop());

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
}

async function createToken(args: string): Promise<string> {
  const r = await env.kubectl(`create token ${args}`);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return r.stdout.trim();
}

const asToken = (token: string, args: string) => env.kubectl(`--token=${token} ${args}`);

function uidOf(resource: string, namespace: string | undefined, name: string): string {
  return env.cluster.store.get(resource, namespace, name)?.metadata.uid as string;
}

describe("kubectl create token", () => {
  it("prints a token that authenticates as the ServiceAccount, whose RBAC then applies", async () => {
    const token = await createToken("agent -n prod");
    expect(token.split(".")).toHaveLength(3);
    const allowed = await asToken(token, "create deployment web --image=nginx -n prod");
    expect(allowed.stderr).toBe("");
    expect(allowed.stdout).toBe("deployment.apps/web created\n");
    const refused = await asToken(token, "get deployments -n default");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'Error from server (Forbidden): deployments.apps is forbidden: User "system:serviceaccount:prod:agent" cannot list resource "deployments" in API group "apps" in the namespace "default"',
    );
  });

  it("answers the TokenRequest with kube-apiserver's defaults and the virtual clock's times", async () => {
    const r = await env.kubectl("create token agent -n prod -o json");
    expect(r.code).toBe(0);
    const tr = JSON.parse(r.stdout);
    const now = env.cluster.clock.iso();
    expect(tr).toEqual({
      kind: "TokenRequest",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { name: "agent", namespace: "prod", creationTimestamp: now },
      spec: { audiences: [API_AUDIENCE], expirationSeconds: 3600, boundObjectRef: null },
      status: {
        token: expect.any(String),
        expirationTimestamp: env.cluster.clock.iso(Date.parse(now) + 3600_000),
      },
    });
  });

  it("carries a bound token's claims: audiences, lifetime, the ServiceAccount and its uid", async () => {
    const claims = claimsOf(await createToken("agent -n prod --duration 2h"));
    const iat = claims.iat as number;
    expect(iat).toBe(Math.floor(env.cluster.clock.now() / 1000));
    expect(claims).toEqual({
      aud: [API_AUDIENCE],
      exp: iat + 7200,
      iat,
      iss: API_AUDIENCE,
      jti: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      "kubernetes.io": {
        namespace: "prod",
        serviceaccount: { name: "agent", uid: uidOf("serviceaccounts", "prod", "agent") },
      },
      nbf: iat,
      sub: "system:serviceaccount:prod:agent",
    });
  });

  it("gives a token for another audience that the API server then refuses", async () => {
    const token = await createToken("agent -n prod --audience vault");
    expect(claimsOf(token).aud).toEqual(["vault"]);
    const r = await asToken(token, "get pods -n prod");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: You must be logged in to the server (Unauthorized)");
  });

  it("refuses durations under ten minutes with the real validation message", async () => {
    const r = await env.kubectl("create token agent -n prod --duration 5m");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
    );
  });

  it("answers 404 for a missing ServiceAccount", async () => {
    const r = await env.kubectl("create token ghost -n prod");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: failed to create token: serviceaccounts "ghost" not found\n');
  });

  it("needs create on serviceaccounts/token: the real 403 otherwise", async () => {
    const viewer = await createToken("viewer -n prod");
    const r = await asToken(viewer, "create token agent -n prod");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: failed to create token: serviceaccounts "agent" is forbidden: User "system:serviceaccount:prod:viewer" cannot create resource "serviceaccounts/token" in API group "" in the namespace "prod"\n',
    );
    // edit grants it: the agent can mint tokens for the other ServiceAccounts of its namespace, as on a real cluster.
    const agent = await createToken("agent -n prod");
    const minted = await asToken(agent, "create token viewer -n prod");
    expect(minted.code).toBe(0);
    expect(claimsOf(minted.stdout.trim()).sub).toBe("system:serviceaccount:prod:viewer");
  });

  it("is audited as a create of serviceaccounts/token", async () => {
    await createToken("other -n prod --duration 20m");
    const entry = env.cluster.audit.list().findLast((e) => e.subresource === "token" && e.name === "other");
    expect(entry).toMatchObject({
      user: "smith:harness",
      verb: "create",
      resource: "serviceaccounts",
      subresource: "token",
      namespace: "prod",
      name: "other",
      code: 201,
      requestBody: { kind: "TokenRequest", spec: { expirationSeconds: 1200 } },
    });
  });
});

describe("a requested token's lifetime", () => {
  it("ends at its expiry on the virtual clock, after the validator's minute of leeway", async () => {
    const token = await createToken("agent -n prod --duration 10m");
    env.cluster.advance(10 * 60_000 + 30_000);
    expect((await asToken(token, "get pods -n prod")).code).toBe(0);
    env.cluster.advance(60_000);
    const r = await asToken(token, "get pods -n prod");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: You must be logged in to the server (Unauthorized)");
  });

  it("ends when its ServiceAccount is deleted, even if one of the same name comes back", async () => {
    await env.kubectl("create serviceaccount temp -n prod");
    await env.kubectl("create rolebinding temp-view --clusterrole=view --serviceaccount=prod:temp -n prod");
    const token = await createToken("temp -n prod");
    expect((await asToken(token, "get pods -n prod")).code).toBe(0);
    await env.kubectl("delete serviceaccount temp -n prod");
    await env.kubectl("create serviceaccount temp -n prod");
    const r = await asToken(token, "get pods -n prod");
    expect(r.stderr).toContain("(Unauthorized)");
  });

  it("binds to a pod: its claims name the pod and its node, and the token ends with the pod", async () => {
    const manifest =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: runner, namespace: prod}\nspec: {serviceAccountName: agent, containers: [{name: c, image: busybox}]}\n";
    expect((await env.kubectl("apply -f -", { stdin: manifest })).code).toBe(0);
    env.cluster.settle();
    const token = await createToken("agent -n prod --bound-object-kind Pod --bound-object-name runner");
    const pod = env.cluster.store.get("pods", "prod", "runner") as KubeObject;
    const node = (pod.spec as { nodeName: string }).nodeName;
    expect(claimsOf(token)["kubernetes.io"]).toMatchObject({
      pod: { name: "runner", uid: uidOf("pods", "prod", "runner") },
      node: { name: node, uid: uidOf("nodes", undefined, node) },
    });
    expect((await asToken(token, "get pods -n prod")).code).toBe(0);
    await env.kubectl("delete pod runner -n prod --wait=false");
    env.cluster.advance(5_000);
    expect(env.cluster.store.get("pods", "prod", "runner")).toBeUndefined();
    expect((await asToken(token, "get pods -n prod")).stderr).toContain("(Unauthorized)");
  });

  it("refuses to bind to a pod of another ServiceAccount, or to a kind it cannot bind", async () => {
    const pod =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: stranger, namespace: prod}\nspec: {containers: [{name: c, image: busybox}]}\n";
    expect((await env.kubectl("apply -f -", { stdin: pod })).code).toBe(0);
    const other = await env.kubectl(
      "create token agent -n prod --bound-object-kind Pod --bound-object-name stranger",
    );
    expect(other.stderr).toBe(
      'error: failed to create token: cannot bind token for serviceaccount "agent" to pod running with different serviceaccount name.\n',
    );
    const missing = await env.kubectl(
      "create token agent -n prod --bound-object-kind Secret --bound-object-name nope",
    );
    expect(missing.stderr).toBe('error: failed to create token: secrets "nope" not found\n');
  });
});

describe("TokenRequest through @kubernetes/client-node", () => {
  it("createNamespacedServiceAccountToken returns a working token", async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromString(env.cluster.kubeconfig("harness"));
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const tr = await core.createNamespacedServiceAccountToken({
      name: "agent",
      namespace: "prod",
      body: { spec: { audiences: [], expirationSeconds: 1800 } },
    });
    expect(tr.spec?.expirationSeconds).toBe(1800);
    expect(tr.spec?.audiences).toEqual([API_AUDIENCE]);
    expect(tr.status?.expirationTimestamp?.getTime()).toBe(
      Math.floor(env.cluster.clock.now() / 1000) * 1000 + 1800_000,
    );
    const r = await asToken(tr.status?.token ?? "", "auth can-i create deployments -n prod");
    expect(r.stdout.trim()).toBe("yes");
  });
});

describe("determinism", () => {
  it("hands out the same token for the same seed and requests", async () => {
    const mint = async () => {
      const e = await startKubectlEnv({ seed: 11 });
      try {
        await e.kubectl("create serviceaccount agent");
        const r = await e.kubectl("create token agent --duration 1h");
        return r.stdout;
      } finally {
        await e.stop();
      }
    };
    const first = await mint();
    expect(first).toMatch(/^ey/);
    expect(await mint()).toBe(first);
  });
});
