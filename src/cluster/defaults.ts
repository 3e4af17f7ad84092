/**
 * Defaulting, as the real API server's defaulters do it, so that `kubectl get -o yaml` shows what
 * a real cluster would store. Each function mutates a fresh copy owned by the caller.
 */

type Obj = Record<string, unknown>;

function obj(parent: Obj, key: string): Obj {
  const v = parent[key];
  if (v && typeof v === "object" && !Array.isArray(v)) return v as Obj;
  const created: Obj = {};
  parent[key] = created;
  return created;
}

function setDefault(target: Obj, key: string, value: unknown): void {
  if (target[key] === undefined || target[key] === null) target[key] = value;
}

function imageTag(image: string): string | undefined {
  const lastSlash = image.lastIndexOf("/");
  const afterSlash = image.slice(lastSlash + 1);
  if (afterSlash.includes("@")) return "@digest";
  const colon = afterSlash.indexOf(":");
  return colon < 0 ? undefined : afterSlash.slice(colon + 1);
}

function defaultContainer(c: Obj): void {
  setDefault(c, "terminationMessagePath", "/dev/termination-log");
  setDefault(c, "terminationMessagePolicy", "File");
  const tag = typeof c.image === "string" ? imageTag(c.image) : undefined;
  setDefault(c, "imagePullPolicy", tag === undefined || tag === "latest" ? "Always" : "IfNotPresent");
  setDefault(c, "resources", {});
  const resources = c.resources as Obj;
  // A resource with a limit and no request: the request defaults to the limit, resource by resource.
  if (resources.limits) {
    const requests = (resources.requests as Obj | undefined) ?? {};
    for (const [k, v] of Object.entries(resources.limits as Obj)) if (!(k in requests)) requests[k] = v;
    resources.requests = requests;
  }
  for (const p of (c.ports as Obj[] | undefined) ?? []) setDefault(p, "protocol", "TCP");
  for (const e of (c.env as Obj[] | undefined) ?? []) {
    const from = e.valueFrom as Obj | undefined;
    const fieldRef = from?.fieldRef as Obj | undefined;
    if (fieldRef) setDefault(fieldRef, "apiVersion", "v1");
  }
}

export function defaultPodSpec(spec: Obj, forTemplate: boolean): void {
  setDefault(spec, "restartPolicy", "Always");
  setDefault(spec, "terminationGracePeriodSeconds", 30);
  setDefault(spec, "dnsPolicy", "ClusterFirst");
  setDefault(spec, "securityContext", {});
  setDefault(spec, "schedulerName", "default-scheduler");
  for (const key of ["initContainers", "containers"]) {
    for (const c of (spec[key] as Obj[] | undefined) ?? []) defaultContainer(c);
  }
  for (const v of (spec.volumes as Obj[] | undefined) ?? []) {
    const cm = v.configMap as Obj | undefined;
    if (cm) setDefault(cm, "defaultMode", 420);
    const secret = v.secret as Obj | undefined;
    if (secret) setDefault(secret, "defaultMode", 420);
  }
  if (!forTemplate) {
    setDefault(spec, "serviceAccountName", "default");
    setDefault(spec, "serviceAccount", spec.serviceAccountName);
    setDefault(spec, "enableServiceLinks", true);
    setDefault(spec, "preemptionPolicy", "PreemptLowerPriority");
    setDefault(spec, "priority", 0);
    // The DefaultTolerationSeconds admission plugin adds these to every pod.
    const tolerations = (spec.tolerations as Obj[] | undefined) ?? [];
    for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
      if (!tolerations.some((t) => t.key === key)) {
        tolerations.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 });
      }
    }
    spec.tolerations = tolerations;
  }
}

function defaultTemplate(spec: Obj): void {
  const template = obj(spec, "template");
  obj(template, "metadata");
  defaultPodSpec(obj(template, "spec"), true);
}

function defaultClaim(claim: Obj): void {
  setDefault(obj(claim, "spec"), "volumeMode", "Filesystem");
  setDefault(obj(claim, "status"), "phase", "Pending");
}

