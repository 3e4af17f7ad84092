/** What the reference policies read out of their commands' output, the way an operator reads it. */
import type { Observation } from "../agent.js";

type Obj = Record<string, unknown>;

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function list(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter((v): v is Obj => v !== null && typeof v === "object") : [];
}

/** `spec.replicas` of a Deployment printed with `-o json`. */
export function desiredReplicas(observation: Observation): number | undefined {
  const spec = ((parseJson(observation.stdout) as Obj | undefined)?.spec ?? {}) as Obj;
  return typeof spec.replicas === "number" ? spec.replicas : undefined;
}

/** The gauge samples of a Prometheus text page, by metric name (labelled samples are skipped). */
export function readMetrics(page: string): Map<string, number> {
  const metrics = new Map<string, number>();
  for (const line of page.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)\s+(\S+)/.exec(line.trim());
    if (match === null) continue;
    const value = Number(match[2]);
    if (Number.isFinite(value)) metrics.set(match[1] as string, value);
  }
  return metrics;
}

export interface ServiceMetrics {
  readonly rps: number;
  readonly latencyMs: number;
  readonly sloMs: number;
  readonly readyReplicas: number;
  readonly capacityPerReplica: number;
  readonly utilisation: number;
}

/** The assistant server's /metrics page, or undefined when the page did not come back whole. */
export function serviceMetrics(observation: Observation): ServiceMetrics | undefined {
  const m = readMetrics(observation.stdout);
  const get = (name: string) => m.get(`inference_${name}`);
  const values = {
    rps: get("requests_per_second"),
    latencyMs: get("request_latency_ms"),
    sloMs: get("latency_slo_ms"),
    readyReplicas: get("ready_replicas"),
    capacityPerReplica: get("replica_capacity_rps"),
    utilisation: get("utilisation"),
  };
  return Object.values(values).every((v) => v !== undefined) ? (values as ServiceMetrics) : undefined;
}

/**
 * Replicas the current load needs under the SLO. The idle service time follows from the page's latency and
 * utilisation (latency = idle time / (1 − utilisation) for a processor-sharing server); undefined when the
 * service is saturated and the page no longer tells it.
 */
export function replicasForLoad(m: ServiceMetrics): number | undefined {
  if (m.utilisation >= 1 || m.capacityPerReplica <= 0) return undefined;
  const idleMs = m.latencyMs * (1 - m.utilisation);
  const maxUtilisation = 1 - idleMs / m.sloMs;
  if (maxUtilisation <= 0) return undefined;
  return Math.max(1, Math.ceil(m.rps / (m.capacityPerReplica * maxUtilisation) - 1e-9));
}

const NOTICE_KEY = /decommission|deadline|reclaim/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The earliest decommission deadline (epoch ms) announced in JSON output — an annotation or a ConfigMap key
 * whose name speaks of a decommission, deadline or reclamation, holding an RFC 3339 time.
 */
export function noticeDeadline(observations: readonly Observation[]): number | undefined {
  let earliest: number | undefined;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== "object") return;
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === "string" && NOTICE_KEY.test(key) && TIMESTAMP.test(inner)) {
        const at = Date.parse(inner);
        if (earliest === undefined || at < earliest) earliest = at;
      } else {
        visit(inner);
      }
    }
  };
  for (const o of observations) visit(parseJson(o.stdout));
  return earliest;
}

/** Names of the pods behind the ready addresses of an Endpoints object printed with `-o json`. */
export function readyEndpointPods(observation: Observation): string[] {
  const subsets = list((parseJson(observation.stdout) as Obj | undefined)?.subsets);
  return subsets.flatMap((subset) =>
    list(subset.addresses).flatMap((address) => {
      const name = (address.targetRef as Obj | undefined)?.name;
      return typeof name === "string" ? [name] : [];
    }),
  );
}

/** One line saying how a command went, for a step's Findings: JSON output is named, not quoted. */
export function outcomeLine(observation: Observation): string {
  const text = (
    observation.exitCode === 0 ? observation.stdout : observation.stderr || observation.stdout
  ).trim();
  const json = parseJson(text);
  const first =
    json !== null && typeof json === "object" ? describeObject(json as Obj) : (text.split("\n")[0] ?? "");
  const shown = first.length > 160 ? `${first.slice(0, 157)}...` : first;
  return `exit ${observation.exitCode}${shown === "" ? "" : `: ${shown}`}`;
}

function describeObject(o: Obj): string {
  const metadata = (o.metadata ?? {}) as Obj;
  const name = `${typeof metadata.namespace === "string" ? `${metadata.namespace}/` : ""}${String(metadata.name ?? "")}`;
  if (!Array.isArray(o.items)) return `${String(o.kind ?? "object")} ${name}`.trim();
  const names = list(o.items).map((item) => String(((item.metadata ?? {}) as Obj).name ?? "?"));
  return `${names.length} item(s)${names.length > 0 ? `: ${names.join(", ")}` : ""}`;
}
