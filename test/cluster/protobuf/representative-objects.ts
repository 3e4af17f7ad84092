/*
 * One object per kind that takes protobuf, each in the exact JSON form Go would write it: value fields
 * present even when zero unless omitempty, zero times as null, struct values ({}) never omitted.
 * Together they exercise pointers set to zero, IntOrString both ways, quantities, times in seconds and
 * microseconds, embedded JSON (RawExtension, FieldsV1), bytes, inline structs and maps.
 */

const T0 = "2026-01-01T00:00:00Z";
const T1 = "2026-01-01T00:05:30Z";

function metadata(name: string, namespace?: string) {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    uid: "6f1c1b0e-8d7a-4c55-9d6c-0a9a2e1f0c11",
    resourceVersion: "42",
    generation: 3,
    creationTimestamp: T0,
    labels: { app: "web", "app.kubernetes.io/part-of": "smith" },
    annotations: { "smith.dev/note": "round trip" },
    ownerReferences: [
      {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        name: "web-5d8f",
        uid: "0b5a7e3c-1111-4a2b-9c3d-5e6f7a8b9c0d",
        controller: true,
        blockOwnerDeletion: false,
      },
    ],
    finalizers: ["smith.dev/keep"],
    managedFields: [
      {
        manager: "kubectl-create",
        operation: "Update",
        apiVersion: "v1",
        time: T0,
        fieldsType: "FieldsV1",
        fieldsV1: { "f:metadata": { "f:labels": { ".": {}, "f:app": {} } } },
      },
    ],
  };
}

const templateMetadata = { creationTimestamp: null, labels: { app: "web" } };

const podSpec = {
  volumes: [
    {
      name: "config",
      configMap: { name: "web-config", items: [{ key: "a", path: "a.txt" }], defaultMode: 420 },
    },
    { name: "scratch", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
    { name: "creds", secret: { secretName: "web-creds", optional: false } },
    { name: "data", persistentVolumeClaim: { claimName: "web-data", readOnly: true } },
    {
      name: "token",
      projected: {
        sources: [{ serviceAccountToken: { audience: "smith", expirationSeconds: 3600, path: "t" } }],
      },
    },
  ],
  initContainers: [{ name: "init", image: "busybox:1.36", command: ["sh", "-c", "true"], resources: {} }],
  containers: [
    {
      name: "web",
      image: "nginx:1.27",
      command: ["nginx"],
      args: ["-g", "daemon off;"],
      workingDir: "/srv",
      ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }, { containerPort: 9090 }],
      envFrom: [{ prefix: "CFG_", configMapRef: { name: "web-config", optional: true } }],
      env: [
        { name: "MODE", value: "prod" },
        { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "web-creds", key: "pw" } } },
        { name: "POD", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
        { name: "CPU", valueFrom: { resourceFieldRef: { resource: "limits.cpu", divisor: "1m" } } },
      ],
      resources: { limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: "250m", memory: "64Mi" } },
      volumeMounts: [
        { name: "config", readOnly: true, mountPath: "/etc/web" },
        { name: "scratch", mountPath: "/tmp", subPath: "web" },
      ],
      livenessProbe: {
        httpGet: {
          path: "/healthz",
          port: "http",
          scheme: "HTTP",
          httpHeaders: [{ name: "X-Probe", value: "1" }],
        },
        initialDelaySeconds: 5,
        periodSeconds: 10,
        failureThreshold: 3,
      },
      readinessProbe: { tcpSocket: { port: 8080 }, timeoutSeconds: 1, successThreshold: 1 },
      startupProbe: { exec: { command: ["cat", "/tmp/ready"] }, terminationGracePeriodSeconds: 0 },
      lifecycle: { preStop: { sleep: { seconds: 5 } } },
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
      imagePullPolicy: "IfNotPresent",
      securityContext: {
        capabilities: { drop: ["ALL"] },
        privileged: false,
        runAsUser: 1000,
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        seccompProfile: { type: "RuntimeDefault" },
      },
      stdin: true,
      tty: true,
    },
  ],
  restartPolicy: "Always",
  terminationGracePeriodSeconds: 30,
  dnsPolicy: "ClusterFirst",
  nodeSelector: { "kubernetes.io/os": "linux", disk: "ssd" },
  serviceAccountName: "web",
  serviceAccount: "web",
  automountServiceAccountToken: false,
  securityContext: {
    runAsGroup: 3000,
    fsGroup: 2000,
    supplementalGroups: [4000],
    sysctls: [{ name: "a", value: "" }],
  },
  imagePullSecrets: [{ name: "registry" }],
  affinity: {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            labelSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["web"] }] },
            topologyKey: "kubernetes.io/hostname",
          },
        },
      ],
    },
  },
  schedulerName: "default-scheduler",
  tolerations: [
    { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
  ],
  priority: 0,
  enableServiceLinks: true,
  preemptionPolicy: "PreemptLowerPriority",
  topologySpreadConstraints: [
    {
      maxSkew: 1,
      topologyKey: "zone",
      whenUnsatisfiable: "ScheduleAnyway",
      labelSelector: { matchLabels: { app: "web" } },
    },
  ],
};

