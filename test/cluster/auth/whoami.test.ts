import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/index.js";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

let env: KubectlEnv;
let loner: string;
beforeAll(async () => {
  env = await startKubectlEnv({ seed: 7 });
  // A ServiceAccount without a single binding of its own: only the bootstrap policy speaks for it.
  for (const cmd of ["create namespace prod", "create serviceaccount loner -n prod"]) {
    const r = await env.kubectl(cmd);
    if (r.code !== 0) throw new Error(r.stderr);
  }
  loner = env.kubeconfigFor("prod", "loner");
});
afterAll(() => env.stop());

async function whoami(args: string, kubeconfig?: string): Promise<string> {
  const r = await env.kubectl(`${args} auth whoami`.trim(), kubeconfig ? { kubeconfig } : {});
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return r.stdout;
}

function uidOf(resource: string, namespace: string | undefined, name: string): string {
  return env.cluster.store.get(resource, namespace, name)?.metadata.uid as string;
}

describe("kubectl auth whoami", () => {
  it("prints the harness's username and groups, and no UID it does not have", async () => {
    expect(await whoami("")).toBe(
      [
        "ATTRIBUTE   VALUE",
        "Username    smith:harness",
        "Groups      [system:masters system:authenticated]",
        "",
      ].join("\n"),
    );
  });

  it("prints a ServiceAccount's username, uid and groups, with no binding of its own", async () => {
    expect(await whoami("", loner)).toBe(
      [
        "ATTRIBUTE   VALUE",
        "Username    system:serviceaccount:prod:loner",
        `UID         ${uidOf("serviceaccounts", "prod", "loner")}`,
        "Groups      [system:serviceaccounts system:serviceaccounts:prod system:authenticated]",
        "",
      ].join("\n"),
    );
  });

  it("prints the SelfSubjectReview itself with -o json, stamped with the virtual time", async () => {
    const review = JSON.parse(await whoami("-o json", loner)) as KubeObject;
    const audited = env.cluster.audit
      .list()
      .filter((e) => e.resource === "selfsubjectreviews.authentication.k8s.io")
      .at(-1);
    expect(review).toEqual({
      kind: "SelfSubjectReview",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { creationTimestamp: `${audited?.time.slice(0, 19)}Z` },
      status: {
        userInfo: {
          username: "system:serviceaccount:prod:loner",
          uid: uidOf("serviceaccounts", "prod", "loner"),
          groups: ["system:serviceaccounts", "system:serviceaccounts:prod", "system:authenticated"],
        },
      },
    });
  });

  it("shows the extra a requested token carries: its credential id, and the pod and node it is bound to", async () => {
    const manifest =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: runner, namespace: prod}\nspec: {serviceAccountName: loner, containers: [{name: c, image: busybox}]}\n";
    expect((await env.kubectl("apply -f -", { stdin: manifest })).code).toBe(0);
    env.cluster.settle();
    const pod = env.cluster.store.get("pods", "prod", "runner") as KubeObject;
    const node = (pod.spec as { nodeName: string }).nodeName;
    const created = await env.kubectl(
      "create token loner -n prod --bound-object-kind Pod --bound-object-name runner",
    );
    const token = created.stdout.trim();
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as {
      jti: string;
    };
    const review = JSON.parse(await whoami(`--token=${token} -o json`)) as {
      status: { userInfo: { extra: Record<string, string[]> } };
    };
    const extra = {
      "authentication.kubernetes.io/credential-id": [`JTI=${claims.jti}`],
      "authentication.kubernetes.io/node-name": [node],
      "authentication.kubernetes.io/node-uid": [uidOf("nodes", undefined, node)],
      "authentication.kubernetes.io/pod-name": ["runner"],
      "authentication.kubernetes.io/pod-uid": [uidOf("pods", "prod", "runner")],
    };
    expect(review.status.userInfo.extra).toEqual(extra);
    // Go writes map keys sorted, and kubectl prints the extras in that order.
    expect(Object.keys(review.status.userInfo.extra)).toEqual(Object.keys(extra).sort());
    const table = await whoami(`--token=${token}`);
    expect(table).toMatch(/^Extra: authentication\.kubernetes\.io\/pod-name\s+\[runner\]$/m);
    expect(table).toContain(`Extra: authentication.kubernetes.io/credential-id   [JTI=${claims.jti}]`);
  });

  it("is audited as a create of selfsubjectreviews, answered 201", async () => {
    await whoami("", loner);
    expect(env.cluster.audit.list().at(-1)).toMatchObject({
      user: "system:serviceaccount:prod:loner",
      verb: "create",
      resource: "selfsubjectreviews.authentication.k8s.io",
      code: 201,
    });
  });

  it("owes its permission to the system:basic-user binding of the bootstrap policy", async () => {
    expect((await env.kubectl("delete clusterrolebinding system:basic-user")).code).toBe(0);
    const refused = await env.kubectl("auth whoami", { kubeconfig: loner });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "error: the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it\n",
    );
  });
});
