/**
 * Object validation with the messages of the real API server's validators, so an agent that sends a bad
 * object reads the same 422 it would read on a real cluster.
 */

import { canonicalJson } from "./controllers/revisions.js";
import {
  fieldForbidden,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  type StatusCause,
} from "./errors.js";
import { fromLabelSelector, type LabelSelector, matchesSelector } from "./selectors.js";
import type { KubeObject } from "./types.js";

type Obj = Record<string, unknown>;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

type NameRule = "subdomain" | "label" | "dns1035" | "path-segment";

/** Which name rule each kind's validator applies (ValidateObjectMeta's nameFn). */
const NAME_RULES: Record<string, NameRule> = {
  Namespace: "label",
  Service: "dns1035",
  Role: "path-segment",
  ClusterRole: "path-segment",
  RoleBinding: "path-segment",
  ClusterRoleBinding: "path-segment",
};

export function validateName(kind: string, name: string, field = "metadata.name"): StatusCause[] {
  const rule = NAME_RULES[kind] ?? "subdomain";
  switch (rule) {
    case "label":
      if (name.length > 63) return [fieldInvalid(field, name, "must be no more than 63 characters")];
      return DNS1123_LABEL.test(name) ? [] : [fieldInvalid(field, name, LABEL_MSG)];
    case "dns1035":
      if (name.length > 63) return [fieldInvalid(field, name, "must be no more than 63 characters")];
      return DNS1035_LABEL.test(name) ? [] : [fieldInvalid(field, name, DNS1035_MSG)];
    case "path-segment":
      if (name === "." || name === "..") return [fieldInvalid(field, name, `may not be '${name}'`)];
      if (name.includes("/")) return [fieldInvalid(field, name, "may not contain '/'")];
      if (name.includes("%")) return [fieldInvalid(field, name, "may not contain '%'")];
      return [];
    case "subdomain":
      if (name.length > 253) return [fieldInvalid(field, name, "must be no more than 253 characters")];
      return DNS1123_SUBDOMAIN.test(name) ? [] : [fieldInvalid(field, name, SUBDOMAIN_MSG)];
  }
}

function validateLabels(labels: unknown, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries((labels as Obj | undefined) ?? {})) {
    const [prefix, name] = key.includes("/")
      ? [key.slice(0, key.indexOf("/")), key.slice(key.indexOf("/") + 1)]
      : ["", key];
    if (
      !QUALIFIED_NAME.test(name) ||
      name.length > 63 ||
      (prefix !== "" && !DNS1123_SUBDOMAIN.test(prefix))
    ) {
      causes.push(
        fieldInvalid(
          field,
          key,
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        ),
      );
    }
    if (typeof value !== "string" || value.length > 63 || !LABEL_VALUE.test(value)) {
      causes.push(
        fieldInvalid(
          field,
          value,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ),
      );
    }
  }
  return causes;
}

function validateContainers(spec: Obj, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const containers = spec.containers as Obj[] | undefined;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push(fieldRequired(`${path}.containers`));
    return causes;
  }
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    const p = `${path}.containers[${i}]`;
    const name = c.name;
    if (typeof name !== "string" || name === "") causes.push(fieldRequired(`${p}.name`));
    else {
      if (!DNS1123_LABEL.test(name) || name.length > 63)
        causes.push(fieldInvalid(`${p}.name`, name, LABEL_MSG));
      if (seen.has(name))
        causes.push({
          reason: "FieldValueDuplicate",
          message: `Duplicate value: "${name}"`,
          field: `${p}.name`,
        });
      seen.add(name);
    }
    if (typeof c.image !== "string" || c.image.trim() === "") causes.push(fieldRequired(`${p}.image`));
    for (const [j, port] of ((c.ports as Obj[] | undefined) ?? []).entries()) {
      const n = port.containerPort;
      if (typeof n !== "number" || n < 1 || n > 65535) {
        causes.push(
          fieldInvalid(`${p}.ports[${j}].containerPort`, n ?? 0, "must be between 1 and 65535, inclusive"),
        );
      }
    }
  });
  return causes;
}

