import type { Observation } from "../agent.js";
import type { PolicyFacts } from "./policy-facts.js";
import { noticeDeadline, outcomeLine, serviceMetrics } from "./read-observations.js";
import type { PolicyScript } from "./scripted-agent.js";
import { curlService } from "./shell-commands.js";

const EXPLAIN =
  "I am the reference policy `passive`: I observe the service and never create or scale anything.";

/** Looks at everything an operator would look at, changes nothing, and reports what it saw. */
export function* passive(f: PolicyFacts): PolicyScript {
  const ns = f.namespace;
  const deployments: Observation = yield {
    thinking: {
      explain: EXPLAIN,
      gaps: "I have not seen the deployments yet.",
      findings: "Nothing yet.",
      plan: "List the deployments, then the pods, the metrics page and the events.",
      action: `List the deployments in ${ns}.`,
    },
    command: `kubectl get deployments -n ${ns} -o json`,
  };
  const pods: Observation = yield {
    thinking: {
      explain: EXPLAIN,
      gaps: "I do not know the state of the pods.",
      findings: `Deployments: ${outcomeLine(deployments)}`,
      plan: "List the pods, then read the metrics page and the events.",
      action: `List the pods in ${ns}.`,
    },
    command: `kubectl get pods -n ${ns} -o wide`,
  };
  const metricsPage: Observation = yield {
    thinking: {
      explain: EXPLAIN,
      gaps: "I do not know the load or the latency.",
      findings: `Pods: ${outcomeLine(pods)}`,
      plan: "Read the metrics page, then the events.",
      action: "Fetch the service's /metrics page.",
    },
    command: curlService(f, "/metrics"),
  };
  const events: Observation = yield {
    thinking: {
      explain: EXPLAIN,
      gaps: "I do not know whether anything was announced or went wrong.",
      findings: `Metrics: ${outcomeLine(metricsPage)}`,
      plan: "Read the events, then finish without acting.",
      action: `List the events in ${ns}.`,
    },
    command: `kubectl get events -n ${ns}`,
  };
  const metrics = serviceMetrics(metricsPage);
  const notice = noticeDeadline([deployments]);
  const state =
    metrics === undefined
      ? "the metrics page did not answer"
      : `latency ${metrics.latencyMs} ms against an SLO of ${metrics.sloMs} ms`;
  return {
    thinking: {
      explain: EXPLAIN,
      gaps: "None that I will act on.",
      findings: `Events: ${outcomeLine(events)}. The service shows ${state}${notice === undefined ? "" : `; a decommission is announced for ${new Date(notice).toISOString()}`}.`,
      plan: "Finish without changing anything.",
      action: "Finish.",
    },
    summary: `Observed the deployments, pods, metrics and events of ${ns} and changed nothing: ${state}.`,
    // It did nothing for the objective, so it claims nothing about it.
    claimsSuccess: false,
  };
}
