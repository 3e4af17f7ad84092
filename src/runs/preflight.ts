/**
 * Checks, before a run creates anything, that every agent can be built (a known reference policy, or a model
 * whose provider is declared, whose key is set and whose endpoint answers) and that the backend can hold the
 * trials. A run that would only discover this in its first trial would record a hundred errored trials
 * instead of one clear sentence.
 */
import { externalAgentProblem } from "../agents/external-agent.js";
import { createReplayAgent } from "../agents/index.js";
import { isReferencePolicyName, REFERENCE_POLICIES } from "../agents/policies/index.js";
import { resolveModel } from "../agents/resolve-model.js";
import type { Backend } from "../backends/backend.js";
import { embeddedBackend } from "../backends/embedded.js";
import {
  type ClusterTarget,
  checkPermissions,
  checkReachable,
  kubeconfigBackend,
  loadKubeConfig,
} from "../backends/kubeconfig/kubeconfig-backend.js";
import { checkNamespaceUsable } from "../backends/kubeconfig/provisioning.js";
import { loadScenario } from "../scenarios/load.js";
import type { RunSettings } from "./config.js";
import { InputError } from "./input-error.js";
import { redactUrl } from "./redact.js";

/** Resolves when something answers HTTP at `url`, whatever the status; rejects with the network error otherwise. */
export type EndpointProbe = (url: string) => Promise<void>;

export const httpProbe: EndpointProbe = async (url) => {
  const response = await fetch(`${url}/models`, { signal: AbortSignal.timeout(10_000) });
  await response.body?.cancel();
};

export interface PreflightOptions {
  env?: Readonly<Record<string, string | undefined>>;
  probe?: EndpointProbe;
  /** The config file to name in messages. */
  configFile?: string;
}

export async function checkAgents(settings: RunSettings, options: PreflightOptions = {}): Promise<void> {
  const endpoints = new Map<string, string>();
  const specs = [
    ...settings.agents.map((a) => a.spec),
    ...(settings.judge === undefined ? [] : [settings.judge]),
  ];
  for (const spec of specs) {
    const [kind, rest = ""] = splitSpec(spec);
    if (kind === "reference") {
      if (!isReferencePolicyName(rest)) {
        throw new InputError(
          `The agent "${spec}" names no reference policy: use one of ${REFERENCE_POLICIES.map((p) => `reference:${p}`).join(", ")}.`,
        );
      }
      continue;
    }
    if (kind === "replay") {
      try {
        createReplayAgent(rest);
      } catch (error) {
        throw new InputError(error instanceof Error ? error.message : String(error));
      }
      continue;
    }
    if (kind === "external") {
      const problem = externalAgentProblem(rest, settings.external[rest], options.env);
      if (problem) throw new InputError(problem);
      continue;
    }
    const model = resolveModel(spec, {
      providers: settings.providers,
      ...(options.env ? { env: options.env } : {}),
    });
    endpoints.set(model.endpoint, model.providerName);
  }
  const probe = options.probe ?? httpProbe;
  for (const [endpoint, provider] of endpoints) {
    try {
      await probe(endpoint);
    } catch (error) {
      const where = settings.providers[provider]
        ? `fix providers.${provider}.baseURL in ${options.configFile ?? "the config"}`
        : "check the network";
      throw new InputError(
        `The provider "${provider}" at ${redactUrl(endpoint)} cannot be reached (${causeOf(error)}): start the server or ${where}.`,
      );
    }
  }
}

/**
 * The run's backend, ready to provision: a kubeconfig that loads and a cluster that answers. `warn` hears
 * what a real cluster's teardown could not delete.
 */
export async function openBackend(
  settings: RunSettings,
  warn: (message: string) => void = () => {},
): Promise<Backend> {
  const target = settings.backend;
  if (target.kind === "embedded") return embeddedBackend;
  try {
    const namespaces = new Set(settings.scenarios.map((ref) => loadScenario(ref).agent.namespace));
    const clusters: ClusterTarget[] = [];
    for (const context of target.contexts.length > 0 ? target.contexts : [undefined]) {
      const kc = loadKubeConfig({
        ...(target.kubeconfig === undefined ? {} : { kubeconfig: target.kubeconfig }),
        ...(context === undefined ? {} : { context }),
      });
      await checkReachable(kc);
      await checkPermissions(kc);
      // A namespace that is someone else's stops the run before anything is created, not trial by trial.
      for (const ns of namespaces) await checkNamespaceUsable(kc, ns);
      clusters.push({ name: kc.getCurrentContext(), kc });
    }
    return kubeconfigBackend(clusters, warn);
  } catch (error) {
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
}

function splitSpec(spec: string): [string, string?] {
  const colon = spec.indexOf(":");
  return colon < 0 ? [spec] : [spec.slice(0, colon), spec.slice(colon + 1)];
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error.name === "TimeoutError") return "no answer within 10 s";
  return cause?.code ?? cause?.message ?? error.message;
}
