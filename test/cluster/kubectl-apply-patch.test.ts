import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubectlEnv, startKubectlEnv } from "../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv();
});
afterAll(() => env.stop());

async function ok(args: string | string[], stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

function deployment(name: string, image: string, replicas = 1): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: main
        image: ${image}
        ports:
        - containerPort: 8080
`;
}

describe("kubectl apply", () => {
  it("applies from a file, is idempotent, and configures on change", async () => {
    const file = path.join(env.dir, "web.yaml");
    writeFileSync(file, deployment("web", "nginx:1.27"));
    expect(await ok(["apply", "-f", file])).toBe("deployment.apps/web created\n");
    expect(await ok(["apply", "-f", file])).toBe("deployment.apps/web unchanged\n");
    writeFileSync(file, deployment("web", "nginx:1.28", 2));
    expect(await ok(["apply", "-f", file])).toBe("deployment.apps/web configured\n");
    expect(
      await ok(
        "get deploy web -o jsonpath={.spec.replicas},{.spec.template.spec.containers[0].image},{.metadata.generation}",
      ),
    ).toBe("2,nginx:1.28,2");
  });

  it("applies a directory and a multi-document stream from stdin", async () => {
    const dir = path.join(env.dir, "manifests");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "a.yaml"),
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dir-a\ndata: {k: v}\n",
    );
    writeFileSync(path.join(dir, "b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dir-b\n");
    expect(await ok(["apply", "-f", dir])).toBe("configmap/dir-a created\nconfigmap/dir-b created\n");
    const stream = `${deployment("multi", "redis:7")}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: multi\nspec:\n  selector: {app: multi}\n  ports:\n  - port: 6379\n`;
    expect(await ok("apply -f -", stream)).toBe("deployment.apps/multi created\nservice/multi created\n");
  });

  it("rejects unknown fields strictly, as kubectl's default validation asks the server to", async () => {
    const r = await env.kubectl("apply -f -", {
      stdin: deployment("typo", "nginx").replace("replicas:", "replicaz:"),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('strict decoding error: unknown field "spec.replicaz"');
  });

  it("applies server-side with field managers and reports conflicts", async () => {
    expect(await ok("apply --server-side -f -", deployment("ssa", "nginx:1.27", 2))).toBe(
      "deployment.apps/ssa serverside-applied\n",
    );
    expect(await ok("scale deployment ssa --replicas=5")).toBe("deployment.apps/ssa scaled\n");
    const conflict = await env.kubectl("apply --server-side -f -", {
      stdin: deployment("ssa", "nginx:1.27", 3),
    });
    expect(conflict.code).toBe(1);
    // kubectl scale sends no fieldManager: the manager is the user agent's "kubectl", on the scale subresource.
    expect(conflict.stderr).toContain(
      'conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    );
    expect(conflict.stderr).toContain(".spec.replicas");
    expect(await ok("apply --server-side --force-conflicts -f -", deployment("ssa", "nginx:1.27", 3))).toBe(
      "deployment.apps/ssa serverside-applied\n",
    );
    expect(await ok("get deploy ssa -o jsonpath={.spec.replicas}")).toBe("3");
    const managers = JSON.parse(await ok("get deploy ssa -o json --show-managed-fields")) as {
      metadata: { managedFields: { manager: string; operation: string }[] };
    };
    expect(managers.metadata.managedFields.map((m) => `${m.manager}/${m.operation}`)).toContain(
      "kubectl/Apply",
    );
  });

  it("answers 201 Created when a server-side apply creates the object, 200 when it updates it", async () => {
    const configMap = (value: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\ndata:\n  mode: "${value}"\n`;
    const created = await env.kubectl("apply --server-side -v=6 -f -", { stdin: configMap("fast") });
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/PATCH https:\/\/\S+\/configmaps\/fresh\?\S+ 201 Created/);
    const updated = await env.kubectl("apply --server-side -v=6 -f -", { stdin: configMap("slow") });
    expect(updated.code).toBe(0);
    expect(updated.stderr).toMatch(/PATCH https:\/\/\S+\/configmaps\/fresh\?\S+ 200 OK/);
    const patches = env.cluster.audit.list().filter((e) => e.verb === "patch" && e.name === "fresh");
    expect(patches.map((e) => e.code)).toEqual([201, 200]);
  });

  it("lets a server-side applier change the fields its own apply created", async () => {
    // A ConfigMap has no controller writing to it, so nothing but the apply can record an owner.
    const file = path.join(env.dir, "owned.yaml");
    const configMap = (value: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\ndata:\n  mode: "${value}"\n`;
    writeFileSync(file, configMap("fast"));
    expect(await ok(["apply", "--server-side", "-f", file])).toBe("configmap/owned serverside-applied\n");
    const live = JSON.parse(await ok("get cm owned -o json --show-managed-fields")) as {
      metadata: { managedFields: { manager: string; operation: string; fieldsV1: unknown }[] };
    };
    expect(live.metadata.managedFields).toMatchObject([
      { manager: "kubectl", operation: "Apply", fieldsV1: { "f:data": { "f:mode": {} } } },
    ]);
    writeFileSync(file, configMap("slow"));
    expect(await ok(["apply", "--server-side", "-f", file])).toBe("configmap/owned serverside-applied\n");
    expect(await ok("get cm owned -o jsonpath={.data.mode}")).toBe("slow");
  });

  it("copies a deployment the way agents do, and refuses what a real API server refuses", async () => {
    // kubectl clears resourceVersion itself on create and apply, so an edited copy goes through…
    const original = await ok("get deploy web -o json");
    const copy = original.replace(/"name": "web"/g, '"name": "web-copy"');
    expect(await ok("apply -f -", copy)).toBe("deployment.apps/web-copy created\n");
    expect(await ok("get deploy web-copy -o jsonpath={.spec.template.spec.containers[0].image}")).toBe(
      "nginx:1.28",
    );
    // …but a raw POST that keeps it is refused, as kube-apiserver's storage refuses it.
    const raw = await env.kubectl("create --raw /apis/apps/v1/namespaces/default/deployments -f -", {
      stdin: original.replace(/"name": "web"/g, '"name": "web-raw"'),
    });
    expect(raw.code).toBe(1);
    expect(raw.stderr).toContain("resourceVersion should not be set on objects to be created");
    // A copied Service keeps its clusterIP, which is taken.
    await ok("create service clusterip orig --tcp=80:8080");
    const svc = (await ok("get svc orig -o json")).replace(/"name": "orig"/, '"name": "orig-copy"');
    const dup = await env.kubectl("apply -f -", { stdin: svc });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(
      /spec\.clusterIPs: Invalid value: \[\]string\{"10\.\d+\.\d+\.\d+"\}: failed to allocate IP 10\.\d+\.\d+\.\d+: provided IP is already allocated/,
    );
  });
});

describe("kubectl patch, set, scale, label, annotate, expose, autoscale", () => {
  it("patches with each patch type", async () => {
    await ok([
      "patch",
      "deployment",
      "web",
      "-p",
      '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"envoy:1"}]}}}}',
    ]);
    expect(await ok("get deploy web -o jsonpath={.spec.template.spec.containers[*].name}")).toBe(
      "sidecar main",
    );
    await ok(["patch", "deployment", "web", "--type=merge", "-p", '{"metadata":{"labels":{"team":"a"}}}']);
    await ok([
      "patch",
      "deployment",
      "web",
      "--type=json",
      "-p",
      '[{"op":"replace","path":"/spec/replicas","value":4}]',
    ]);
    expect(await ok("get deploy web -o jsonpath={.metadata.labels.team},{.spec.replicas}")).toBe("a,4");
    const bad = await env.kubectl([
      "patch",
      "deployment",
      "web",
      "--type=json",
      "-p",
      '[{"op":"test","path":"/spec/replicas","value":9}]',
    ]);
    expect(bad.code).toBe(1);
  });

  it("sets image, env and resources", async () => {
    await ok("set image deployment/web main=nginx:1.29");
    await ok("set env deployment/web MODE=fast");
    await ok("set resources deployment/web -c=main --limits=cpu=500m,memory=256Mi");
    const c = JSON.parse(await ok("get deploy web -o jsonpath={.spec.template.spec.containers[1]}")) as {
      image: string;
      env: { name: string; value: string }[];
      resources: { limits: Record<string, string> };
    };
    expect(c.image).toBe("nginx:1.29");
    expect(c.env).toEqual([{ name: "MODE", value: "fast" }]);
    expect(c.resources.limits).toEqual({ cpu: "500m", memory: "256Mi" });
  });

  it("scales, with and without --current-replicas", async () => {
    expect(await ok("scale deployment web --replicas=6")).toBe("deployment.apps/web scaled\n");
    const wrong = await env.kubectl("scale deployment web --current-replicas=2 --replicas=3");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("Expected replicas to be 2, was 6");
    expect(await ok("scale deployment web --current-replicas=6 --replicas=3")).toBe(
      "deployment.apps/web scaled\n",
    );
    expect(await ok("get deploy web -o jsonpath={.spec.replicas}")).toBe("3");
  });

  it("reports the full label selector, expressions included, on the scale subresource", async () => {
    const d = deployment("picky", "nginx:1.27")
      .replace(
        "    matchLabels: {app: picky}\n",
        "    matchLabels: {app: picky}\n    matchExpressions: [{key: tier, operator: In, values: [web, api]}]\n",
      )
      .replace("      labels: {app: picky}\n    spec:", "      labels: {app: picky, tier: web}\n    spec:");
    await ok("apply -f -", d);
    const scale = JSON.parse(
      await ok("get --raw /apis/apps/v1/namespaces/default/deployments/picky/scale"),
    ) as {
      status: { selector: string };
    };
    expect(scale.status.selector).toBe("app=picky,tier in (api,web)");
  });

  it("labels and annotates, with --overwrite", async () => {
    await ok("label deployment web tier=front");
    const again = await env.kubectl("label deployment web tier=back");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("'tier' already has a value (front), and --overwrite is false");
    await ok("label deployment web tier=back --overwrite");
    await ok("annotate deployment web note=hello");
    expect(await ok("get deploy web -o jsonpath={.metadata.labels.tier},{.metadata.annotations.note}")).toBe(
      "back,hello",
    );
  });

  it("exposes a deployment and autoscales it", async () => {
    expect(await ok("expose deployment web --port=80 --target-port=8080")).toBe("service/web exposed\n");
    const svc = await ok("get svc web");
    expect(svc.split("\n")[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(svc).toMatch(/^web\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s+/m);
    expect(await ok("autoscale deployment web --min=2 --max=8 --cpu-percent=70")).toBe(
      "horizontalpodautoscaler.autoscaling/web autoscaled\n",
    );
    const hpa = await ok("get hpa web");
    expect(hpa.split("\n")[0]).toMatch(/^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE$/);
    expect(hpa).toMatch(/^web\s+Deployment\/web\s+cpu: <unknown>\/70%\s+2\s+8\s+/m);
    // Without a target, autoscaling/v2 defaulting gives 80% cpu, as a real API server stores it.
    await ok("autoscale deployment web-copy --max=3 --name=web-copy");
    expect(
      await ok("get hpa web-copy -o jsonpath={.spec.metrics[0].resource.target.averageUtilization}"),
    ).toBe("80");
  });
});