function validatePodTemplate(spec: Obj, path: string, restartPolicies: string[]): StatusCause[] {
  const template = spec.template as Obj | undefined;
  if (!template) return [fieldRequired(`${path}.template`)];
  const podSpec = (template.spec as Obj | undefined) ?? {};
  const causes = validateContainers(podSpec, `${path}.template.spec`);
  const rp = podSpec.restartPolicy as string | undefined;
  if (rp !== undefined && !restartPolicies.includes(rp)) {
    causes.push(fieldNotSupported(`${path}.template.spec.restartPolicy`, rp, restartPolicies));
  }
  causes.push(
    ...validateLabels((template.metadata as Obj | undefined)?.labels, `${path}.template.metadata.labels`),
  );
  return causes;
}

function validateSelectorMatchesTemplate(spec: Obj, path: string): StatusCause[] {
  const selector = spec.selector as LabelSelector | undefined;
  if (!selector) return [fieldRequired(`${path}.selector`)];
  const reqs = fromLabelSelector(selector);
  if (reqs.length === 0)
    return [fieldInvalid(`${path}.selector`, selector, "empty selector is invalid for deployment")];
  const labels = ((spec.template as Obj | undefined)?.metadata as Obj | undefined)?.labels as
    | Record<string, string>
    | undefined;
  if (!matchesSelector(reqs, labels)) {
    return [
      fieldInvalid(
        `${path}.template.metadata.labels`,
        labels ?? {},
        "`selector` does not match template `labels`",
      ),
    ];
  }
  return [];
}

function nonNegative(spec: Obj, key: string, path: string): StatusCause[] {
  const v = spec[key];
  if (v === undefined || v === null) return [];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
    return [fieldInvalid(`${path}.${key}`, v, "must be greater than or equal to 0")];
  }
  return [];
}

