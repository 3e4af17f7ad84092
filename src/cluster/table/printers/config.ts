import type {
  ConfigMap,
  Namespace,
  ResourceQuota,
  Secret,
  ServiceAccount,
} from "kubernetes-types/core/v1.js";
import { quantityString } from "../../quantity.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { since } from "../human-duration.js";
import { column, type Printer } from "../printer.js";
import { AGE, as, countKeys, NAME } from "./common.js";

export const configMapPrinter: Printer = {
  columns: [NAME, column("Data", "string", D.configMapData), AGE],
  print(object, now) {
    const cm = as<ConfigMap>(object);
    return {
      cells: [
        cm.metadata?.name ?? "",
        countKeys(cm.data) + countKeys(cm.binaryData),
        since(cm.metadata?.creationTimestamp, now),
      ],
    };
  },
};

export const secretPrinter: Printer = {
  columns: [NAME, column("Type", "string", D.secretType), column("Data", "string", D.secretData), AGE],
  print(object, now) {
    const secret = as<Secret>(object);
    return {
      cells: [
        secret.metadata?.name ?? "",
        secret.type ?? "",
        countKeys(secret.data),
        since(secret.metadata?.creationTimestamp, now),
      ],
    };
  },
};

export const serviceAccountPrinter: Printer = {
  columns: [NAME, column("Secrets", "string", D.serviceAccountSecrets), AGE],
  print(object, now) {
    const sa = as<ServiceAccount>(object);
    return {
      cells: [sa.metadata?.name ?? "", (sa.secrets ?? []).length, since(sa.metadata?.creationTimestamp, now)],
    };
  },
};

export const namespacePrinter: Printer = {
  columns: [NAME, column("Status", "string", D.namespaceStatus), AGE],
  print(object, now) {
    const ns = as<Namespace>(object);
    return {
      cells: [ns.metadata?.name ?? "", ns.status?.phase ?? "", since(ns.metadata?.creationTimestamp, now)],
    };
  },
};

/**
 * "requests.cpu: 500m/2, requests.memory: 1Gi/4Gi" in REQUEST, the limits.* resources in LIMIT,
 * each as used/hard, resources sorted by name.
 */
function quotaUsage(quota: ResourceQuota): [request: string, limit: string] {
  const hard = quota.status?.hard ?? {};
  const used = quota.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const target = name.startsWith("limits.") ? limit : request;
    target.push(`${name}: ${quantityString(used[name] ?? "0")}/${quantityString(hard[name])}`);
  }
  return [request.join(", "), limit.join(", ")];
}

/** Kubernetes 1.32 puts AGE before REQUEST and LIMIT here (1.33 moved it last). */
export const resourceQuotaPrinter: Printer = {
  columns: [NAME, AGE, column("Request", "string", D.quotaRequest), column("Limit", "string", D.quotaLimit)],
  print(object, now) {
    const quota = as<ResourceQuota>(object);
    return {
      cells: [
        quota.metadata?.name ?? "",
        since(quota.metadata?.creationTimestamp, now),
        ...quotaUsage(quota),
      ],
    };
  },
};
