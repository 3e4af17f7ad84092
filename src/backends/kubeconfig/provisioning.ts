/**
 * Getting a real cluster ready for a trial, and telling when it is: the scenario's namespace free of
 * anything Smith did not create, and the agent's deployment available.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { KubeObject } from "../../cluster/index.js";
import { type AgentIdentity, runsAgent } from "../../scoring/replicas.js";
import type { ClusterView } from "../backend.js";
import { apiRequest } from "./api-request.js";

/** The label on everything Smith creates on a real cluster: what it may delete again. */
export const MANAGED_BY = { "app.kubernetes.io/managed-by": "smith" };

/** Real time the agent's deployment may take to become available before a trial starts. */
const WARM_UP_LIMIT_MS = 5 * 60 * 1000;
/** Real time a leftover namespace of an earlier trial may take to go away. */
const NAMESPACE_GONE_LIMIT_MS = 3 * 60 * 1000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Refuses a namespace that exists and is not Smith's: a trial never touches someone else's workloads. */
export async function checkNamespaceUsable(kc: KubeConfig, ns: string): Promise<KubeObject | undefined> {
  const reply = await apiRequest(kc, "GET", `/api/v1/namespaces/${encodeURIComponent(ns)}`);
  if (reply.status === 404) return undefined;
  if (reply.status !== 200) {
    throw new Error(`Reading namespace ${ns} failed (${reply.status}): ${reply.body.trim()}`);
  }
  const existing = JSON.parse(reply.body) as KubeObject;
  if (
    existing.metadata.labels?.["app.kubernetes.io/managed-by"] !== MANAGED_BY["app.kubernetes.io/managed-by"]
  ) {
    throw new Error(
      `Namespace ${ns} already exists on the cluster and Smith did not create it: run against a cluster or context where ${ns} is free.`,
    );
  }
  return existing;
}

/** Frees the scenario's namespace: one left by an earlier Smith trial is deleted and waited for. */
export async function ensureNamespaceFree(kc: KubeConfig, ns: string): Promise<void> {
  const deadline = Date.now() + NAMESPACE_GONE_LIMIT_MS;
  for (;;) {
    const existing = await checkNamespaceUsable(kc, ns);
    if (!existing) return;
    if (!existing.metadata.deletionTimestamp) {
      await apiRequest(kc, "DELETE", `/api/v1/namespaces/${encodeURIComponent(ns)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Namespace ${ns}, left by an earlier trial, is still terminating: wait for it to go, then rerun.`,
      );
    }
    await sleep(500);
  }
}

/** Waits until the agent's deployment is available and its pod, where the agent runs, shows Running. */
export async function waitAvailable(
  view: ClusterView,
  ns: string,
  name: string,
  identity: AgentIdentity,
): Promise<void> {
  const deadline = Date.now() + WARM_UP_LIMIT_MS;
  for (;;) {
    const d = view.get("deployments.apps", ns, name);
    const want = (d?.spec as { replicas?: number } | undefined)?.replicas ?? 1;
    const available = (d?.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0;
    const running = view
      .list("pods", ns)
      .some(
        (p) =>
          runsAgent(p.spec, identity) && (p.status as { phase?: string } | undefined)?.phase === "Running",
      );
    if (available >= want && running) return;
    if (Date.now() > deadline) {
      throw new Error(
        `The agent's deployment ${ns}/${name} did not become available within ${WARM_UP_LIMIT_MS / 60000} minutes: on a real cluster the scenario's image must be pullable and pass its readiness probe, and its requests (GPUs) must fit a node.`,
      );
    }
    await sleep(500);
  }
}
