/**
 * Where a URL typed in the pod would go. Only a cluster Service is reachable, by the names the pod's DNS
 * resolves (`svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local`). IP addresses, localhost and the API
 * server's own Service are unreachable: the shell's network is the cluster's Services, and the API server is
 * kubectl's business.
 */

export type UrlTarget =
  | {
      kind: "service";
      url: URL;
      host: string;
      service: string;
      namespace: string;
      port: string;
      /** "name.other": a Service only if namespace "other" has one; otherwise it was an outside host. */
      guessedNamespace: boolean;
    }
  /** Not a name the pod can resolve (curl exit 6). */
  | { kind: "unresolvable"; host: string; why: string }
  /** Resolvable, but nothing the pod may connect to (curl exit 7). */
  | { kind: "unreachable"; host: string; port: string; why: string }
  | { kind: "unsupported-protocol"; protocol: string }
  | { kind: "malformed" };

const SERVICE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function resolveUrl(raw: string, podNamespace: string): UrlTarget {
  // curl and wget both assume http:// for a bare host.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { kind: "malformed" };
  }
  const protocol = url.protocol.slice(0, -1);
  if (protocol !== "http" && protocol !== "https") return { kind: "unsupported-protocol", protocol };
  const host = url.hostname.replace(/\.$/, "");
  const port = url.port || (protocol === "https" ? "443" : "80");
  // The WHATWG parser has already turned 2130706433, 0x7f.1 and friends into dotted IPv4.
  if (IPV4.test(host) || host.startsWith("[")) return { kind: "unreachable", host, port, why: "IP address" };
  if (host === "localhost" || host.endsWith(".localhost"))
    return { kind: "unreachable", host, port, why: "loopback" };
  const name = serviceName(host.split("."), podNamespace);
  if (!name) return { kind: "unresolvable", host, why: "not a cluster Service" };
  if (name.service === "kubernetes" && name.namespace === "default") {
    return { kind: "unreachable", host, port, why: "the API server (use kubectl)" };
  }
  return { kind: "service", url, host, port, ...name };
}

function serviceName(
  labels: string[],
  podNamespace: string,
): { service: string; namespace: string; guessedNamespace: boolean } | undefined {
  const [service, namespace, ...suffix] = labels;
  if (service === undefined || !SERVICE_NAME.test(service) || service.length > 63) return undefined;
  if (namespace === undefined) return { service, namespace: podNamespace, guessedNamespace: false };
  if (!NAMESPACE_NAME.test(namespace) || namespace.length > 63) return undefined;
  const tail = suffix.join(".");
  if (tail === "") return { service, namespace, guessedNamespace: true };
  if (tail === "svc" || tail === "svc.cluster.local") return { service, namespace, guessedNamespace: false };
  return undefined;
}
