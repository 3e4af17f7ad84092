/**
 * The shell commands the reference policies run: the same kubectl, curl and jq an operator (or an LLM) would
 * type. Names come from checked policy facts (DNS labels), so they need no quoting.
 */
import type { PolicyFacts } from "./policy-facts.js";

type Where = Pick<PolicyFacts, "namespace" | "deployment">;

export function getDeploymentJson(f: Where): string {
  return `kubectl get deployment ${f.deployment} -n ${f.namespace} -o json`;
}

export function serviceUrl(
  f: Pick<PolicyFacts, "namespace" | "service" | "servicePort">,
  path: string,
): string {
  const port = f.servicePort === 80 ? "" : `:${f.servicePort}`;
  return `http://${f.service}.${f.namespace}.svc.cluster.local${port}${path}`;
}

export function curlService(
  f: Pick<PolicyFacts, "namespace" | "service" | "servicePort">,
  path: string,
): string {
  return `curl -sS ${serviceUrl(f, path)}`;
}

export function scaleDeployment(namespace: string, name: string, replicas: number): string {
  return `kubectl scale deployment/${name} -n ${namespace} --replicas=${replicas}`;
}

export function rolloutStatus(namespace: string, name: string): string {
  return `kubectl rollout status deployment/${name} -n ${namespace} --timeout=600s`;
}

export interface DeploymentCopy {
  readonly name: string;
  readonly namespace: string;
  readonly replicas: number;
  readonly labels: Readonly<Record<string, string>>;
  /**
   * "merge": the copy's selector and pods keep the original's labels plus `labels`, so the original's Service
   * still sends it traffic. "replace": `labels` alone, a workload of its own.
   */
  readonly labelMode: "merge" | "replace";
}

/**
 * Copies the policy's own Deployment under a new name: same pod template (image, weights, GPU), fresh
 * metadata, so nothing the server set (uid, resourceVersion, creationTimestamp, managedFields, status,
 * annotations such as a decommission notice) carries over.
 */
export function copyDeployment(f: Where, copy: DeploymentCopy): string {
  const labels = JSON.stringify(copy.labels);
  const filter =
    copy.labelMode === "merge"
      ? `{apiVersion: .apiVersion, kind: .kind, metadata: {name: "${copy.name}", namespace: "${copy.namespace}", labels: ((.metadata.labels // {}) + ${labels})}, spec: (.spec | .replicas = ${copy.replicas} | .selector.matchLabels += ${labels} | .template.metadata.labels += ${labels})}`
      : `{apiVersion: .apiVersion, kind: .kind, metadata: {name: "${copy.name}", namespace: "${copy.namespace}", labels: ${labels}}, spec: (.spec | .replicas = ${copy.replicas} | .selector = {matchLabels: ${labels}} | .template.metadata.labels = ${labels})}`;
  return `${getDeploymentJson(f)} | jq '${filter}' | kubectl apply -f -`;
}

/** A bare Pod (no controller) running the Deployment's own pod spec. */
export function copyAsBarePod(f: Where, name: string): string {
  const filter = `{apiVersion: "v1", kind: "Pod", metadata: {name: "${name}", namespace: "${f.namespace}", labels: {app: "${name}"}}, spec: .spec.template.spec}`;
  return `${getDeploymentJson(f)} | jq '${filter}' | kubectl apply -f -`;
}
