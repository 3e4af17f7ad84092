/**
 * Discovery documents: the legacy /api, /apis and per-group-version lists, and the aggregated
 * discovery (apidiscovery.k8s.io/v2) that kubectl 1.32 asks for first. Built once from RESOURCE_TYPES.
 */
import { createHash } from "node:crypto";
import { groupVersions, RESOURCE_TYPES } from "./resources.js";
import { apiVersionOf, type ResourceType, type Verb } from "./types.js";

export const AGGREGATED_DISCOVERY_CONTENT_TYPE =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

interface SubresourceInfo {
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
}

/** What each subresource answers with, as the real API server advertises it. */
function subresourceInfo(rt: ResourceType, sub: string): SubresourceInfo {
  switch (sub) {
    case "status":
      return { kind: rt.kind, verbs: ["get", "patch", "update"] };
    case "scale":
      return { group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "patch", "update"] };
    case "log":
      return { kind: "Pod", verbs: ["get"] };
    case "exec":
      return { kind: "PodExecOptions", verbs: ["create", "get"] };
    case "attach":
      return { kind: "PodAttachOptions", verbs: ["create", "get"] };
    case "portforward":
      return { kind: "PodPortForwardOptions", verbs: ["create", "get"] };
    case "proxy":
      return { kind: `${rt.kind}ProxyOptions`, verbs: ["create", "delete", "get", "patch", "update"] };
    case "eviction":
      return { group: "policy", version: "v1", kind: "Eviction", verbs: ["create"] };
    case "binding":
      return { kind: "Binding", verbs: ["create"] };
    case "ephemeralcontainers":
      return { kind: "Pod", verbs: ["get", "patch", "update"] };
    case "token":
      return { group: "authentication.k8s.io", version: "v1", kind: "TokenRequest", verbs: ["create"] };
    case "finalize":
      return { kind: "Namespace", verbs: ["update"] };
    default:
      return { kind: rt.kind, verbs: ["get"] };
  }
}

function storageVersionHash(rt: ResourceType): string {
  return `${createHash("sha256").update(`${rt.group}/${rt.version}/${rt.kind}`).digest("base64").slice(0, 11)}=`;
}

function sortedVerbs(verbs: readonly Verb[]): string[] {
  return [...verbs].sort();
}

export function apiVersions(serverAddress: string): object {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function apiGroup(group: string, versions: string[]): object {
  const list = versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions: list, preferredVersion: list[0] };
}

export function apiGroupList(): object {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: groupVersions()
      .filter((g) => g.group !== "")
      .map((g) => apiGroup(g.group, g.versions)),
  };
}

export function apiGroupDocument(group: string): object | undefined {
  const g = groupVersions().find((x) => x.group === group && group !== "");
  return g ? { kind: "APIGroup", apiVersion: "v1", ...apiGroup(g.group, g.versions) } : undefined;
}

export function apiResourceList(group: string, version: string): object | undefined {
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  const resources: object[] = [];
  for (const t of types) {
    resources.push({
      name: t.resource,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: sortedVerbs(t.verbs),
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
      // Reviews cannot be read back: nothing is stored, so there is no storage version to hash.
      ...(t.verbs.includes("get") ? { storageVersionHash: storageVersionHash(t) } : {}),
    });
    for (const sub of t.subresources) {
      const info = subresourceInfo(t, sub);
      resources.push({
        name: `${t.resource}/${sub}`,
        singularName: "",
        namespaced: t.namespaced,
        ...(info.group ? { group: info.group, version: info.version } : {}),
        kind: info.kind,
        verbs: info.verbs,
      });
    }
  }
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: apiVersionOf({ group, version }),
    resources,
  };
}

function discoveryResource(t: ResourceType): object {
  return {
    resource: t.resource,
    responseKind: { group: "", version: "", kind: t.kind },
    scope: t.namespaced ? "Namespaced" : "Cluster",
    singularResource: t.singular,
    verbs: sortedVerbs(t.verbs),
    ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
    ...(t.categories.length ? { categories: t.categories } : {}),
    ...(t.subresources.length
      ? {
          subresources: t.subresources.map((sub) => {
            const info = subresourceInfo(t, sub);
            return {
              subresource: sub,
              responseKind: { group: info.group ?? "", version: info.version ?? "", kind: info.kind },
              verbs: info.verbs,
            };
          }),
        }
      : {}),
  };
}

/** apidiscovery.k8s.io/v2 APIGroupDiscoveryList for /api (core only) or /apis (every named group). */
export function aggregatedDiscovery(core: boolean): object {
  const items = groupVersions()
    .filter((g) => (g.group === "") === core)
    .map((g) => ({
      metadata: { ...(g.group ? { name: g.group } : {}), creationTimestamp: null },
      versions: g.versions.map((version) => ({
        version,
        resources: RESOURCE_TYPES.filter((t) => t.group === g.group && t.version === version).map(
          discoveryResource,
        ),
        freshness: "Current",
      })),
    }));
  return { kind: "APIGroupDiscoveryList", apiVersion: "apidiscovery.k8s.io/v2", metadata: {}, items };
}
