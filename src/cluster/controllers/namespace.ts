/**
 * Namespace lifecycle: a new namespace gets its `default` ServiceAccount and `kube-root-ca.crt` ConfigMap
 * (the serviceaccount and root-ca-cert-publisher controllers); a deleted one is emptied, then finalized.
 */
import { findResourceType, RESOURCE_TYPES, storageKey } from "../resources.js";
import type { KubeObject } from "../types.js";
import { type ControllerContext, controllerIdentity, WorkQueue } from "./controller.js";

const NAMESPACE_CONTROLLER = controllerIdentity("namespace-controller");
const SA_CONTROLLER = controllerIdentity("service-account-controller");
const CA_PUBLISHER = controllerIdentity("root-ca-cert-publisher");

export function startNamespaceController({ api, clock }: ControllerContext, caCertPem: string): void {
  const namespaces = findResourceType("", "v1", "namespaces");
  const serviceAccounts = findResourceType("", "v1", "serviceaccounts");
  const configMaps = findResourceType("", "v1", "configmaps");
  if (!namespaces || !serviceAccounts || !configMaps)
    throw new Error("core resources missing from the registry");
  const namespacedTypes = RESOURCE_TYPES.filter(
    (t, i) =>
      t.namespaced &&
      t.verbs.includes("delete") &&
      RESOURCE_TYPES.findIndex((u) => storageKey(u) === storageKey(t)) === i,
  );

  const populate = new WorkQueue(clock, "namespace populate", (name) => {
    const ns = api.store.get("namespaces", undefined, name);
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (!api.store.get("serviceaccounts", name, "default")) {
      api.create(SA_CONTROLLER, serviceAccounts, name, {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: "default" },
      });
    }
    if (!api.store.get("configmaps", name, "kube-root-ca.crt")) {
      api.create(CA_PUBLISHER, configMaps, name, {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
          name: "kube-root-ca.crt",
          annotations: {
            "kubernetes.io/description":
              "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.",
          },
        },
        data: { "ca.crt": caCertPem },
      });
    }
  });

  const terminate = new WorkQueue(clock, "namespace terminate", (name) => {
    const ns = api.store.get("namespaces", undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const t of namespacedTypes) {
      for (const o of api.store.list(storageKey(t), name)) {
        remaining++;
        if (!o.metadata.deletionTimestamp) {
          api.delete(NAMESPACE_CONTROLLER, t, name, o.metadata.name as string, {
            propagationPolicy: "Background",
          });
        }
      }
    }
    if (remaining > 0) return;
    const spec = (ns.spec ?? {}) as { finalizers?: string[] };
    if ((spec.finalizers ?? []).includes("kubernetes")) {
      const finalized: KubeObject = {
        ...ns,
        spec: { ...spec, finalizers: spec.finalizers?.filter((f) => f !== "kubernetes") },
      };
      api.update(NAMESPACE_CONTROLLER, namespaces, undefined, name, finalized, "finalize");
    }
    const after = api.store.get("namespaces", undefined, name);
    if (
      after &&
      (after.metadata.finalizers ?? []).length === 0 &&
      ((after.spec as { finalizers?: string[] }).finalizers ?? []).length === 0
    ) {
      api.finalizeDeletion(namespaces, undefined, name);
    }
  });

  api.store.subscribe((e) => {
    if (e.resource === "namespaces") {
      if (e.type === "ADDED") populate.add(e.object.metadata.name as string);
      if (e.type !== "DELETED" && e.object.metadata.deletionTimestamp)
        terminate.add(e.object.metadata.name as string);
      return;
    }
    // Something in a terminating namespace went away: check whether the namespace is empty now.
    const ns = e.object.metadata.namespace;
    if (e.type === "DELETED" && ns && api.store.get("namespaces", undefined, ns)?.metadata.deletionTimestamp)
      terminate.add(ns);
  });
}
