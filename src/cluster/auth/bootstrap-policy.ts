import type { KubeObject } from "../types.js";
import { effectiveRules } from "./aggregation.js";
import type { ClusterRole, ClusterRoleBinding, PolicyRule } from "./rbac-types.js";
import { AUTHENTICATED, SYSTEM_MASTERS, UNAUTHENTICATED } from "./user.js";

const RBAC_GROUP = "rbac.authorization.k8s.io";
const READ = ["get", "list", "watch"];
const WRITE = ["create", "delete", "deletecollection", "patch", "update"];
const READ_WRITE = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

const AGGREGATE_TO_ADMIN = "rbac.authorization.k8s.io/aggregate-to-admin";
const AGGREGATE_TO_EDIT = "rbac.authorization.k8s.io/aggregate-to-edit";
const AGGREGATE_TO_VIEW = "rbac.authorization.k8s.io/aggregate-to-view";

function rule(verbs: string[], apiGroups: string[], resources: string[]): PolicyRule {
  return { apiGroups, resources, verbs };
}

function urls(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { nonResourceURLs, verbs };
}

/**
 * The ClusterRoles and ClusterRoleBindings a fresh Kubernetes 1.32 cluster has that matter to Smith's
 * agents, for the server to seed at start. Rules follow kube-apiserver's bootstrap policy; admin, edit
 * and view come with the rules the aggregation controller writes into them. One addition that is not
 * kube-apiserver's: metrics-server's aggregated reader role, since the embedded cluster serves
 * metrics.k8s.io and a real cluster that answers `kubectl top` has metrics-server installed.
 */
export function defaultClusterRbac(): KubeObject[] {
  const roles: ClusterRole[] = [
    aggregated("admin", AGGREGATE_TO_ADMIN, {}),
    clusterRole("cluster-admin", [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])]),
    aggregated("edit", AGGREGATE_TO_EDIT, { [AGGREGATE_TO_ADMIN]: "true" }),
    clusterRole("system:aggregate-to-admin", AGGREGATE_TO_ADMIN_RULES, { [AGGREGATE_TO_ADMIN]: "true" }),
    clusterRole("system:aggregate-to-edit", AGGREGATE_TO_EDIT_RULES, { [AGGREGATE_TO_EDIT]: "true" }),
    clusterRole("system:aggregate-to-view", AGGREGATE_TO_VIEW_RULES, { [AGGREGATE_TO_VIEW]: "true" }),
    metricsReader(),
    clusterRole("system:basic-user", [
      rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
      rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
    ]),
    clusterRole("system:discovery", [
      urls(
        ["get"],
        [
          "/api",
          "/api/*",
          "/apis",
          "/apis/*",
          "/healthz",
          "/livez",
          "/openapi",
          "/openapi/*",
          "/readyz",
          "/version",
          "/version/",
        ],
      ),
    ]),
    clusterRole("system:public-info-viewer", [
      urls(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"]),
    ]),
    aggregated("view", AGGREGATE_TO_VIEW, { [AGGREGATE_TO_EDIT]: "true" }),
  ];
  for (const role of roles) if (role.aggregationRule) role.rules = effectiveRules(role, roles);
  const bindings: ClusterRoleBinding[] = [
    binding("cluster-admin", [SYSTEM_MASTERS]),
    binding("system:basic-user", [AUTHENTICATED]),
    binding("system:discovery", [AUTHENTICATED]),
    binding("system:public-info-viewer", [AUTHENTICATED, UNAUTHENTICATED]),
  ];
  // A copy, so that objects the store later patches share no rule arrays with each other or with this module.
  return structuredClone([...roles, ...bindings]);
}

const AGGREGATE_TO_ADMIN_RULES: PolicyRule[] = [
  rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
  rule(READ_WRITE, [RBAC_GROUP], ["rolebindings", "roles"]),
];

