/**
 * The pods/eviction and pods/binding subresources, as kube-apiserver's EvictionREST and BindingREST serve
 * them. An eviction is a delete that first asks the pod's PodDisruptionBudget: it answers 429 while the
 * budget allows no disruption, otherwise takes one disruption from it, marks the pod DisruptionTarget and
 * deletes it gracefully. Pods that are not running (Pending, finished, already terminating) are deleted
 * without asking. A binding assigns an unscheduled pod to a node, as the scheduler does.
 */
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from "kubernetes-types/policy/v1.js";
import type { ClusterApi, DeleteOptions, RequestContext } from "./api.js";
import { selectorOf, selects } from "./controllers/controller-ref.js";
import { PDB_KEY, withDisruptionAllowedCondition } from "./controllers/disruption.js";
import { markDisruptionTarget } from "./controllers/disruption-target.js";
import { isPodReady, PODS, phaseOf } from "./controllers/pod-template.js";
import { badRequest, fieldNotSupported, fieldRequired, type StatusCause, StatusError } from "./errors.js";
import { findResourceType } from "./resources.js";
import type { KubeObject, ResourceType } from "./types.js";

/** What both subresources answer on success: a Status, with the create's 201 as its code. */
const SUBRESOURCE_CREATED = {
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Success",
  code: 201,
} as const;

const TOO_MANY_REQUESTS = "Cannot evict pod as it would violate the pod's disruption budget.";

/** kube-apiserver's loopback identity: it updates the budget through its own client, as a request of its own. */
const LOOPBACK: RequestContext = {
  user: { username: "system:apiserver", groups: ["system:authenticated", "system:masters"] },
  fieldManager: "kube-apiserver",
};

const PDBS = findResourceType("policy", "v1", "poddisruptionbudgets") as ResourceType;

interface EvictionBody {
  metadata?: { name?: string };
  deleteOptions?: {
    gracePeriodSeconds?: number;
    preconditions?: { uid?: string; resourceVersion?: string };
    propagationPolicy?: DeleteOptions["propagationPolicy"];
    dryRun?: string[];
  };
}

function tooManyRequests(retryAfterSeconds: number, cause: string): StatusError {
  return new StatusError(429, "TooManyRequests", TOO_MANY_REQUESTS, {
    ...(retryAfterSeconds > 0 ? { retryAfterSeconds } : {}),
    causes: [{ reason: "DisruptionBudget", message: cause }],
  });
}

/** A pod whose eviction disrupts nothing the budget protects: not running, or already going. */
function canIgnoreBudget(pod: KubeObject): boolean {
  const phase = phaseOf(pod);
  return (
    phase === "Succeeded" || phase === "Failed" || phase === "Pending" || !!pod.metadata.deletionTimestamp
  );
}

/** POST pods/NAME/eviction: evicts the pod if its disruption budget allows it (EvictionREST.Create). */
export function evictPod(
  api: ClusterApi,
  ctx: RequestContext,
  namespace: string,
  name: string,
  eviction: KubeObject,
): typeof SUBRESOURCE_CREATED {
  const body = eviction as unknown as EvictionBody;
  return api.audited(
    ctx,
    "create",
    PODS,
    namespace,
    name,
    eviction,
    () => {
      if (body.metadata?.name !== name)
        throw badRequest("name in URL does not match name in Eviction object");
      const options = body.deleteOptions ?? {};
      const dryRun = ctx.dryRun === true || (options.dryRun ?? []).includes("All");
      const requestCtx = { ...ctx, dryRun };
      const pod = api.read(PODS, namespace, name);
      const deleteOptions: DeleteOptions = {
        ...(options.gracePeriodSeconds !== undefined
          ? { gracePeriodSeconds: options.gracePeriodSeconds }
          : {}),
        ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
        ...(options.preconditions ? { preconditions: options.preconditions } : {}),
      };
      // A dry-run delete checks the client's preconditions before the budget is touched.
      api.nested(() => api.delete({ ...ctx, dryRun: true }, PODS, namespace, name, deleteOptions));
      if (!canIgnoreBudget(pod)) {
        const budgets = api.store
          .list(PDB_KEY, namespace)
          .filter((pdb) => selects(selectorOf(pdb), pod.metadata.labels));
        if (budgets.length > 1) {
          // kube-apiserver answers this with a bare Status: code 500 and no reason.
          throw new StatusError(
            500,
            "",
            "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
          );
        }
        const [budget] = budgets;
        if (budget && !unhealthyMayGo(pod, budget)) takeDisruption(api, budget, name, dryRun);
      }
      api.nested(() => {
        if (!dryRun)
          markDisruptionTarget(api, requestCtx, pod, "EvictionByEvictionAPI", "Eviction API: evicting");
        // The condition's write moved the resourceVersion on: only the uid still identifies the pod.
        const { preconditions, ...rest } = deleteOptions;
        api.delete(requestCtx, PODS, namespace, name, {
          ...rest,
          ...(preconditions?.uid ? { preconditions: { uid: preconditions.uid } } : {}),
        });
      });
      return SUBRESOURCE_CREATED;
    },
    "eviction",
  );
}