/** Go's %#v of an intstr.IntOrString, the value field.Invalid shows for one (it has no value String method). */
function intOrStringValue(v: unknown): string {
  return typeof v === "number"
    ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`
    : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
}

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent, as PodDisruptionBudget bounds use them. */
function validateBound(value: unknown, field: string): StatusCause[] {
  if (value === undefined || value === null) return [];
  const invalidBound = (detail: string): StatusCause => ({
    reason: "FieldValueInvalid",
    message: `Invalid value: ${intOrStringValue(value)}: ${detail}`,
    field,
  });
  if (typeof value === "number")
    return value < 0 ? [fieldInvalid(field, value, "must be greater than or equal to 0")] : [];
  if (typeof value !== "string" || !/^[0-9]+%$/.test(value)) {
    return [
      invalidBound(
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ),
    ];
  }
  return Number.parseInt(value, 10) > 100 ? [invalidBound("must not be greater than 100%")] : [];
}

const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];

const KIND_VALIDATORS: Record<string, (o: KubeObject) => StatusCause[]> = {
  Pod: (o) => validateContainers((o.spec as Obj | undefined) ?? {}, "spec"),
  Deployment: (o) => {
    const spec = (o.spec as Obj | undefined) ?? {};
    return [
      ...nonNegative(spec, "replicas", "spec"),
      ...validateSelectorMatchesTemplate(spec, "spec"),
      ...validatePodTemplate(spec, "spec", ["Always"]),
    ];
  },
  ReplicaSet: (o) => {
    const spec = (o.spec as Obj | undefined) ?? {};
    return [
      ...nonNegative(spec, "replicas", "spec"),
      ...validateSelectorMatchesTemplate(spec, "spec"),
      ...validatePodTemplate(spec, "spec", ["Always"]),
    ];
  },
  StatefulSet: (o) => {
    const spec = (o.spec as Obj | undefined) ?? {};
    return [
      ...nonNegative(spec, "replicas", "spec"),
      ...validateSelectorMatchesTemplate(spec, "spec"),
      ...validatePodTemplate(spec, "spec", ["Always"]),
    ];
  },
  DaemonSet: (o) => {
    const spec = (o.spec as Obj | undefined) ?? {};
    return [
      ...validateSelectorMatchesTemplate(spec, "spec"),
      ...validatePodTemplate(spec, "spec", ["Always"]),
    ];
  },
  Job: (o) => {
    const spec = (o.spec as Obj | undefined) ?? {};
    const causes = [...nonNegative(spec, "parallelism", "spec"), ...nonNegative(spec, "completions", "spec")];
    const template = spec.template as Obj | undefined;
    const rp = (template?.spec as Obj | undefined)?.restartPolicy;
    if (template && (rp === undefined || rp === "Always")) {
      causes.push(fieldRequired("spec.template.spec.restartPolicy", 'valid values: "OnFailure", "Never"'));
    }
    causes.push(...validatePodTemplate(spec, "spec", ["OnFailure", "Never"]));
    return causes;
  },
  CronJob: (o) => {
    const spec = (o.spec as Obj | undefined) ?? {};
    const causes: StatusCause[] = [];
    if (typeof spec.schedule !== "string" || spec.schedule.trim() === "")
      causes.push(fieldRequired("spec.schedule"));
    return causes;
  },
  Service: (o) => {
    const spec = (o.spec as Obj | undefined) ?? {};
    const causes: StatusCause[] = [];
    const ports = (spec.ports as Obj[] | undefined) ?? [];
    if (spec.type !== "ExternalName" && spec.clusterIP !== "None" && ports.length === 0) {
      causes.push(fieldRequired("spec.ports"));
    }
    ports.forEach((p, i) => {
      if (typeof p.port !== "number" || p.port < 1 || p.port > 65535) {
        causes.push(
          fieldInvalid(`spec.ports[${i}].port`, p.port ?? 0, "must be between 1 and 65535, inclusive"),
        );
      }
      if (ports.length > 1 && !p.name) causes.push(fieldRequired(`spec.ports[${i}].name`));
    });
    const types = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];
    if (spec.type !== undefined && !types.includes(spec.type as string)) {
      causes.push(fieldNotSupported("spec.type", spec.type, types));
    }
    return causes;
  },
  HorizontalPodAutoscaler: (o) => {
    const spec = (o.spec as Obj | undefined) ?? {};
    const causes: StatusCause[] = [];
    if (!spec.scaleTargetRef) causes.push(fieldRequired("spec.scaleTargetRef"));
    const min = (spec.minReplicas as number | undefined) ?? 1;
    const max = spec.maxReplicas as number | undefined;
    if (typeof max !== "number" || max < 1)
      causes.push(fieldInvalid("spec.maxReplicas", max ?? 0, "must be greater than or equal to 1"));
    else if (max < min)
      causes.push(fieldInvalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
    return causes;
  },
  PersistentVolumeClaim: (o) => {
    const spec = (o.spec as Obj | undefined) ?? {};
    const causes: StatusCause[] = [];
    const modes = (spec.accessModes as unknown[] | undefined) ?? [];
    if (modes.length === 0)
      causes.push(fieldRequired("spec.accessModes", "at least 1 access mode is required"));
    for (const mode of modes) {
      if (!ACCESS_MODES.includes(mode as string))
        causes.push(fieldNotSupported("spec.accessModes", mode, ACCESS_MODES));
    }
    const requests = ((spec.resources as Obj | undefined)?.requests as Obj | undefined) ?? {};
    if (requests.storage === undefined) causes.push(fieldRequired("spec.resources[storage]"));
    return causes;
  },
  PodDisruptionBudget: (o) => {
    const spec = (o.spec as Obj | undefined) ?? {};
    const causes: StatusCause[] = [];
    const bothSet = spec.minAvailable != null && spec.maxUnavailable != null;
    if (bothSet)
      causes.push(fieldInvalid("spec", spec, "minAvailable and maxUnavailable cannot be both set"));
    causes.push(
      ...validateBound(spec.minAvailable, "spec.minAvailable"),
      ...validateBound(spec.maxUnavailable, "spec.maxUnavailable"),
    );
    const policy = spec.unhealthyPodEvictionPolicy;
    if (policy != null && policy !== "AlwaysAllow" && policy !== "IfHealthyBudget") {
      causes.push(
        fieldNotSupported("spec.unhealthyPodEvictionPolicy", policy, ["AlwaysAllow", "IfHealthyBudget"]),
      );
    }
    return causes;
  },
  RoleBinding: (o) => (o.roleRef ? [] : [fieldRequired("roleRef")]),
  ClusterRoleBinding: (o) => (o.roleRef ? [] : [fieldRequired("roleRef")]),
};

/** Everything wrong with an object about to be stored, as the real validators would word it. */
export function validateObject(o: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = o.metadata.name ?? "";
  if (name === "") causes.push(fieldRequired("metadata.name", "name or generateName is required"));
  else causes.push(...validateName(o.kind, name));
  causes.push(...validateLabels(o.metadata.labels, "metadata.labels"));
  causes.push(...(KIND_VALIDATORS[o.kind]?.(o) ?? []));
  return causes;
}

/** Kinds whose spec.selector cannot change after creation. */
const IMMUTABLE_SELECTOR = new Set(["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"]);

/** Fields that may not change on update, with the real "field is immutable" message. */
export function validateUpdate(oldObj: KubeObject, newObj: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const oldSpec = (oldObj.spec as Obj | undefined) ?? {};
  const newSpec = (newObj.spec as Obj | undefined) ?? {};
  if (
    IMMUTABLE_SELECTOR.has(newObj.kind) &&
    JSON.stringify(oldSpec.selector) !== JSON.stringify(newSpec.selector)
  ) {
    causes.push(fieldInvalid("spec.selector", newSpec.selector, "field is immutable"));
  }
  if (newObj.kind === "Service" && oldSpec.clusterIP && newSpec.clusterIP !== oldSpec.clusterIP) {
    causes.push(fieldInvalid("spec.clusterIP", newSpec.clusterIP ?? "", "field is immutable"));
  }
  if (
    (newObj.kind === "RoleBinding" || newObj.kind === "ClusterRoleBinding") &&
    JSON.stringify(oldObj.roleRef) !== JSON.stringify(newObj.roleRef)
  ) {
    causes.push(fieldInvalid("roleRef", newObj.roleRef, "cannot change roleRef"));
  }
  if (newObj.kind === "PersistentVolumeClaim" && claimSpecChanged(oldObj, newObj)) {
    causes.push(
      fieldForbidden(
        "spec",
        "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
      ),
    );
  }
  if (newObj.kind === "Pod") {
    const strip = (s: Obj) => {
      const { containers, activeDeadlineSeconds, tolerations, terminationGracePeriodSeconds, ...rest } = s;
      const images = ((containers as Obj[] | undefined) ?? []).map(({ image, ...c }) => c);
      return JSON.stringify({ rest, images });
    };
    if (strip(oldSpec) !== strip(newSpec)) {
      causes.push(
        fieldForbidden(
          "spec",
          "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
        ),
      );
    }
  }
  return causes;
}

/**
 * A claim's spec may change only in its storage request and VolumeAttributesClass, and only once bound; the
 * volume controller may set volumeName on a claim that has none yet.
 */
function claimSpecChanged(oldObj: KubeObject, newObj: KubeObject): boolean {
  const bound = (oldObj.status as Obj | undefined)?.phase === "Bound";
  const comparable = (o: KubeObject, volumeName: unknown) => {
    const { resources, volumeAttributesClassName, ...spec } = (o.spec as Obj | undefined) ?? {};
    const { requests, ...otherResources } = (resources as Obj | undefined) ?? {};
    return canonicalJson({
      ...spec,
      volumeName,
      resources: otherResources,
      ...(bound ? {} : { requests, volumeAttributesClassName }),
    });
  };
  const oldName = (oldObj.spec as Obj | undefined)?.volumeName;
  const newName = (newObj.spec as Obj | undefined)?.volumeName;
  return comparable(oldObj, oldName || newName) !== comparable(newObj, newName);
}
