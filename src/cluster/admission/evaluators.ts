/**
 * Quota evaluators, one per stored resource, as Kubernetes 1.32 registers them: pods (compute resources
 * and the `pods` count), services (with node ports and load balancers), the legacy object counts
 * (`configmaps`, `secrets`, `resourcequotas`, `replicationcontrollers`, `persistentvolumeclaims`) and the
 * generic `count/<resource>.<group>` for every other namespaced resource.
 */
import { RESOURCE_TYPES, storageKey } from "../resources.js";
import type { KubeObject } from "../types.js";
import { appContainers, initContainers, podLimits, podRequests } from "./pod-resources.js";
import { accumulate, countOf, type ResourceList } from "./resource-list.js";
import { type PodScopeFacts, podMatchesScope, podScopeFacts, type ScopeSelector } from "./scopes.js";

type Obj = Record<string, unknown>;

export interface QuotaEvaluator {
  /** Storage key of the objects it measures (resources.storageKey). */
  readonly resource: string;
  /** Whether an object's usage can change after it is created (it cannot for plain counts). */
  readonly mutable: boolean;
  /** Whether admission charges this operation. */
  handles(op: "create" | "update"): boolean;
  /** The quota resource names among `names` that this evaluator tracks. */
  matchingResources(names: readonly string[]): string[];
  /** What scopes look at; undefined for kinds no scope applies to (a scoped quota never tracks them). */
  scopeFacts(object: KubeObject): PodScopeFacts | undefined;
  usage(object: KubeObject): ResourceList;
  /** Why an object cannot be admitted under a quota tracking `required` (Evaluator.Constraints). */
  constraints(required: readonly string[], object: KubeObject): string | undefined;
}

/** generic.Matches: the quota tracks one of the evaluator's resources, and every scope selects the object. */
export function quotaTracks(
  evaluator: QuotaEvaluator,
  hardNames: readonly string[],
  selectors: readonly ScopeSelector[],
  facts: PodScopeFacts | undefined,
): boolean {
  if (evaluator.matchingResources(hardNames).length === 0) return false;
  return selectors.every((s) => facts !== undefined && podMatchesScope(s, facts));
}

function countName(group: string, resource: string): string {
  return group === "" ? `count/${resource}` : `count/${resource}.${group}`;
}

function objectCountEvaluator(resource: string, names: readonly string[]): QuotaEvaluator {
  return {
    resource,
    mutable: false,
    handles: (op) => op === "create",
    matchingResources: (input) => input.filter((n) => names.includes(n)),
    scopeFacts: () => undefined,
    usage: () => new Map(names.map((n) => [n, countOf(1)])),
    constraints: () => undefined,
  };
}

// ---- pods ----------------------------------------------------------------------------------------

const POD_RESOURCES = [
  "count/pods",
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
];
const HUGEPAGES = "hugepages-";
const REQUESTS = "requests.";

/** Kubernetes' own "it was a mistake" list: quota on these forces every container to state them. */
const VALIDATION_SET = new Set([
  "cpu",
  "memory",
  "requests.cpu",
  "requests.memory",
  "limits.cpu",
  "limits.memory",
]);

function isNativeResource(name: string): boolean {
  return !name.includes("/") || name.includes("kubernetes.io/");
}

function isExtendedResource(name: string): boolean {
  return !isNativeResource(name) && !name.startsWith(REQUESTS);
}

function isExtendedQuotaName(name: string): boolean {
  return !isNativeResource(name) && name.startsWith(REQUESTS);
}