const AGGREGATE_TO_EDIT_RULES: PolicyRule[] = [
  rule(
    READ,
    [""],
    ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"],
  ),
  rule(["impersonate"], [""], ["serviceaccounts"]),
  rule(WRITE, [""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"]),
  rule(["create"], [""], ["pods/eviction"]),
  rule(
    WRITE,
    [""],
    [
      "configmaps",
      "events",
      "persistentvolumeclaims",
      "replicationcontrollers",
      "replicationcontrollers/scale",
      "secrets",
      "serviceaccounts",
      "services",
      "services/proxy",
    ],
  ),
  rule(["create"], [""], ["serviceaccounts/token"]),
  rule(
    WRITE,
    ["apps"],
    [
      "daemonsets",
      "deployments",
      "deployments/rollback",
      "deployments/scale",
      "replicasets",
      "replicasets/scale",
      "statefulsets",
      "statefulsets/scale",
    ],
  ),
  rule(WRITE, ["autoscaling"], ["horizontalpodautoscalers"]),
  rule(WRITE, ["batch"], ["cronjobs", "jobs"]),
  rule(
    WRITE,
    ["extensions"],
    [
      "daemonsets",
      "deployments",
      "deployments/rollback",
      "deployments/scale",
      "ingresses",
      "networkpolicies",
      "replicasets",
      "replicasets/scale",
      "replicationcontrollers/scale",
    ],
  ),
  rule(WRITE, ["policy"], ["poddisruptionbudgets"]),
  rule(WRITE, ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
];

const AGGREGATE_TO_VIEW_RULES: PolicyRule[] = [
  rule(
    READ,
    [""],
    [
      "configmaps",
      "endpoints",
      "persistentvolumeclaims",
      "persistentvolumeclaims/status",
      "pods",
      "replicationcontrollers",
      "replicationcontrollers/scale",
      "serviceaccounts",
      "services",
      "services/status",
    ],
  ),
  rule(
    READ,
    [""],
    [
      "bindings",
      "events",
      "limitranges",
      "namespaces/status",
      "pods/log",
      "pods/status",
      "replicationcontrollers/status",
      "resourcequotas",
      "resourcequotas/status",
    ],
  ),
  rule(READ, [""], ["namespaces"]),
  rule(READ, ["discovery.k8s.io"], ["endpointslices"]),
  rule(
    READ,
    ["apps"],
    [
      "controllerrevisions",
      "daemonsets",
      "daemonsets/status",
      "deployments",
      "deployments/scale",
      "deployments/status",
      "replicasets",
      "replicasets/scale",
      "replicasets/status",
      "statefulsets",
      "statefulsets/scale",
      "statefulsets/status",
    ],
  ),
  rule(READ, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
  rule(READ, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
  rule(
    READ,
    ["extensions"],
    [
      "daemonsets",
      "daemonsets/status",
      "deployments",
      "deployments/scale",
      "deployments/status",
      "ingresses",
      "ingresses/status",
      "networkpolicies",
      "replicasets",
      "replicasets/scale",
      "replicasets/status",
      "replicationcontrollers/scale",
    ],
  ),
  rule(READ, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
  rule(READ, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
];

function bootstrapMetadata(name: string, labels: Record<string, string> = {}): KubeObject["metadata"] {
  return {
    name,
    labels: { "kubernetes.io/bootstrapping": "rbac-defaults", ...labels },
    annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
  };
}

function clusterRole(name: string, rules: PolicyRule[], labels: Record<string, string> = {}): ClusterRole {
  return {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: "ClusterRole",
    metadata: bootstrapMetadata(name, labels),
    rules,
  };
}

function aggregated(name: string, selectorLabel: string, labels: Record<string, string>): ClusterRole {
  return {
    ...clusterRole(name, [], labels),
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [selectorLabel]: "true" } }] },
  };
}

/** As metrics-server's manifest ships it: its labels fold metrics reads into admin, edit and view. */
function metricsReader(): ClusterRole {
  return {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: "ClusterRole",
    metadata: {
      name: "system:aggregated-metrics-reader",
      labels: {
        "k8s-app": "metrics-server",
        [AGGREGATE_TO_ADMIN]: "true",
        [AGGREGATE_TO_EDIT]: "true",
        [AGGREGATE_TO_VIEW]: "true",
      },
    },
    rules: [rule(READ, ["metrics.k8s.io"], ["pods", "nodes"])],
  };
}

function binding(roleName: string, groups: string[]): ClusterRoleBinding {
  return {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: "ClusterRoleBinding",
    metadata: bootstrapMetadata(roleName),
    roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: roleName },
    subjects: groups.map((name) => ({ apiGroup: RBAC_GROUP, kind: "Group", name })),
  };
}