/**
 * An unready pod may go without taking a disruption when the budget is met anyway (IfHealthyBudget, the
 * default), or always under AlwaysAllow: it does not count as healthy.
 */
function unhealthyMayGo(pod: KubeObject, budget: KubeObject): boolean {
  if (isPodReady(pod)) return false;
  const pdb = budget as unknown as PodDisruptionBudget;
  if (pdb.spec?.unhealthyPodEvictionPolicy === "AlwaysAllow") return true;
  const status = pdb.status;
  return (status?.currentHealthy ?? 0) >= (status?.desiredHealthy ?? 0) && (status?.desiredHealthy ?? 0) > 0;
}

/** checkAndDecrement: refuses with 429 when the budget allows nothing, else records the pod as disrupted. */
function takeDisruption(api: ClusterApi, budget: KubeObject, podName: string, dryRun: boolean): void {
  const name = budget.metadata.name as string;
  const status = ((budget as unknown as PodDisruptionBudget).status ?? {}) as PodDisruptionBudgetStatus;
  if ((status.observedGeneration ?? 0) < (budget.metadata.generation ?? 0))
    throw tooManyRequests(10, `The disruption budget ${name} is still being processed by the server.`);
  if (status.disruptionsAllowed < 0) {
    throw new StatusError(
      403,
      "Forbidden",
      `poddisruptionbudget.policy "${name}" is forbidden: pdb disruptions allowed is negative`,
      { name, group: "policy", kind: "poddisruptionbudget" },
    );
  }
  if (!status.disruptionsAllowed) {
    throw tooManyRequests(
      0,
      `The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`,
    );
  }
  if (dryRun) return;
  let next: PodDisruptionBudgetStatus = {
    ...status,
    disruptionsAllowed: status.disruptionsAllowed - 1,
    disruptedPods: { ...status.disruptedPods, [podName]: api.clock.iso() },
  };
  if (next.disruptionsAllowed === 0) next = withDisruptionAllowedCondition(next, api.clock.iso());
  api.update(LOOPBACK, PDBS, budget.metadata.namespace, name, { ...budget, status: next }, "status");
}

/** POST pods/NAME/binding: assigns a pod that is not on a node yet (BindingREST.Create). */
export function bindPod(
  api: ClusterApi,
  ctx: RequestContext,
  namespace: string,
  name: string,
  binding: KubeObject,
): typeof SUBRESOURCE_CREATED {
  const run = () => {
    if (binding.metadata?.name !== name)
      throw badRequest("name in URL does not match name in Binding object");
    const target = (binding.target ?? {}) as { kind?: string; name?: string };
    const causes: StatusCause[] = [];
    if (target.kind && target.kind !== "Node")
      causes.push(fieldNotSupported("target.kind", target.kind, ["Node", "<empty>"]));
    if (!target.name) causes.push(fieldRequired("target.name"));
    if (causes.length > 0) {
      // The errors reach the client as a plain aggregate error: a 500 with no reason, as kube-apiserver sends it.
      const list = causes.map((c) => `${c.field}: ${c.message}`);
      throw new StatusError(500, "", list.length === 1 ? (list[0] as string) : `[${list.join(", ")}]`);
    }
    api.nested(() =>
      api.bind(ctx, namespace, name, target.name as string, binding.metadata.annotations ?? {}),
    );
    return SUBRESOURCE_CREATED;
  };
  return api.audited(ctx, "create", PODS, namespace, name, binding, run, "binding");
}
