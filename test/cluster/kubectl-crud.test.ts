import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubectlEnv, startKubectlEnv } from "../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv();
});
afterAll(() => env.stop());

async function ok(args: string, stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

describe("typed create commands (protobuf bodies)", () => {
  it("creates a namespace, a deployment, a configmap, a secret, a service, a job, a serviceaccount, a role and a rolebinding", async () => {
    expect(await ok("create namespace shop")).toBe("namespace/shop created\n");
    expect(await ok("create deployment web --image=nginx:1.27 --replicas=3 --port=8080 -n shop")).toBe(
      "deployment.apps/web created\n",
    );
    expect(await ok("create configmap settings --from-literal=mode=fast -n shop")).toBe(
      "configmap/settings created\n",
    );
    expect(await ok("create secret generic creds --from-literal=password=hunter2 -n shop")).toBe(
      "secret/creds created\n",
    );
    expect(await ok("create service clusterip web --tcp=80:8080 -n shop")).toBe("service/web created\n");
    expect(await ok("create job once --image=busybox -n shop -- echo hi")).toBe("job.batch/once created\n");
    expect(await ok("create serviceaccount robot -n shop")).toBe("serviceaccount/robot created\n");
    expect(await ok("create role reader --verb=get,list --resource=pods -n shop")).toBe(
      "role.rbac.authorization.k8s.io/reader created\n",
    );
    expect(await ok("create rolebinding robot-reads --role=reader --serviceaccount=shop:robot -n shop")).toBe(
      "rolebinding.rbac.authorization.k8s.io/robot-reads created\n",
    );
  });

  it("stored what the typed commands sent, with server defaults", async () => {
    const d = JSON.parse(await ok("get deployment web -n shop -o json")) as {
      metadata: { uid: string; generation: number; creationTimestamp: string; resourceVersion: string };
      spec: {
        replicas: number;
        strategy: { type: string };
        template: {
          spec: {
            containers: {
              image: string;
              ports: { containerPort: number; protocol: string }[];
              imagePullPolicy: string;
            }[];
          };
        };
      };
    };
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.strategy.type).toBe("RollingUpdate");
    expect(d.spec.template.spec.containers[0]).toMatchObject({
      image: "nginx:1.27",
      imagePullPolicy: "IfNotPresent",
      ports: [{ containerPort: 8080, protocol: "TCP" }],
    });
    expect(d.metadata.generation).toBe(1);
    expect(d.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(d.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const secret = JSON.parse(await ok("get secret creds -n shop -o json")) as {
      data: { password: string };
      type: string;
    };
    expect(Buffer.from(secret.data.password, "base64").toString()).toBe("hunter2");
    expect(secret.type).toBe("Opaque");
    const svc = JSON.parse(await ok("get svc web -n shop -o json")) as {
      spec: { clusterIP: string; ports: { port: number; targetPort: number }[] };
    };
    expect(svc.spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080 });
  });
});

describe("get and its output formats", () => {
  it("prints deployments with the columns people know", async () => {
    const out = await ok("get deployments -n shop");
    expect(out.split("\n")[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(out).toMatch(/^web\s+\d+\/3\s+\d+\s+\d+\s+\S+$/m);
    const wide = await ok("get deployments -n shop -o wide");
    expect(wide.split("\n")[0]).toMatch(/CONTAINERS\s+IMAGES\s+SELECTOR$/);
    expect(wide).toMatch(/nginx\s+nginx:1\.27\s+app=web/);
  });

  it("supports -o name, jsonpath, custom-columns and yaml", async () => {
    expect(await ok("get deploy -n shop -o name")).toBe("deployment.apps/web\n");
    expect(await ok("get deploy web -n shop -o jsonpath={.spec.replicas}")).toBe("3");
    const cc = await ok("get cm -n shop -o custom-columns=NAME:.metadata.name,MODE:.data.mode");
    expect(cc).toMatch(/^NAME\s+MODE$/m);
    expect(cc).toMatch(/^settings\s+fast$/m);
    const yaml = await ok("get cm settings -n shop -o yaml");
    expect(yaml).toMatch(/^kind: ConfigMap$/m);
    expect(yaml).toMatch(/^ {2}mode: fast$/m);
  });

  it("filters with -l, --field-selector and -A, and sorts", async () => {
    await ok("create configmap a1 -n shop --from-literal=x=1");
    await ok("label configmap a1 -n shop tier=gold");
    expect(await ok("get cm -n shop -l tier=gold -o name")).toBe("configmap/a1\n");
    expect(await ok("get cm -n shop -l 'tier notin (gold)' -o name")).not.toContain("configmap/a1");
    expect(await ok("get cm -n shop --field-selector metadata.name=settings -o name")).toBe(
      "configmap/settings\n",
    );
    const all = await ok("get serviceaccounts -A");
    expect(all.split("\n")[0]).toMatch(/^NAMESPACE\s+NAME\s+SECRETS\s+AGE$/);
    expect(all).toMatch(/^shop\s+robot\s+0\s+/m);
    expect(all).toMatch(/^kube-system\s+default\s+0\s+/m);
    const sorted = await ok("get cm -n shop --sort-by=.metadata.name -o name");
    const names = sorted.trim().split("\n");
    expect(names).toEqual([...names].sort());
  });

  it("pages lists with limit and continue", async () => {
    for (let i = 0; i < 7; i++) await ok(`create configmap page-${i} -n shop`);
    const out = await ok("get cm -n shop --chunk-size=2 -o name");
    for (let i = 0; i < 7; i++) expect(out).toContain(`configmap/page-${i}\n`);
  });
});

describe("delete", () => {
  it("deletes by name, by label, --all, and force", async () => {
    await ok("create namespace trash");
    for (const n of ["a", "b", "c", "d"]) await ok(`create configmap ${n} -n trash`);
    await ok("label cm a b -n trash doomed=yes");
    expect(await ok("delete cm c -n trash")).toBe('configmap "c" deleted\n');
    expect(await ok("delete cm -l doomed=yes -n trash")).toBe(
      'configmap "a" deleted\nconfigmap "b" deleted\n',
    );
    expect(await ok("delete cm --all -n trash")).toContain('configmap "d" deleted');
    const left = await ok("get cm -n trash -o name");
    expect(left).not.toMatch(/configmap\/[abcd]\n/);
  });

  it("deletes a namespace and everything in it", async () => {
    await ok("create namespace gone");
    await ok("create deployment x --image=nginx -n gone");
    expect(await ok("delete namespace gone")).toBe('namespace "gone" deleted\n');
    const r = await env.kubectl("get namespace gone");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('namespaces "gone" not found');
  });
});