const podTemplate = { metadata: templateMetadata, spec: podSpec };
const selector = { matchLabels: { app: "web" } };
const condition = {
  type: "Available",
  status: "True",
  lastUpdateTime: T0,
  lastTransitionTime: T1,
  reason: "Ok",
};

const policyRules = [
  { verbs: ["get", "list", "watch"], apiGroups: ["", "apps"], resources: ["pods", "deployments"] },
  { verbs: ["update"], apiGroups: ["apps"], resources: ["deployments/scale"], resourceNames: ["web"] },
];

export const REPRESENTATIVE_OBJECTS: readonly {
  apiVersion: string;
  kind: string;
  [field: string]: unknown;
}[] = [
  {
    kind: "Namespace",
    apiVersion: "v1",
    metadata: metadata("team-a"),
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  },
  {
    kind: "Node",
    apiVersion: "v1",
    metadata: metadata("node-1"),
    spec: {
      podCIDR: "10.0.0.0/24",
      taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }],
      unschedulable: true,
    },
    status: {
      capacity: { cpu: "4", memory: "16Gi", pods: "110" },
      allocatable: { cpu: "3800m", memory: "15Gi", pods: "110" },
      conditions: [
        {
          type: "Ready",
          status: "True",
          lastHeartbeatTime: T1,
          lastTransitionTime: T0,
          reason: "KubeletReady",
        },
      ],
      addresses: [{ type: "InternalIP", address: "10.0.0.1" }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: "m",
        systemUUID: "s",
        bootID: "b",
        kernelVersion: "6.1",
        osImage: "Smith",
        containerRuntimeVersion: "smith://1",
        kubeletVersion: "v1.32.0",
        kubeProxyVersion: "",
        operatingSystem: "linux",
        architecture: "amd64",
      },
    },
  },
  {
    kind: "Pod",
    apiVersion: "v1",
    metadata: metadata("web-5d8f-abcde", "default"),
    spec: { ...podSpec, nodeName: "node-1", hostname: "web", subdomain: "web" },
    status: {
      phase: "Running",
      conditions: [{ type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: T1 }],
      hostIP: "10.0.0.1",
      hostIPs: [{ ip: "10.0.0.1" }],
      podIP: "10.244.0.5",
      podIPs: [{ ip: "10.244.0.5" }],
      startTime: T0,
      containerStatuses: [
        {
          name: "web",
          state: { running: { startedAt: T1 } },
          lastState: { terminated: { exitCode: 0, reason: "Completed", startedAt: null, finishedAt: T0 } },
          ready: true,
          restartCount: 1,
          image: "nginx:1.27",
          imageID: "docker.io/library/nginx@sha256:0",
          containerID: "smith://web",
          started: true,
        },
      ],
      qosClass: "Burstable",
    },
  },
  {
    kind: "Service",
    apiVersion: "v1",
    metadata: metadata("web", "default"),
    spec: {
      ports: [
        { name: "http", protocol: "TCP", port: 80, targetPort: "http" },
        {
          name: "metrics",
          protocol: "TCP",
          appProtocol: "http",
          port: 9090,
          targetPort: 9090,
          nodePort: 30090,
        },
      ],
      selector: { app: "web" },
      clusterIP: "10.96.0.10",
      clusterIPs: ["10.96.0.10"],
      type: "NodePort",
      sessionAffinity: "None",
      externalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
    },
    status: { loadBalancer: { ingress: [{ ip: "192.0.2.1", ports: [{ port: 80, protocol: "TCP" }] }] } },
  },
  {
    kind: "Endpoints",
    apiVersion: "v1",
    metadata: metadata("web", "default"),
    subsets: [
      {
        addresses: [
          {
            ip: "10.244.0.5",
            nodeName: "node-1",
            targetRef: { kind: "Pod", namespace: "default", name: "web-5d8f-abcde" },
          },
        ],
        notReadyAddresses: [{ ip: "10.244.0.6" }],
        ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      },
    ],
  },
  {
    kind: "ConfigMap",
    apiVersion: "v1",
    metadata: metadata("web-config", "default"),
    immutable: false,
    data: { a: "1", "b.txt": "two\nlines" },
    binaryData: { blob: "AAEC/w==" },
  },
  {
    kind: "Secret",
    apiVersion: "v1",
    metadata: metadata("web-creds", "default"),
    data: { pw: "aHVudGVyMg==", empty: "" },
    type: "Opaque",
  },
  {
    kind: "ServiceAccount",
    apiVersion: "v1",
    metadata: metadata("web", "default"),
    secrets: [{ name: "web-token" }],
    imagePullSecrets: [{ name: "registry" }],
    automountServiceAccountToken: true,
  },
  {
    kind: "Event",
    apiVersion: "v1",
    metadata: metadata("web.1", "default"),
    involvedObject: {
      kind: "Pod",
      namespace: "default",
      name: "web-5d8f-abcde",
      apiVersion: "v1",
      fieldPath: "spec.containers{web}",
    },
    reason: "Started",
    message: "Started container web",
    source: { component: "kubelet", host: "node-1" },
    firstTimestamp: T0,
    lastTimestamp: T1,
    count: 2,
    type: "Normal",
    eventTime: "2026-01-01T00:00:00.123456Z",
    reportingComponent: "kubelet",
    reportingInstance: "node-1",
  },
  {
    kind: "ResourceQuota",
    apiVersion: "v1",
    metadata: metadata("quota", "default"),
    spec: { hard: { pods: "10", "requests.cpu": "2" }, scopes: ["NotTerminating"] },
    status: { hard: { pods: "10", "requests.cpu": "2" }, used: { pods: "0", "requests.cpu": "0" } },
  },
  {
    kind: "LimitRange",
    apiVersion: "v1",
    metadata: metadata("limits", "default"),
    spec: {
      limits: [
        { type: "Container", max: { cpu: "2" }, default: { cpu: "500m" }, defaultRequest: { cpu: "100m" } },
      ],
    },
  },
  {
    kind: "Binding",
    apiVersion: "v1",
    metadata: metadata("web-5d8f-abcde", "default"),
    target: { kind: "Node", name: "node-1", apiVersion: "v1" },
  },
  {
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: metadata("web", "default"),
    spec: {
      replicas: 0,
      selector,
      template: podTemplate,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: 1 } },
      minReadySeconds: 5,
      revisionHistoryLimit: 10,
      paused: true,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 3,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 1,
      availableReplicas: 1,
      unavailableReplicas: 1,
      conditions: [condition],
      collisionCount: 0,
    },
  },
  {
    kind: "ReplicaSet",
    apiVersion: "apps/v1",
    metadata: metadata("web-5d8f", "default"),
    spec: { replicas: 2, selector, template: podTemplate },
    status: {
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 1,
    },
  },
  {
    kind: "StatefulSet",
    apiVersion: "apps/v1",
    metadata: metadata("db", "default"),
    spec: {
      replicas: 3,
      selector,
      template: podTemplate,
      volumeClaimTemplates: [
        {
          metadata: { name: "data", creationTimestamp: null },
          spec: {
            accessModes: ["ReadWriteOnce"],
            resources: { requests: { storage: "1Gi" } },
            storageClassName: "standard",
          },
          status: {},
        },
      ],
      serviceName: "db",
      podManagementPolicy: "Parallel",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0, maxUnavailable: 1 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Delete" },
      ordinals: { start: 0 },
    },
    status: {
      replicas: 3,
      readyReplicas: 3,
      currentRevision: "db-1",
      updateRevision: "db-1",
      availableReplicas: 3,
    },
  },
  {
    kind: "DaemonSet",
    apiVersion: "apps/v1",
    metadata: metadata("agent", "default"),
    spec: { selector, template: podTemplate, updateStrategy: { type: "OnDelete" }, revisionHistoryLimit: 10 },
    status: { currentNumberScheduled: 1, numberMisscheduled: 0, desiredNumberScheduled: 1, numberReady: 0 },
  },
  {
    kind: "ControllerRevision",
    apiVersion: "apps/v1",
    metadata: metadata("db-1", "default"),
    data: { spec: { template: { metadata: { labels: { app: "db" } } } } },
    revision: 1,
  },
  {
    kind: "Job",
    apiVersion: "batch/v1",
    metadata: metadata("migrate", "default"),
    spec: {
      parallelism: 1,
      completions: 1,
      activeDeadlineSeconds: 600,
      podFailurePolicy: {
        rules: [{ action: "FailJob", onExitCodes: { containerName: "web", operator: "In", values: [42] } }],
      },
      backoffLimit: 0,
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "x" } },
      manualSelector: false,
      template: { ...podTemplate, spec: { ...podSpec, restartPolicy: "Never" } },
      ttlSecondsAfterFinished: 100,
      completionMode: "NonIndexed",
      suspend: false,
    },
    status: {
      conditions: [{ type: "Complete", status: "True", lastProbeTime: T1, lastTransitionTime: T1 }],
      startTime: T0,
      completionTime: T1,
      succeeded: 1,
      ready: 0,
    },
  },
  {
    kind: "CronJob",
    apiVersion: "batch/v1",
    metadata: metadata("nightly", "default"),
    spec: {
      schedule: "0 3 * * *",
      timeZone: "Etc/UTC",
      startingDeadlineSeconds: 200,
      concurrencyPolicy: "Forbid",
      suspend: true,
      jobTemplate: {
        metadata: { name: "nightly", creationTimestamp: null },
        spec: { template: { ...podTemplate, spec: { ...podSpec, restartPolicy: "OnFailure" } } },
      },
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    },
    status: {
      active: [{ kind: "Job", namespace: "default", name: "nightly-1", apiVersion: "batch/v1" }],
      lastScheduleTime: T0,
    },
  },
  {
    kind: "HorizontalPodAutoscaler",
    apiVersion: "autoscaling/v2",
    metadata: metadata("web", "default"),
    spec: {
      scaleTargetRef: { kind: "Deployment", name: "web", apiVersion: "apps/v1" },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
        },
        {
          type: "Pods",
          pods: { metric: { name: "rps" }, target: { type: "AverageValue", averageValue: "100" } },
        },
      ],
      behavior: {
        scaleDown: {
          stabilizationWindowSeconds: 300,
          selectPolicy: "Max",
          policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
        },
      },
    },
    status: {
      observedGeneration: 1,
      lastScaleTime: T1,
      currentReplicas: 2,
      desiredReplicas: 3,
      currentMetrics: [
        {
          type: "Resource",
          resource: { name: "cpu", current: { averageValue: "450m", averageUtilization: 90 } },
        },
      ],
      conditions: [
        { type: "AbleToScale", status: "True", lastTransitionTime: T0, reason: "ReadyForNewScale" },
      ],
    },
  },
  {
    kind: "HorizontalPodAutoscaler",
    apiVersion: "autoscaling/v1",
    metadata: metadata("web", "default"),
    spec: {
      scaleTargetRef: { kind: "Deployment", name: "web", apiVersion: "apps/v1" },
      minReplicas: 1,
      maxReplicas: 5,
      targetCPUUtilizationPercentage: 80,
    },
    status: {
      observedGeneration: 1,
      lastScaleTime: T1,
      currentReplicas: 2,
      desiredReplicas: 3,
      currentCPUUtilizationPercentage: 90,
    },
  },
  {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: metadata("web", "default"),
    spec: { replicas: 4 },
    status: { replicas: 2, selector: "app=web" },
  },
  {
    kind: "Event",
    apiVersion: "events.k8s.io/v1",
    metadata: metadata("web.2", "default"),
    eventTime: "2026-01-01T00:00:00.000001Z",
    series: { count: 3, lastObservedTime: "2026-01-01T00:05:30.500000Z" },
    reportingController: "smith.dev/controller",
    reportingInstance: "smith-1",
    action: "Scale",
    reason: "ScalingReplicaSet",
    regarding: { kind: "Deployment", namespace: "default", name: "web", apiVersion: "apps/v1" },
    note: "Scaled up",
    type: "Normal",
    deprecatedSource: {},
    deprecatedFirstTimestamp: null,
    deprecatedLastTimestamp: null,
  },
  {
    kind: "PersistentVolumeClaim",
    apiVersion: "v1",
    metadata: metadata("data-web-0", "default"),
    spec: {
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: "1Gi" } },
      volumeName: "pvc-6f1c1b0e",
      storageClassName: "standard",
      volumeMode: "Filesystem",
    },
    status: { phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: "1Gi" } },
  },
  {
    kind: "Lease",
    apiVersion: "coordination.k8s.io/v1",
    metadata: metadata("leader", "default"),
    spec: {
      holderIdentity: "web-0",
      leaseDurationSeconds: 15,
      acquireTime: "2026-01-01T00:00:00.000000Z",
      renewTime: "2026-01-01T00:05:30.250000Z",
      leaseTransitions: 0,
    },
  },
  {
    kind: "PodDisruptionBudget",
    apiVersion: "policy/v1",
    metadata: metadata("web", "default"),
    spec: { minAvailable: "50%", selector: { matchLabels: { app: "web" } } },
    status: {
      observedGeneration: 3,
      disruptedPods: { "web-5d8f-abcde": T1 },
      disruptionsAllowed: 0,
      currentHealthy: 2,
      desiredHealthy: 2,
      expectedPods: 3,
      conditions: [
        {
          type: "DisruptionAllowed",
          status: "False",
          observedGeneration: 3,
          lastTransitionTime: T1,
          reason: "InsufficientPods",
          message: "",
        },
      ],
    },
  },
  {
    kind: "Role",
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: metadata("reader", "default"),
    rules: policyRules,
  },
  {
    kind: "RoleBinding",
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: metadata("reader", "default"),
    subjects: [
      { kind: "ServiceAccount", name: "web", namespace: "default" },
      { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" },
    ],
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
  },
  {
    kind: "ClusterRole",
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: metadata("aggregate"),
    rules: [...policyRules, { verbs: ["get"], nonResourceURLs: ["/healthz"] }],
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "smith.dev/aggregate": "true" } }] },
  },
  {
    kind: "ClusterRoleBinding",
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: metadata("aggregate"),
    subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "devs" }],
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "aggregate" },
  },
  {
    kind: "SelfSubjectAccessReview",
    apiVersion: "authorization.k8s.io/v1",
    metadata: { creationTimestamp: null },
    spec: {
      resourceAttributes: {
        namespace: "default",
        verb: "create",
        group: "apps",
        resource: "deployments",
        subresource: "scale",
        name: "web",
        labelSelector: { requirements: [{ key: "app", operator: "In", values: ["web"] }] },
      },
      nonResourceAttributes: { path: "/healthz", verb: "get" },
    },
    status: { allowed: true, reason: "RBAC: allowed by RoleBinding" },
  },
  {
    kind: "SelfSubjectRulesReview",
    apiVersion: "authorization.k8s.io/v1",
    metadata: { creationTimestamp: null },
    spec: { namespace: "default" },
    status: {
      resourceRules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }],
      nonResourceRules: [{ verbs: ["get"], nonResourceURLs: ["/api"] }],
      incomplete: true,
      evaluationError: "partial",
    },
  },
  {
    kind: "EndpointSlice",
    apiVersion: "discovery.k8s.io/v1",
    metadata: metadata("web-x7k2p", "default"),
    addressType: "IPv4",
    endpoints: [
      {
        addresses: ["10.244.1.2"],
        conditions: { ready: false, serving: true, terminating: false },
        hostname: "web-0",
        targetRef: {
          kind: "Pod",
          namespace: "default",
          name: "web-0",
          uid: "0b5a7e3c-1111-4a2b-9c3d-5e6f7a8b9c0d",
        },
        deprecatedTopology: { "kubernetes.io/hostname": "node-1" },
        nodeName: "node-1",
        zone: "zone-a",
        hints: { forZones: [{ name: "zone-a" }] },
      },
      { addresses: ["10.244.2.2"], conditions: {} },
    ],
    ports: [
      { name: "http", protocol: "TCP", port: 8080, appProtocol: "http" },
      { name: "", protocol: "UDP", port: 0 },
    ],
  },
  {
    kind: "Eviction",
    apiVersion: "policy/v1",
    metadata: { name: "web-5d8f-abcde", namespace: "default", creationTimestamp: null },
    deleteOptions: {
      gracePeriodSeconds: 0,
      preconditions: { uid: "6f1c1b0e-8d7a-4c55-9d6c-0a9a2e1f0c11" },
      propagationPolicy: "Background",
      dryRun: ["All"],
    },
  },
  {
    kind: "SelfSubjectReview",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { creationTimestamp: null },
    status: {
      userInfo: {
        username: "system:serviceaccount:default:web",
        uid: "0b6f5c1e-2f4d-4a8e-9c3b-7d1e5f2a9c40",
        groups: ["system:serviceaccounts", "system:authenticated"],
        // An empty ExtraValue is an empty list, not null.
        extra: { "authentication.kubernetes.io/credential-id": ["JTI=7"], "example.com/none": [] },
      },
    },
  },
  {
    kind: "TokenRequest",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { name: "web", namespace: "default", creationTimestamp: null },
    spec: {
      audiences: ["smith"],
      expirationSeconds: 3600,
      boundObjectRef: {
        kind: "Pod",
        apiVersion: "v1",
        name: "web-5d8f-abcde",
        uid: "6f1c1b0e-8d7a-4c55-9d6c-0a9a2e1f0c11",
      },
    },
    status: { token: "", expirationTimestamp: null },
  },
];
