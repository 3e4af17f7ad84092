import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubectlEnv, startKubectlEnv } from "../helpers/kubectl-env.js";

let env: KubectlEnv;
let agent: string;
beforeAll(async () => {
  env = await startKubectlEnv();
  for (const cmd of [
    "create namespace prod",
    "create serviceaccount agent -n prod",
    "create rolebinding agent-edit --clusterrole=edit --serviceaccount=prod:agent -n prod",
  ]) {
    const r = await env.kubectl(cmd);
    if (r.code !== 0) throw new Error(r.stderr);
  }
  agent = env.kubeconfigFor("prod", "agent");
});
afterAll(() => env.stop());

describe("a ServiceAccount bound to one namespace", () => {
  it("works in its namespace", async () => {
    const r = await env.kubectl("create deployment web --image=nginx -n prod", { kubeconfig: agent });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("deployment.apps/web created\n");
    const list = await env.kubectl("get deploy", { kubeconfig: agent });
    expect(list.stdout).toMatch(/^web\s/m);
  });

  it("is refused elsewhere with the real 403 message", async () => {
    const r = await env.kubectl("get deployments -n default", { kubeconfig: agent });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Error from server (Forbidden): deployments.apps is forbidden: User "system:serviceaccount:prod:agent" cannot list resource "deployments" in API group "apps" in the namespace "default"',
    );
    const create = await env.kubectl("create namespace escape", { kubeconfig: agent });
    expect(create.stderr).toContain(
      'namespaces is forbidden: User "system:serviceaccount:prod:agent" cannot create resource "namespaces" in API group "" at the cluster scope',
    );
  });

  it("gets truthful answers from auth can-i", async () => {
    const yes = await env.kubectl("auth can-i create deployments -n prod", { kubeconfig: agent });
    expect(yes.stdout.trim()).toBe("yes");
    const no = await env.kubectl("auth can-i create deployments -n default", { kubeconfig: agent });
    expect(no.stdout.trim()).toBe("no");
    expect(no.code).toBe(1);
    const scale = await env.kubectl("auth can-i patch deployments.apps/scale -n prod", { kubeconfig: agent });
    expect(scale.stdout.trim()).toBe("yes");
    const list = await env.kubectl("auth can-i --list -n prod", { kubeconfig: agent });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs/m);
    expect(list.stdout).toMatch(
      /^deployments\.apps\s+\[\]\s+\[\]\s+\[create delete deletecollection patch update get list watch\]$/m,
    );
    expect(list.stdout).not.toMatch(/^nodes\s/m);
  });

  it("cannot impersonate anyone", async () => {
    const r = await env.kubectl("get pods -n prod --as=system:admin", { kubeconfig: agent });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'users "system:admin" is forbidden: User "system:serviceaccount:prod:agent" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });

  it("is told who it is by a token the server recognises, and refused without one", async () => {
    const { writeFileSync, readFileSync } = await import("node:fs");
    const bad = `${env.dir}/bad.kubeconfig`;
    writeFileSync(bad, readFileSync(agent, "utf8").replace(/token: .*/, "token: not-a-token"));
    const r = await env.kubectl("get pods -n prod", { kubeconfig: bad });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: You must be logged in to the server (Unauthorized)");
  });
});
