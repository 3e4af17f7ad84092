import type { EndpointSubset, Endpoints, LoadBalancerStatus, Service } from "kubernetes-types/core/v1.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { since } from "../human-duration.js";
import { formatLabels } from "../labels.js";
import { column, type Printer, wide } from "../printer.js";
import { AGE, as, NAME } from "./common.js";

/** Distinct ingress IPs (or hostnames), sorted. The server prints them unclipped: it always prints wide. */
function loadBalancerAddresses(lb: LoadBalancerStatus | undefined): string[] {
  const seen = new Set<string>();
  for (const ingress of lb?.ingress ?? []) {
    if (ingress.ip) seen.add(ingress.ip);
    else if (ingress.hostname) seen.add(ingress.hostname);
  }
  return [...seen].sort();
}

function externalIP(svc: Service): string {
  const external = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case "ClusterIP":
    case "NodePort":
      return external.length > 0 ? external.join(",") : "<none>";
    case "LoadBalancer": {
      const all = [...loadBalancerAddresses(svc.status?.loadBalancer), ...external];
      return all.length > 0 ? all.join(",") : "<pending>";
    }
    case "ExternalName":
      return svc.spec?.externalName ?? "";
    default:
      return "<unknown>";
  }
}

function ports(svc: Service): string {
  const pieces = (svc.spec?.ports ?? []).map((p) =>
    p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ""}` : `${p.port}/${p.protocol ?? ""}`,
  );
  return pieces.length > 0 ? pieces.join(",") : "<none>";
}

export const servicePrinter: Printer = {
  columns: [
    NAME,
    column("Type", "string", D.serviceType),
    column("Cluster-IP", "string", D.clusterIP),
    column("External-IP", "string", D.externalIPs),
    column("Port(s)", "string", D.servicePorts),
    AGE,
    wide("Selector", "string", D.serviceSelector),
  ],
  print(object, now) {
    const svc = as<Service>(object);
    // A v1 client may send only clusterIP; the server mirrors it into clusterIPs, which is what prints.
    const clusterIP = svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP;
    return {
      cells: [
        svc.metadata?.name ?? "",
        svc.spec?.type ?? "",
        clusterIP || "<none>",
        externalIP(svc),
        ports(svc),
        since(svc.metadata?.creationTimestamp, now),
        formatLabels(svc.spec?.selector),
      ],
    };
  },
};

function hostPort(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

const SHOWN_ENDPOINTS = 3;

/** "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...": ready addresses × ports, the first three shown. */
function formatEndpoints(subsets: readonly EndpointSubset[]): string {
  if (subsets.length === 0) return "<none>";
  const shown: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    // A headless service may publish addresses without ports.
    const portList: (number | undefined)[] = (subset.ports ?? []).map((p) => p.port);
    for (const port of portList.length > 0 ? portList : [undefined]) {
      count += addresses.length;
      for (const a of addresses) {
        if (shown.length === SHOWN_ENDPOINTS) break;
        shown.push(port === undefined ? a.ip : hostPort(a.ip, port));
      }
    }
  }
  const list = shown.join(",");
  return count > SHOWN_ENDPOINTS ? `${list} + ${count - SHOWN_ENDPOINTS} more...` : list;
}

export const endpointsPrinter: Printer = {
  columns: [NAME, column("Endpoints", "string", D.endpointsSubsets), AGE],
  print(object, now) {
    const ep = as<Endpoints>(object);
    return {
      cells: [
        ep.metadata?.name ?? "",
        formatEndpoints(ep.subsets ?? []),
        since(ep.metadata?.creationTimestamp, now),
      ],
    };
  },
};