const DEFAULTERS: Record<string, (o: Obj) => void> = {
  Pod: (o) => defaultPodSpec(obj(o, "spec"), false),
  Deployment: (o) => {
    const spec = obj(o, "spec");
    setDefault(spec, "replicas", 1);
    setDefault(spec, "revisionHistoryLimit", 10);
    setDefault(spec, "progressDeadlineSeconds", 600);
    const strategy = obj(spec, "strategy");
    setDefault(strategy, "type", "RollingUpdate");
    if (strategy.type === "RollingUpdate") {
      const ru = obj(strategy, "rollingUpdate");
      setDefault(ru, "maxSurge", "25%");
      setDefault(ru, "maxUnavailable", "25%");
    }
    defaultTemplate(spec);
  },
  ReplicaSet: (o) => {
    const spec = obj(o, "spec");
    setDefault(spec, "replicas", 1);
    defaultTemplate(spec);
  },
  StatefulSet: (o) => {
    const spec = obj(o, "spec");
    setDefault(spec, "replicas", 1);
    setDefault(spec, "podManagementPolicy", "OrderedReady");
    setDefault(spec, "revisionHistoryLimit", 10);
    const us = obj(spec, "updateStrategy");
    setDefault(us, "type", "RollingUpdate");
    if (us.type === "RollingUpdate") setDefault(obj(us, "rollingUpdate"), "partition", 0);
    setDefault(spec, "persistentVolumeClaimRetentionPolicy", { whenDeleted: "Retain", whenScaled: "Retain" });
    for (const claim of (spec.volumeClaimTemplates as Obj[] | undefined) ?? []) defaultClaim(claim);
    defaultTemplate(spec);
  },
  DaemonSet: (o) => {
    const spec = obj(o, "spec");
    setDefault(spec, "revisionHistoryLimit", 10);
    const us = obj(spec, "updateStrategy");
    setDefault(us, "type", "RollingUpdate");
    if (us.type === "RollingUpdate") {
      const ru = obj(us, "rollingUpdate");
      setDefault(ru, "maxUnavailable", 1);
      setDefault(ru, "maxSurge", 0);
    }
    defaultTemplate(spec);
  },
  Job: (o) => {
    const spec = obj(o, "spec");
    setDefault(spec, "parallelism", 1);
    setDefault(spec, "completions", 1);
    setDefault(spec, "backoffLimit", 6);
    setDefault(spec, "completionMode", "NonIndexed");
    setDefault(spec, "suspend", false);
    setDefault(spec, "podReplacementPolicy", "TerminatingOrFailed");
    defaultTemplate(spec);
  },
  CronJob: (o) => {
    const spec = obj(o, "spec");
    setDefault(spec, "concurrencyPolicy", "Allow");
    setDefault(spec, "suspend", false);
    setDefault(spec, "successfulJobsHistoryLimit", 3);
    setDefault(spec, "failedJobsHistoryLimit", 1);
    const jobTemplate = obj(spec, "jobTemplate");
    obj(jobTemplate, "metadata");
    const jobSpec = obj(jobTemplate, "spec");
    defaultTemplate(jobSpec);
  },
  Service: (o) => {
    const spec = obj(o, "spec");
    setDefault(spec, "type", "ClusterIP");
    setDefault(spec, "sessionAffinity", "None");
    if (spec.type !== "ExternalName") {
      setDefault(spec, "ipFamilies", ["IPv4"]);
      setDefault(spec, "ipFamilyPolicy", "SingleStack");
      setDefault(spec, "internalTrafficPolicy", "Cluster");
    }
    if (spec.type === "NodePort" || spec.type === "LoadBalancer")
      setDefault(spec, "externalTrafficPolicy", "Cluster");
    for (const p of (spec.ports as Obj[] | undefined) ?? []) {
      setDefault(p, "protocol", "TCP");
      setDefault(p, "targetPort", p.port);
    }
    setDefault(obj(o, "status"), "loadBalancer", {});
  },
  Namespace: (o) => {
    const spec = obj(o, "spec");
    setDefault(spec, "finalizers", ["kubernetes"]);
    setDefault(obj(o, "status"), "phase", "Active");
    const meta = obj(o, "metadata");
    const labels = obj(meta, "labels");
    labels["kubernetes.io/metadata.name"] = meta.name;
  },
  Secret: (o) => setDefault(o, "type", "Opaque"),
  PersistentVolumeClaim: defaultClaim,
  // PodDisruptionBudgetStatus's counters are not omitempty: a fresh budget shows them at 0.
  PodDisruptionBudget: (o) => {
    const status = obj(o, "status");
    for (const key of ["disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"])
      setDefault(status, key, 0);
  },
  HorizontalPodAutoscaler: (o) => {
    const spec = obj(o, "spec");
    setDefault(spec, "minReplicas", 1);
    // autoscaling/v2 defaulting: no metrics means 80% average cpu utilisation.
    if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
      spec.metrics = [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
        },
      ];
    }
  },
};

/** Applies the real defaulters of the object's kind to a copy the caller owns. */
export function applyDefaults(object: Obj & { kind: string }): void {
  DEFAULTERS[object.kind]?.(object);
}