/** podComputeUsageHelper: what one set of requests and limits charges. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const result: ResourceList = new Map([["pods", countOf(1)]]);
  for (const name of ["cpu", "memory", "ephemeral-storage"]) {
    const request = requests.get(name);
    if (request) {
      result.set(name, request);
      result.set(`${REQUESTS}${name}`, request);
    }
    const limit = limits.get(name);
    if (limit) result.set(`limits.${name}`, limit);
  }
  for (const [name, request] of requests) {
    if (name.startsWith(HUGEPAGES)) {
      result.set(name, request);
      result.set(`${REQUESTS}${name}`, request);
    }
    // Extended resources (nvidia.com/gpu) are only quota-able as requests.<name>.
    if (isExtendedResource(name)) result.set(`${REQUESTS}${name}`, request);
  }
  return result;
}

function isTerminal(pod: KubeObject): boolean {
  const phase = (pod.status as Obj | undefined)?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

const podEvaluator: QuotaEvaluator = {
  resource: "pods",
  mutable: true,
  handles: (op) => op === "create",
  matchingResources: (input) =>
    input.filter(
      (n) =>
        POD_RESOURCES.includes(n) ||
        n.startsWith(HUGEPAGES) ||
        n.startsWith(`${REQUESTS}${HUGEPAGES}`) ||
        isExtendedQuotaName(n),
    ),
  scopeFacts: podScopeFacts,
  usage(pod) {
    // count/pods tracks every stored pod; `pods` and compute only those that have not finished.
    const result: ResourceList = new Map([["count/pods", countOf(1)]]);
    if (!isTerminal(pod)) accumulate(result, computeUsage(podRequests(pod), podLimits(pod)));
    return result;
  },
  constraints(required, pod) {
    const requiredSet = required.filter((n) => VALIDATION_SET.has(n));
    const missing = new Map<string, Set<string>>();
    for (const c of [...appContainers(pod), ...initContainers(pod)]) {
      const has = computeUsage(c.requests, c.limits);
      for (const name of requiredSet) {
        if (has.has(name)) continue;
        const containers = missing.get(name) ?? new Set<string>();
        containers.add(c.name);
        missing.set(name, containers);
      }
    }
    if (missing.size === 0) return undefined;
    const parts = [...missing.keys()]
      .sort()
      .map((name) => `${name} for: ${[...(missing.get(name) ?? [])].sort().join(",")}`);
    return `must specify ${parts.join("; ")}`;
  },
};

// ---- services ------------------------------------------------------------------------------------

const SERVICE_RESOURCES = ["count/services", "services", "services.nodeports", "services.loadbalancers"];

const serviceEvaluator: QuotaEvaluator = {
  resource: "services",
  mutable: true,
  // Updates too: changing the type to NodePort or LoadBalancer consumes more.
  handles: () => true,
  matchingResources: (input) => input.filter((n) => SERVICE_RESOURCES.includes(n)),
  scopeFacts: () => undefined,
  usage(service) {
    const spec = (service.spec as Obj | undefined) ?? {};
    const ports = Array.isArray(spec.ports) ? (spec.ports as Obj[]) : [];
    let nodePorts = 0;
    let loadBalancers = 0;
    if (spec.type === "NodePort") nodePorts = ports.length;
    if (spec.type === "LoadBalancer") {
      loadBalancers = 1;
      nodePorts =
        spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p.nodePort).length : ports.length;
    }
    return new Map([
      ["count/services", countOf(1)],
      ["services", countOf(1)],
      ["services.loadbalancers", countOf(loadBalancers)],
      ["services.nodeports", countOf(nodePorts)],
    ]);
  },
  constraints: () => undefined,
};

// ---- the registry --------------------------------------------------------------------------------

const LEGACY_ALIASES: Record<string, string> = {
  configmaps: "configmaps",
  resourcequotas: "resourcequotas",
  secrets: "secrets",
};

/** The storage-class forms a PersistentVolumeClaim quota may use. */
const STORAGE_CLASS_NAME = /\.storageclass\.storage\.k8s\.io\/(requests\.storage|persistentvolumeclaims)$/;

/**
 * Kinds Kubernetes quotas know that the embedded cluster does not serve: nothing of them is ever stored,
 * so a quota on them shows zero use, as on a cluster where nobody made any.
 */
const UNSERVED: QuotaEvaluator[] = [
  objectCountEvaluator("replicationcontrollers", ["count/replicationcontrollers", "replicationcontrollers"]),
  {
    ...objectCountEvaluator("persistentvolumeclaims", [
      "count/persistentvolumeclaims",
      "persistentvolumeclaims",
      "requests.storage",
    ]),
    matchingResources: (input) =>
      input.filter(
        (n) =>
          ["count/persistentvolumeclaims", "persistentvolumeclaims", "requests.storage"].includes(n) ||
          STORAGE_CLASS_NAME.test(n),
      ),
  },
];

function buildRegistry(): Map<string, QuotaEvaluator> {
  const countNames = new Map<string, string[]>();
  for (const t of RESOURCE_TYPES) {
    if (!t.namespaced || !t.verbs.includes("create")) continue;
    const key = storageKey(t);
    const names = countNames.get(key) ?? [];
    const name = countName(t.group, t.resource);
    if (!names.includes(name)) names.push(name);
    countNames.set(key, names);
  }
  const registry = new Map<string, QuotaEvaluator>();
  for (const [key, names] of countNames) {
    const alias = LEGACY_ALIASES[key];
    registry.set(key, objectCountEvaluator(key, alias ? [...names, alias] : names));
  }
  registry.set("pods", podEvaluator);
  registry.set("services", serviceEvaluator);
  for (const e of UNSERVED) registry.set(e.resource, e);
  return registry;
}

const REGISTRY = buildRegistry();

/** The evaluator for a storage key, if the resource is namespaced and quota can track it. */
export function evaluatorFor(resource: string): QuotaEvaluator | undefined {
  return REGISTRY.get(resource);
}

export function allEvaluators(): QuotaEvaluator[] {
  return [...REGISTRY.values()];
}
