// k8s.io/api/core/v1 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const coreV1 = `syntax = "proto2";
package k8s.io.api.core.v1;

message Affinity {
  optional NodeAffinity nodeAffinity = 1 [(ptr) = true, (omitempty) = true];
  optional PodAffinity podAffinity = 2 [(ptr) = true, (omitempty) = true];
  optional PodAntiAffinity podAntiAffinity = 3 [(ptr) = true, (omitempty) = true];
}

message AppArmorProfile {
  optional string type = 1;
  optional string localhostProfile = 2 [(ptr) = true, (omitempty) = true];
}

message AttachedVolume {
  optional string name = 1;
  optional string devicePath = 2;
}

message AWSElasticBlockStoreVolumeSource {
  optional string volumeID = 1;
  optional string fsType = 2 [(omitempty) = true];
  optional int32 partition = 3 [(omitempty) = true];
  optional bool readOnly = 4 [(omitempty) = true];
}

message AzureDiskVolumeSource {
  optional string diskName = 1;
  optional string diskURI = 2;
  optional string cachingMode = 3 [(ptr) = true, (omitempty) = true];
  optional string fsType = 4 [(ptr) = true, (omitempty) = true];
  optional bool readOnly = 5 [(ptr) = true, (omitempty) = true];
  optional string kind = 6 [(ptr) = true, (omitempty) = true];
}

message AzureFileVolumeSource {
  optional string secretName = 1;
  optional string shareName = 2;
  optional bool readOnly = 3 [(omitempty) = true];
}

message Binding {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional ObjectReference target = 2;
}

message Capabilities {
  repeated string add = 1 [(omitempty) = true];
  repeated string drop = 2 [(omitempty) = true];
}

message CephFSVolumeSource {
  repeated string monitors = 1;
  optional string path = 2 [(omitempty) = true];
  optional string user = 3 [(omitempty) = true];
  optional string secretFile = 4 [(omitempty) = true];
  optional LocalObjectReference secretRef = 5 [(ptr) = true, (omitempty) = true];
  optional bool readOnly = 6 [(omitempty) = true];
}

message CinderVolumeSource {
  optional string volumeID = 1;
  optional string fsType = 2 [(omitempty) = true];
  optional bool readOnly = 3 [(omitempty) = true];
  optional LocalObjectReference secretRef = 4 [(ptr) = true, (omitempty) = true];
}

message ClientIPConfig {
  optional int32 timeoutSeconds = 1 [(ptr) = true, (omitempty) = true];
}

message ClusterTrustBundleProjection {
  optional string name = 1 [(ptr) = true, (omitempty) = true];
  optional string signerName = 2 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector labelSelector = 3 [(ptr) = true, (omitempty) = true];
  optional bool optional = 5 [(ptr) = true, (omitempty) = true];
  optional string path = 4;
}

message ConfigMap {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional bool immutable = 4 [(ptr) = true, (omitempty) = true];
  map<string, string> data = 2 [(omitempty) = true];
  map<string, bytes> binaryData = 3 [(omitempty) = true];
}

message ConfigMapEnvSource {
  optional LocalObjectReference localObjectReference = 1 [(inline) = true];
  optional bool optional = 2 [(ptr) = true, (omitempty) = true];
}

message ConfigMapKeySelector {
  optional LocalObjectReference localObjectReference = 1 [(inline) = true];
  optional string key = 2;
  optional bool optional = 3 [(ptr) = true, (omitempty) = true];
}

message ConfigMapNodeConfigSource {
  optional string namespace = 1;
  optional string name = 2;
  optional string uid = 3 [(omitempty) = true];
  optional string resourceVersion = 4 [(omitempty) = true];
  optional string kubeletConfigKey = 5;
}

message ConfigMapProjection {
  optional LocalObjectReference localObjectReference = 1 [(inline) = true];
  repeated KeyToPath items = 2 [(omitempty) = true];
  optional bool optional = 4 [(ptr) = true, (omitempty) = true];
}

message ConfigMapVolumeSource {
  optional LocalObjectReference localObjectReference = 1 [(inline) = true];
  repeated KeyToPath items = 2 [(omitempty) = true];
  optional int32 defaultMode = 3 [(ptr) = true, (omitempty) = true];
  optional bool optional = 4 [(ptr) = true, (omitempty) = true];
}

message Container {
  optional string name = 1;
  optional string image = 2 [(omitempty) = true];
  repeated string command = 3 [(omitempty) = true];
  repeated string args = 4 [(omitempty) = true];
  optional string workingDir = 5 [(omitempty) = true];
  repeated ContainerPort ports = 6 [(omitempty) = true];
  repeated EnvFromSource envFrom = 19 [(omitempty) = true];
  repeated EnvVar env = 7 [(omitempty) = true];
  optional ResourceRequirements resources = 8 [(omitempty) = true];
  repeated ContainerResizePolicy resizePolicy = 23 [(omitempty) = true];
  optional string restartPolicy = 24 [(ptr) = true, (omitempty) = true];
  repeated VolumeMount volumeMounts = 9 [(omitempty) = true];
  repeated VolumeDevice volumeDevices = 21 [(omitempty) = true];
  optional Probe livenessProbe = 10 [(ptr) = true, (omitempty) = true];
  optional Probe readinessProbe = 11 [(ptr) = true, (omitempty) = true];
  optional Probe startupProbe = 22 [(ptr) = true, (omitempty) = true];
  optional Lifecycle lifecycle = 12 [(ptr) = true, (omitempty) = true];
  optional string terminationMessagePath = 13 [(omitempty) = true];
  optional string terminationMessagePolicy = 20 [(omitempty) = true];
  optional string imagePullPolicy = 14 [(omitempty) = true];
  optional SecurityContext securityContext = 15 [(ptr) = true, (omitempty) = true];
  optional bool stdin = 16 [(omitempty) = true];
  optional bool stdinOnce = 17 [(omitempty) = true];
  optional bool tty = 18 [(omitempty) = true];
}

message ContainerImage {
  repeated string names = 1;
  optional int64 sizeBytes = 2 [(omitempty) = true];
}

message ContainerPort {
  optional string name = 1 [(omitempty) = true];
  optional int32 hostPort = 2 [(omitempty) = true];
  optional int32 containerPort = 3;
  optional string protocol = 4 [(omitempty) = true];
  optional string hostIP = 5 [(omitempty) = true];
}

message ContainerResizePolicy {
  optional string resourceName = 1;
  optional string restartPolicy = 2;
}

message ContainerState {
  optional ContainerStateWaiting waiting = 1 [(ptr) = true, (omitempty) = true];
  optional ContainerStateRunning running = 2 [(ptr) = true, (omitempty) = true];
  optional ContainerStateTerminated terminated = 3 [(ptr) = true, (omitempty) = true];
}

message ContainerStateRunning {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time startedAt = 1 [(omitempty) = true];
}

message ContainerStateTerminated {
  optional int32 exitCode = 1;
  optional int32 signal = 2 [(omitempty) = true];
  optional string reason = 3 [(omitempty) = true];
  optional string message = 4 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time startedAt = 5 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time finishedAt = 6 [(omitempty) = true];
  optional string containerID = 7 [(omitempty) = true];
}

message ContainerStateWaiting {
  optional string reason = 1 [(omitempty) = true];
  optional string message = 2 [(omitempty) = true];
}

message ContainerStatus {
  optional string name = 1;
  optional ContainerState state = 2 [(omitempty) = true];
  optional ContainerState lastState = 3 [(omitempty) = true];
  optional bool ready = 4;
  optional int32 restartCount = 5;
  optional string image = 6;
  optional string imageID = 7;
  optional string containerID = 8 [(omitempty) = true];
  optional bool started = 9 [(ptr) = true, (omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> allocatedResources = 10 [(omitempty) = true];
  optional ResourceRequirements resources = 11 [(ptr) = true, (omitempty) = true];
  repeated VolumeMountStatus volumeMounts = 12 [(omitempty) = true];
  optional ContainerUser user = 13 [(ptr) = true, (omitempty) = true];
  repeated ResourceStatus allocatedResourcesStatus = 14 [(omitempty) = true];
}

message ContainerUser {
  optional LinuxContainerUser linux = 1 [(ptr) = true, (omitempty) = true];
}

message CSIVolumeSource {
  optional string driver = 1;
  optional bool readOnly = 2 [(ptr) = true, (omitempty) = true];
  optional string fsType = 3 [(ptr) = true, (omitempty) = true];
  map<string, string> volumeAttributes = 4 [(omitempty) = true];
  optional LocalObjectReference nodePublishSecretRef = 5 [(ptr) = true, (omitempty) = true];
}

message DaemonEndpoint {
  optional int32 Port = 1;
}

message DownwardAPIProjection {
  repeated DownwardAPIVolumeFile items = 1 [(omitempty) = true];
}

message DownwardAPIVolumeFile {
  optional string path = 1;
  optional ObjectFieldSelector fieldRef = 2 [(ptr) = true, (omitempty) = true];
  optional ResourceFieldSelector resourceFieldRef = 3 [(ptr) = true, (omitempty) = true];
  optional int32 mode = 4 [(ptr) = true, (omitempty) = true];
}

message DownwardAPIVolumeSource {
  repeated DownwardAPIVolumeFile items = 1 [(omitempty) = true];
  optional int32 defaultMode = 2 [(ptr) = true, (omitempty) = true];
}

message EmptyDirVolumeSource {
  optional string medium = 1 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.api.resource.Quantity sizeLimit = 2 [(ptr) = true, (omitempty) = true];
}

message EndpointAddress {
  optional string ip = 1;
  optional string hostname = 3 [(omitempty) = true];
  optional string nodeName = 4 [(ptr) = true, (omitempty) = true];
  optional ObjectReference targetRef = 2 [(ptr) = true, (omitempty) = true];
}

message EndpointPort {
  optional string name = 1 [(omitempty) = true];
  optional int32 port = 2;
  optional string protocol = 3 [(omitempty) = true];
  optional string appProtocol = 4 [(ptr) = true, (omitempty) = true];
}

message Endpoints {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  repeated EndpointSubset subsets = 2 [(omitempty) = true];
}

message EndpointSubset {
  repeated EndpointAddress addresses = 1 [(omitempty) = true];
  repeated EndpointAddress notReadyAddresses = 2 [(omitempty) = true];
  repeated EndpointPort ports = 3 [(omitempty) = true];
}

message EnvFromSource {
  optional string prefix = 1 [(omitempty) = true];
  optional ConfigMapEnvSource configMapRef = 2 [(ptr) = true, (omitempty) = true];
  optional SecretEnvSource secretRef = 3 [(ptr) = true, (omitempty) = true];
}

message EnvVar {
  optional string name = 1;
  optional string value = 2 [(omitempty) = true];
  optional EnvVarSource valueFrom = 3 [(ptr) = true, (omitempty) = true];
}

message EnvVarSource {
  optional ObjectFieldSelector fieldRef = 1 [(ptr) = true, (omitempty) = true];
  optional ResourceFieldSelector resourceFieldRef = 2 [(ptr) = true, (omitempty) = true];
  optional ConfigMapKeySelector configMapKeyRef = 3 [(ptr) = true, (omitempty) = true];
  optional SecretKeySelector secretKeyRef = 4 [(ptr) = true, (omitempty) = true];
}

message EphemeralContainer {
  optional EphemeralContainerCommon ephemeralContainerCommon = 1 [(inline) = true];
  optional string targetContainerName = 2 [(omitempty) = true];
}

message EphemeralContainerCommon {
  optional string name = 1;
  optional string image = 2 [(omitempty) = true];
  repeated string command = 3 [(omitempty) = true];
  repeated string args = 4 [(omitempty) = true];
  optional string workingDir = 5 [(omitempty) = true];
  repeated ContainerPort ports = 6 [(omitempty) = true];
  repeated EnvFromSource envFrom = 19 [(omitempty) = true];
  repeated EnvVar env = 7 [(omitempty) = true];
  optional ResourceRequirements resources = 8 [(omitempty) = true];
  repeated ContainerResizePolicy resizePolicy = 23 [(omitempty) = true];
  optional string restartPolicy = 24 [(ptr) = true, (omitempty) = true];
  repeated VolumeMount volumeMounts = 9 [(omitempty) = true];
  repeated VolumeDevice volumeDevices = 21 [(omitempty) = true];
  optional Probe livenessProbe = 10 [(ptr) = true, (omitempty) = true];
  optional Probe readinessProbe = 11 [(ptr) = true, (omitempty) = true];
  optional Probe startupProbe = 22 [(ptr) = true, (omitempty) = true];
  optional Lifecycle lifecycle = 12 [(ptr) = true, (omitempty) = true];
  optional string terminationMessagePath = 13 [(omitempty) = true];
  optional string terminationMessagePolicy = 20 [(omitempty) = true];
  optional string imagePullPolicy = 14 [(omitempty) = true];
  optional SecurityContext securityContext = 15 [(ptr) = true, (omitempty) = true];
  optional bool stdin = 16 [(omitempty) = true];
  optional bool stdinOnce = 17 [(omitempty) = true];
  optional bool tty = 18 [(omitempty) = true];
}

message EphemeralVolumeSource {
  optional PersistentVolumeClaimTemplate volumeClaimTemplate = 1 [(ptr) = true, (omitempty) = true];
}

message Event {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional ObjectReference involvedObject = 2;
  optional string reason = 3 [(omitempty) = true];
  optional string message = 4 [(omitempty) = true];
  optional EventSource source = 5 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time firstTimestamp = 6 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTimestamp = 7 [(omitempty) = true];
  optional int32 count = 8 [(omitempty) = true];
  optional string type = 9 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime eventTime = 10 [(omitempty) = true];
  optional EventSeries series = 11 [(ptr) = true, (omitempty) = true];
  optional string action = 12 [(omitempty) = true];
  optional ObjectReference related = 13 [(ptr) = true, (omitempty) = true];
  optional string reportingComponent = 14;
  optional string reportingInstance = 15;
}

message EventSeries {
  optional int32 count = 1 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime lastObservedTime = 2 [(omitempty) = true];
}

message EventSource {
  optional string component = 1 [(omitempty) = true];
  optional string host = 2 [(omitempty) = true];
}

message ExecAction {
  repeated string command = 1 [(omitempty) = true];
}

message FCVolumeSource {
  repeated string targetWWNs = 1 [(omitempty) = true];
  optional int32 lun = 2 [(ptr) = true, (omitempty) = true];
  optional string fsType = 3 [(omitempty) = true];
  optional bool readOnly = 4 [(omitempty) = true];
  repeated string wwids = 5 [(omitempty) = true];
}

message FlexVolumeSource {
  optional string driver = 1;
  optional string fsType = 2 [(omitempty) = true];
  optional LocalObjectReference secretRef = 3 [(ptr) = true, (omitempty) = true];
  optional bool readOnly = 4 [(omitempty) = true];
  map<string, string> options = 5 [(omitempty) = true];
}

message FlockerVolumeSource {
  optional string datasetName = 1 [(omitempty) = true];
  optional string datasetUUID = 2 [(omitempty) = true];
}

message GCEPersistentDiskVolumeSource {
  optional string pdName = 1;
  optional string fsType = 2 [(omitempty) = true];
  optional int32 partition = 3 [(omitempty) = true];
  optional bool readOnly = 4 [(omitempty) = true];
}

message GitRepoVolumeSource {
  optional string repository = 1;
  optional string revision = 2 [(omitempty) = true];
  optional string directory = 3 [(omitempty) = true];
}

message GlusterfsVolumeSource {
  optional string endpoints = 1;
  optional string path = 2;
  optional bool readOnly = 3 [(omitempty) = true];
}

message GRPCAction {
  optional int32 port = 1;
  optional string service = 2 [(ptr) = true];
}

message HostAlias {
  optional string ip = 1;
  repeated string hostnames = 2 [(omitempty) = true];
}

message HostIP {
  optional string ip = 1;
}

message HostPathVolumeSource {
  optional string path = 1;
  optional string type = 2 [(ptr) = true, (omitempty) = true];
}

message HTTPGetAction {
  optional string path = 1 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.util.intstr.IntOrString port = 2;
  optional string host = 3 [(omitempty) = true];
  optional string scheme = 4 [(omitempty) = true];
  repeated HTTPHeader httpHeaders = 5 [(omitempty) = true];
}

message HTTPHeader {
  optional string name = 1;
  optional string value = 2;
}

message ImageVolumeSource {
  optional string reference = 1 [(omitempty) = true];
  optional string pullPolicy = 2 [(omitempty) = true];
}

message ISCSIVolumeSource {
  optional string targetPortal = 1;
  optional string iqn = 2;
  optional int32 lun = 3;
  optional string iscsiInterface = 4 [(omitempty) = true];
  optional string fsType = 5 [(omitempty) = true];
  optional bool readOnly = 6 [(omitempty) = true];
  repeated string portals = 7 [(omitempty) = true];
  optional bool chapAuthDiscovery = 8 [(omitempty) = true];
  optional bool chapAuthSession = 11 [(omitempty) = true];
  optional LocalObjectReference secretRef = 10 [(ptr) = true, (omitempty) = true];
  optional string initiatorName = 12 [(ptr) = true, (omitempty) = true];
}

message KeyToPath {
  optional string key = 1;
  optional string path = 2;
  optional int32 mode = 3 [(ptr) = true, (omitempty) = true];
}

message Lifecycle {
  optional LifecycleHandler postStart = 1 [(ptr) = true, (omitempty) = true];
  optional LifecycleHandler preStop = 2 [(ptr) = true, (omitempty) = true];
}

message LifecycleHandler {
  optional ExecAction exec = 1 [(ptr) = true, (omitempty) = true];
  optional HTTPGetAction httpGet = 2 [(ptr) = true, (omitempty) = true];
  optional TCPSocketAction tcpSocket = 3 [(ptr) = true, (omitempty) = true];
  optional SleepAction sleep = 4 [(ptr) = true, (omitempty) = true];
}

message LimitRange {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional LimitRangeSpec spec = 2 [(omitempty) = true];
}

message LimitRangeItem {
  optional string type = 1;
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> max = 2 [(omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> min = 3 [(omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> default = 4 [(omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> defaultRequest = 5 [(omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> maxLimitRequestRatio = 6 [(omitempty) = true];
}

message LimitRangeSpec {
  repeated LimitRangeItem limits = 1;
}

message LinuxContainerUser {
  optional int64 uid = 1;
  optional int64 gid = 2;
  repeated int64 supplementalGroups = 3 [(omitempty) = true];
}

message LoadBalancerIngress {
  optional string ip = 1 [(omitempty) = true];
  optional string hostname = 2 [(omitempty) = true];
  optional string ipMode = 3 [(ptr) = true, (omitempty) = true];
  repeated PortStatus ports = 4 [(omitempty) = true];
}

message LoadBalancerStatus {
  repeated LoadBalancerIngress ingress = 1 [(omitempty) = true];
}

message LocalObjectReference {
  optional string name = 1 [(omitempty) = true];
}

message ModifyVolumeStatus {
  optional string targetVolumeAttributesClassName = 1 [(omitempty) = true];
  optional string status = 2;
}

message Namespace {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional NamespaceSpec spec = 2 [(omitempty) = true];
  optional NamespaceStatus status = 3 [(omitempty) = true];
}

message NamespaceCondition {
  optional string type = 1;
  optional string status = 2;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 4 [(omitempty) = true];
  optional string reason = 5 [(omitempty) = true];
  optional string message = 6 [(omitempty) = true];
}

message NamespaceSpec {
  repeated string finalizers = 1 [(omitempty) = true];
}

message NamespaceStatus {
  optional string phase = 1 [(omitempty) = true];
  repeated NamespaceCondition conditions = 2 [(omitempty) = true];
}

message NFSVolumeSource {
  optional string server = 1;
  optional string path = 2;
  optional bool readOnly = 3 [(omitempty) = true];
}

message Node {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional NodeSpec spec = 2 [(omitempty) = true];
  optional NodeStatus status = 3 [(omitempty) = true];
}

message NodeAddress {
  optional string type = 1;
  optional string address = 2;
}

message NodeAffinity {
  optional NodeSelector requiredDuringSchedulingIgnoredDuringExecution = 1 [(ptr) = true, (omitempty) = true];
  repeated PreferredSchedulingTerm preferredDuringSchedulingIgnoredDuringExecution = 2 [(omitempty) = true];
}

message NodeCondition {
  optional string type = 1;
  optional string status = 2;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastHeartbeatTime = 3 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 4 [(omitempty) = true];
  optional string reason = 5 [(omitempty) = true];
  optional string message = 6 [(omitempty) = true];
}

message NodeConfigSource {
  optional ConfigMapNodeConfigSource configMap = 2 [(ptr) = true, (omitempty) = true];
}

message NodeConfigStatus {
  optional NodeConfigSource assigned = 1 [(ptr) = true, (omitempty) = true];
  optional NodeConfigSource active = 2 [(ptr) = true, (omitempty) = true];
  optional NodeConfigSource lastKnownGood = 3 [(ptr) = true, (omitempty) = true];
  optional string error = 4 [(omitempty) = true];
}

message NodeDaemonEndpoints {
  optional DaemonEndpoint kubeletEndpoint = 1 [(omitempty) = true];
}

message NodeFeatures {
  optional bool supplementalGroupsPolicy = 1 [(ptr) = true, (omitempty) = true];
}

message NodeRuntimeHandler {
  optional string name = 1;
  optional NodeRuntimeHandlerFeatures features = 2 [(ptr) = true, (omitempty) = true];
}

message NodeRuntimeHandlerFeatures {
  optional bool recursiveReadOnlyMounts = 1 [(ptr) = true, (omitempty) = true];
  optional bool userNamespaces = 2 [(ptr) = true, (omitempty) = true];
}

message NodeSelector {
  repeated NodeSelectorTerm nodeSelectorTerms = 1;
}

message NodeSelectorRequirement {
  optional string key = 1;
  optional string operator = 2;
  repeated string values = 3 [(omitempty) = true];
}

message NodeSelectorTerm {
  repeated NodeSelectorRequirement matchExpressions = 1 [(omitempty) = true];
  repeated NodeSelectorRequirement matchFields = 2 [(omitempty) = true];
}

message NodeSpec {
  optional string podCIDR = 1 [(omitempty) = true];
  repeated string podCIDRs = 7 [(omitempty) = true];
  optional string providerID = 3 [(omitempty) = true];
  optional bool unschedulable = 4 [(omitempty) = true];
  repeated Taint taints = 5 [(omitempty) = true];
  optional NodeConfigSource configSource = 6 [(ptr) = true, (omitempty) = true];
  optional string externalID = 2 [(omitempty) = true];
}

message NodeStatus {
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> capacity = 1 [(omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> allocatable = 2 [(omitempty) = true];
  optional string phase = 3 [(omitempty) = true];
  repeated NodeCondition conditions = 4 [(omitempty) = true];
  repeated NodeAddress addresses = 5 [(omitempty) = true];
  optional NodeDaemonEndpoints daemonEndpoints = 6 [(omitempty) = true];
  optional NodeSystemInfo nodeInfo = 7 [(omitempty) = true];
  repeated ContainerImage images = 8 [(omitempty) = true];
  repeated string volumesInUse = 9 [(omitempty) = true];
  repeated AttachedVolume volumesAttached = 10 [(omitempty) = true];
  optional NodeConfigStatus config = 11 [(ptr) = true, (omitempty) = true];
  repeated NodeRuntimeHandler runtimeHandlers = 12 [(omitempty) = true];
  optional NodeFeatures features = 13 [(ptr) = true, (omitempty) = true];
}

message NodeSystemInfo {
  optional string machineID = 1;
  optional string systemUUID = 2;
  optional string bootID = 3;
  optional string kernelVersion = 4;
  optional string osImage = 5;
  optional string containerRuntimeVersion = 6;
  optional string kubeletVersion = 7;
  optional string kubeProxyVersion = 8;
  optional string operatingSystem = 9;
  optional string architecture = 10;
}

message ObjectFieldSelector {
  optional string apiVersion = 1 [(omitempty) = true];
  optional string fieldPath = 2;
}

message ObjectReference {
  optional string kind = 1 [(omitempty) = true];
  optional string namespace = 2 [(omitempty) = true];
  optional string name = 3 [(omitempty) = true];
  optional string uid = 4 [(omitempty) = true];
  optional string apiVersion = 5 [(omitempty) = true];
  optional string resourceVersion = 6 [(omitempty) = true];
  optional string fieldPath = 7 [(omitempty) = true];
}

message PersistentVolumeClaim {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional PersistentVolumeClaimSpec spec = 2 [(omitempty) = true];
  optional PersistentVolumeClaimStatus status = 3 [(omitempty) = true];
}

message PersistentVolumeClaimCondition {
  optional string type = 1;
  optional string status = 2;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastProbeTime = 3 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 4 [(omitempty) = true];
  optional string reason = 5 [(omitempty) = true];
  optional string message = 6 [(omitempty) = true];
}

message PersistentVolumeClaimSpec {
  repeated string accessModes = 1 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 4 [(ptr) = true, (omitempty) = true];
  optional VolumeResourceRequirements resources = 2 [(omitempty) = true];
  optional string volumeName = 3 [(omitempty) = true];
  optional string storageClassName = 5 [(ptr) = true, (omitempty) = true];
  optional string volumeMode = 6 [(ptr) = true, (omitempty) = true];
  optional TypedLocalObjectReference dataSource = 7 [(ptr) = true, (omitempty) = true];
  optional TypedObjectReference dataSourceRef = 8 [(ptr) = true, (omitempty) = true];
  optional string volumeAttributesClassName = 9 [(ptr) = true, (omitempty) = true];
}

message PersistentVolumeClaimStatus {
  optional string phase = 1 [(omitempty) = true];
  repeated string accessModes = 2 [(omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> capacity = 3 [(omitempty) = true];
  repeated PersistentVolumeClaimCondition conditions = 4 [(omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> allocatedResources = 5 [(omitempty) = true];
  map<string, string> allocatedResourceStatuses = 7 [(omitempty) = true];
  optional string currentVolumeAttributesClassName = 8 [(ptr) = true, (omitempty) = true];
  optional ModifyVolumeStatus modifyVolumeStatus = 9 [(ptr) = true, (omitempty) = true];
}

message PersistentVolumeClaimTemplate {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional PersistentVolumeClaimSpec spec = 2;
}

message PersistentVolumeClaimVolumeSource {
  optional string claimName = 1;
  optional bool readOnly = 2 [(omitempty) = true];
}

message PhotonPersistentDiskVolumeSource {
  optional string pdID = 1;
  optional string fsType = 2 [(omitempty) = true];
}

message Pod {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional PodSpec spec = 2 [(omitempty) = true];
  optional PodStatus status = 3 [(omitempty) = true];
}

message PodAffinity {
  repeated PodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution = 1 [(omitempty) = true];
  repeated WeightedPodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution = 2 [(omitempty) = true];
}

message PodAffinityTerm {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector labelSelector = 1 [(ptr) = true, (omitempty) = true];
  repeated string namespaces = 2 [(omitempty) = true];
  optional string topologyKey = 3;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector namespaceSelector = 4 [(ptr) = true, (omitempty) = true];
  repeated string matchLabelKeys = 5 [(omitempty) = true];
  repeated string mismatchLabelKeys = 6 [(omitempty) = true];
}

message PodAntiAffinity {
  repeated PodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution = 1 [(omitempty) = true];
  repeated WeightedPodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution = 2 [(omitempty) = true];
}

message PodCondition {
  optional string type = 1;
  optional string status = 2;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastProbeTime = 3 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 4 [(omitempty) = true];
  optional string reason = 5 [(omitempty) = true];
  optional string message = 6 [(omitempty) = true];
}

message PodDNSConfig {
  repeated string nameservers = 1 [(omitempty) = true];
  repeated string searches = 2 [(omitempty) = true];
  repeated PodDNSConfigOption options = 3 [(omitempty) = true];
}

message PodDNSConfigOption {
  optional string name = 1 [(omitempty) = true];
  optional string value = 2 [(ptr) = true, (omitempty) = true];
}

message PodIP {
  optional string ip = 1;
}

message PodOS {
  optional string name = 1;
}

message PodReadinessGate {
  optional string conditionType = 1;
}

message PodResourceClaim {
  optional string name = 1;
  optional string resourceClaimName = 3 [(ptr) = true, (omitempty) = true];
  optional string resourceClaimTemplateName = 4 [(ptr) = true, (omitempty) = true];
}

message PodResourceClaimStatus {
  optional string name = 1;
  optional string resourceClaimName = 2 [(ptr) = true, (omitempty) = true];
}

message PodSchedulingGate {
  optional string name = 1;
}

message PodSecurityContext {
  optional SELinuxOptions seLinuxOptions = 1 [(ptr) = true, (omitempty) = true];
  optional WindowsSecurityContextOptions windowsOptions = 8 [(ptr) = true, (omitempty) = true];
  optional int64 runAsUser = 2 [(ptr) = true, (omitempty) = true];
  optional int64 runAsGroup = 6 [(ptr) = true, (omitempty) = true];
  optional bool runAsNonRoot = 3 [(ptr) = true, (omitempty) = true];
  repeated int64 supplementalGroups = 4 [(omitempty) = true];
  optional string supplementalGroupsPolicy = 12 [(ptr) = true, (omitempty) = true];
  optional int64 fsGroup = 5 [(ptr) = true, (omitempty) = true];
  repeated Sysctl sysctls = 7 [(omitempty) = true];
  optional string fsGroupChangePolicy = 9 [(ptr) = true, (omitempty) = true];
  optional SeccompProfile seccompProfile = 10 [(ptr) = true, (omitempty) = true];
  optional AppArmorProfile appArmorProfile = 11 [(ptr) = true, (omitempty) = true];
  optional string seLinuxChangePolicy = 13 [(ptr) = true, (omitempty) = true];
}

message PodSpec {
  repeated Volume volumes = 1 [(omitempty) = true];
  repeated Container initContainers = 20 [(omitempty) = true];
  repeated Container containers = 2;
  repeated EphemeralContainer ephemeralContainers = 34 [(omitempty) = true];
  optional string restartPolicy = 3 [(omitempty) = true];
  optional int64 terminationGracePeriodSeconds = 4 [(ptr) = true, (omitempty) = true];
  optional int64 activeDeadlineSeconds = 5 [(ptr) = true, (omitempty) = true];
  optional string dnsPolicy = 6 [(omitempty) = true];
  map<string, string> nodeSelector = 7 [(omitempty) = true];
  optional string serviceAccountName = 8 [(omitempty) = true];
  optional string serviceAccount = 9 [(omitempty) = true];
  optional bool automountServiceAccountToken = 21 [(ptr) = true, (omitempty) = true];
  optional string nodeName = 10 [(omitempty) = true];
  optional bool hostNetwork = 11 [(omitempty) = true];
  optional bool hostPID = 12 [(omitempty) = true];
  optional bool hostIPC = 13 [(omitempty) = true];
  optional bool shareProcessNamespace = 27 [(ptr) = true, (omitempty) = true];
  optional PodSecurityContext securityContext = 14 [(ptr) = true, (omitempty) = true];
  repeated LocalObjectReference imagePullSecrets = 15 [(omitempty) = true];
  optional string hostname = 16 [(omitempty) = true];
  optional string subdomain = 17 [(omitempty) = true];
  optional Affinity affinity = 18 [(ptr) = true, (omitempty) = true];
  optional string schedulerName = 19 [(omitempty) = true];
  repeated Toleration tolerations = 22 [(omitempty) = true];
  repeated HostAlias hostAliases = 23 [(omitempty) = true];
  optional string priorityClassName = 24 [(omitempty) = true];
  optional int32 priority = 25 [(ptr) = true, (omitempty) = true];
  optional PodDNSConfig dnsConfig = 26 [(ptr) = true, (omitempty) = true];
  repeated PodReadinessGate readinessGates = 28 [(omitempty) = true];
  optional string runtimeClassName = 29 [(ptr) = true, (omitempty) = true];
  optional bool enableServiceLinks = 30 [(ptr) = true, (omitempty) = true];
  optional string preemptionPolicy = 31 [(ptr) = true, (omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> overhead = 32 [(omitempty) = true];
  repeated TopologySpreadConstraint topologySpreadConstraints = 33 [(omitempty) = true];
  optional bool setHostnameAsFQDN = 35 [(ptr) = true, (omitempty) = true];
  optional PodOS os = 36 [(ptr) = true, (omitempty) = true];
  optional bool hostUsers = 37 [(ptr) = true, (omitempty) = true];
  repeated PodSchedulingGate schedulingGates = 38 [(omitempty) = true];
  repeated PodResourceClaim resourceClaims = 39 [(omitempty) = true];
  optional ResourceRequirements resources = 40 [(ptr) = true, (omitempty) = true];
}

message PodStatus {
  optional string phase = 1 [(omitempty) = true];
  repeated PodCondition conditions = 2 [(omitempty) = true];
  optional string message = 3 [(omitempty) = true];
  optional string reason = 4 [(omitempty) = true];
  optional string nominatedNodeName = 11 [(omitempty) = true];
  optional string hostIP = 5 [(omitempty) = true];
  repeated HostIP hostIPs = 16 [(omitempty) = true];
  optional string podIP = 6 [(omitempty) = true];
  repeated PodIP podIPs = 12 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time startTime = 7 [(ptr) = true, (omitempty) = true];
  repeated ContainerStatus initContainerStatuses = 10 [(omitempty) = true];
  repeated ContainerStatus containerStatuses = 8 [(omitempty) = true];
  optional string qosClass = 9 [(omitempty) = true];
  repeated ContainerStatus ephemeralContainerStatuses = 13 [(omitempty) = true];
  optional string resize = 14 [(omitempty) = true];
  repeated PodResourceClaimStatus resourceClaimStatuses = 15 [(omitempty) = true];
}

message PodTemplateSpec {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional PodSpec spec = 2 [(omitempty) = true];
}

message PortStatus {
  optional int32 port = 1;
  optional string protocol = 2;
  optional string error = 3 [(ptr) = true, (omitempty) = true];
}

message PortworxVolumeSource {
  optional string volumeID = 1;
  optional string fsType = 2 [(omitempty) = true];
  optional bool readOnly = 3 [(omitempty) = true];
}

message PreferredSchedulingTerm {
  optional int32 weight = 1;
  optional NodeSelectorTerm preference = 2;
}

message Probe {
  optional ProbeHandler handler = 1 [(inline) = true];
  optional int32 initialDelaySeconds = 2 [(omitempty) = true];
  optional int32 timeoutSeconds = 3 [(omitempty) = true];
  optional int32 periodSeconds = 4 [(omitempty) = true];
  optional int32 successThreshold = 5 [(omitempty) = true];
  optional int32 failureThreshold = 6 [(omitempty) = true];
  optional int64 terminationGracePeriodSeconds = 7 [(ptr) = true, (omitempty) = true];
}

message ProbeHandler {
  optional ExecAction exec = 1 [(ptr) = true, (omitempty) = true];
  optional HTTPGetAction httpGet = 2 [(ptr) = true, (omitempty) = true];
  optional TCPSocketAction tcpSocket = 3 [(ptr) = true, (omitempty) = true];
  optional GRPCAction grpc = 4 [(ptr) = true, (omitempty) = true];
}

message ProjectedVolumeSource {
  repeated VolumeProjection sources = 1;
  optional int32 defaultMode = 2 [(ptr) = true, (omitempty) = true];
}

message QuobyteVolumeSource {
  optional string registry = 1;
  optional string volume = 2;
  optional bool readOnly = 3 [(omitempty) = true];
  optional string user = 4 [(omitempty) = true];
  optional string group = 5 [(omitempty) = true];
  optional string tenant = 6 [(omitempty) = true];
}

message RBDVolumeSource {
  repeated string monitors = 1;
  optional string image = 2;
  optional string fsType = 3 [(omitempty) = true];
  optional string pool = 4 [(omitempty) = true];
  optional string user = 5 [(omitempty) = true];
  optional string keyring = 6 [(omitempty) = true];
  optional LocalObjectReference secretRef = 7 [(ptr) = true, (omitempty) = true];
  optional bool readOnly = 8 [(omitempty) = true];
}

message ResourceClaim {
  optional string name = 1;
  optional string request = 2 [(omitempty) = true];
}

message ResourceFieldSelector {
  optional string containerName = 1 [(omitempty) = true];
  optional string resource = 2;
  optional k8s.io.apimachinery.pkg.api.resource.Quantity divisor = 3 [(omitempty) = true];
}

message ResourceHealth {
  optional string resourceID = 1;
  optional string health = 2 [(omitempty) = true];
}

message ResourceQuota {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional ResourceQuotaSpec spec = 2 [(omitempty) = true];
  optional ResourceQuotaStatus status = 3 [(omitempty) = true];
}

message ResourceQuotaSpec {
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> hard = 1 [(omitempty) = true];
  repeated string scopes = 2 [(omitempty) = true];
  optional ScopeSelector scopeSelector = 3 [(ptr) = true, (omitempty) = true];
}

message ResourceQuotaStatus {
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> hard = 1 [(omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> used = 2 [(omitempty) = true];
}

message ResourceRequirements {
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> limits = 1 [(omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> requests = 2 [(omitempty) = true];
  repeated ResourceClaim claims = 3 [(omitempty) = true];
}

message ResourceStatus {
  optional string name = 1;
  repeated ResourceHealth resources = 2 [(omitempty) = true];
}

message ScaleIOVolumeSource {
  optional string gateway = 1;
  optional string system = 2;
  optional LocalObjectReference secretRef = 3 [(ptr) = true];
  optional bool sslEnabled = 4 [(omitempty) = true];
  optional string protectionDomain = 5 [(omitempty) = true];
  optional string storagePool = 6 [(omitempty) = true];
  optional string storageMode = 7 [(omitempty) = true];
  optional string volumeName = 8 [(omitempty) = true];
  optional string fsType = 9 [(omitempty) = true];
  optional bool readOnly = 10 [(omitempty) = true];
}

message ScopedResourceSelectorRequirement {
  optional string scopeName = 1;
  optional string operator = 2;
  repeated string values = 3 [(omitempty) = true];
}

message ScopeSelector {
  repeated ScopedResourceSelectorRequirement matchExpressions = 1 [(omitempty) = true];
}

message SeccompProfile {
  optional string type = 1;
  optional string localhostProfile = 2 [(ptr) = true, (omitempty) = true];
}

message Secret {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional bool immutable = 5 [(ptr) = true, (omitempty) = true];
  map<string, bytes> data = 2 [(omitempty) = true];
  map<string, string> stringData = 4 [(omitempty) = true];
  optional string type = 3 [(omitempty) = true];
}

message SecretEnvSource {
  optional LocalObjectReference localObjectReference = 1 [(inline) = true];
  optional bool optional = 2 [(ptr) = true, (omitempty) = true];
}

message SecretKeySelector {
  optional LocalObjectReference localObjectReference = 1 [(inline) = true];
  optional string key = 2;
  optional bool optional = 3 [(ptr) = true, (omitempty) = true];
}

message SecretProjection {
  optional LocalObjectReference localObjectReference = 1 [(inline) = true];
  repeated KeyToPath items = 2 [(omitempty) = true];
  optional bool optional = 4 [(ptr) = true, (omitempty) = true];
}

message SecretVolumeSource {
  optional string secretName = 1 [(omitempty) = true];
  repeated KeyToPath items = 2 [(omitempty) = true];
  optional int32 defaultMode = 3 [(ptr) = true, (omitempty) = true];
  optional bool optional = 4 [(ptr) = true, (omitempty) = true];
}

message SecurityContext {
  optional Capabilities capabilities = 1 [(ptr) = true, (omitempty) = true];
  optional bool privileged = 2 [(ptr) = true, (omitempty) = true];
  optional SELinuxOptions seLinuxOptions = 3 [(ptr) = true, (omitempty) = true];
  optional WindowsSecurityContextOptions windowsOptions = 10 [(ptr) = true, (omitempty) = true];
  optional int64 runAsUser = 4 [(ptr) = true, (omitempty) = true];
  optional int64 runAsGroup = 8 [(ptr) = true, (omitempty) = true];
  optional bool runAsNonRoot = 5 [(ptr) = true, (omitempty) = true];
  optional bool readOnlyRootFilesystem = 6 [(ptr) = true, (omitempty) = true];
  optional bool allowPrivilegeEscalation = 7 [(ptr) = true, (omitempty) = true];
  optional string procMount = 9 [(ptr) = true, (omitempty) = true];
  optional SeccompProfile seccompProfile = 11 [(ptr) = true, (omitempty) = true];
  optional AppArmorProfile appArmorProfile = 12 [(ptr) = true, (omitempty) = true];
}

message SELinuxOptions {
  optional string user = 1 [(omitempty) = true];
  optional string role = 2 [(omitempty) = true];
  optional string type = 3 [(omitempty) = true];
  optional string level = 4 [(omitempty) = true];
}

message Service {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional ServiceSpec spec = 2 [(omitempty) = true];
  optional ServiceStatus status = 3 [(omitempty) = true];
}

message ServiceAccount {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  repeated ObjectReference secrets = 2 [(omitempty) = true];
  repeated LocalObjectReference imagePullSecrets = 3 [(omitempty) = true];
  optional bool automountServiceAccountToken = 4 [(ptr) = true, (omitempty) = true];
}

message ServiceAccountTokenProjection {
  optional string audience = 1 [(omitempty) = true];
  optional int64 expirationSeconds = 2 [(ptr) = true, (omitempty) = true];
  optional string path = 3;
}

message ServicePort {
  optional string name = 1 [(omitempty) = true];
  optional string protocol = 2 [(omitempty) = true];
  optional string appProtocol = 6 [(ptr) = true, (omitempty) = true];
  optional int32 port = 3;
  optional k8s.io.apimachinery.pkg.util.intstr.IntOrString targetPort = 4 [(omitempty) = true];
  optional int32 nodePort = 5 [(omitempty) = true];
}

message ServiceSpec {
  repeated ServicePort ports = 1 [(omitempty) = true];
  map<string, string> selector = 2 [(omitempty) = true];
  optional string clusterIP = 3 [(omitempty) = true];
  repeated string clusterIPs = 18 [(omitempty) = true];
  optional string type = 4 [(omitempty) = true];
  repeated string externalIPs = 5 [(omitempty) = true];
  optional string sessionAffinity = 7 [(omitempty) = true];
  optional string loadBalancerIP = 8 [(omitempty) = true];
  repeated string loadBalancerSourceRanges = 9 [(omitempty) = true];
  optional string externalName = 10 [(omitempty) = true];
  optional string externalTrafficPolicy = 11 [(omitempty) = true];
  optional int32 healthCheckNodePort = 12 [(omitempty) = true];
  optional bool publishNotReadyAddresses = 13 [(omitempty) = true];
  optional SessionAffinityConfig sessionAffinityConfig = 14 [(ptr) = true, (omitempty) = true];
  repeated string ipFamilies = 19 [(omitempty) = true];
  optional string ipFamilyPolicy = 17 [(ptr) = true, (omitempty) = true];
  optional bool allocateLoadBalancerNodePorts = 20 [(ptr) = true, (omitempty) = true];
  optional string loadBalancerClass = 21 [(ptr) = true, (omitempty) = true];
  optional string internalTrafficPolicy = 22 [(ptr) = true, (omitempty) = true];
  optional string trafficDistribution = 23 [(ptr) = true, (omitempty) = true];
}

message ServiceStatus {
  optional LoadBalancerStatus loadBalancer = 1 [(omitempty) = true];
  repeated k8s.io.apimachinery.pkg.apis.meta.v1.Condition conditions = 2 [(omitempty) = true];
}

message SessionAffinityConfig {
  optional ClientIPConfig clientIP = 1 [(ptr) = true, (omitempty) = true];
}

message SleepAction {
  optional int64 seconds = 1;
}

message StorageOSVolumeSource {
  optional string volumeName = 1 [(omitempty) = true];
  optional string volumeNamespace = 2 [(omitempty) = true];
  optional string fsType = 3 [(omitempty) = true];
  optional bool readOnly = 4 [(omitempty) = true];
  optional LocalObjectReference secretRef = 5 [(ptr) = true, (omitempty) = true];
}

message Sysctl {
  optional string name = 1;
  optional string value = 2;
}

message Taint {
  optional string key = 1;
  optional string value = 2 [(omitempty) = true];
  optional string effect = 3;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time timeAdded = 4 [(ptr) = true, (omitempty) = true];
}

message TCPSocketAction {
  optional k8s.io.apimachinery.pkg.util.intstr.IntOrString port = 1;
  optional string host = 2 [(omitempty) = true];
}

message Toleration {
  optional string key = 1 [(omitempty) = true];
  optional string operator = 2 [(omitempty) = true];
  optional string value = 3 [(omitempty) = true];
  optional string effect = 4 [(omitempty) = true];
  optional int64 tolerationSeconds = 5 [(ptr) = true, (omitempty) = true];
}

message TopologySpreadConstraint {
  optional int32 maxSkew = 1;
  optional string topologyKey = 2;
  optional string whenUnsatisfiable = 3;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector labelSelector = 4 [(ptr) = true, (omitempty) = true];
  optional int32 minDomains = 5 [(ptr) = true, (omitempty) = true];
  optional string nodeAffinityPolicy = 6 [(ptr) = true, (omitempty) = true];
  optional string nodeTaintsPolicy = 7 [(ptr) = true, (omitempty) = true];
  repeated string matchLabelKeys = 8 [(omitempty) = true];
}

message TypedLocalObjectReference {
  optional string apiGroup = 1 [(ptr) = true];
  optional string kind = 2;
  optional string name = 3;
}

message TypedObjectReference {
  optional string apiGroup = 1 [(ptr) = true];
  optional string kind = 2;
  optional string name = 3;
  optional string namespace = 4 [(ptr) = true, (omitempty) = true];
}

message Volume {
  optional string name = 1;
  optional VolumeSource volumeSource = 2 [(inline) = true];
}

message VolumeDevice {
  optional string name = 1;
  optional string devicePath = 2;
}

message VolumeMount {
  optional string name = 1;
  optional bool readOnly = 2 [(omitempty) = true];
  optional string recursiveReadOnly = 7 [(ptr) = true, (omitempty) = true];
  optional string mountPath = 3;
  optional string subPath = 4 [(omitempty) = true];
  optional string mountPropagation = 5 [(ptr) = true, (omitempty) = true];
  optional string subPathExpr = 6 [(omitempty) = true];
}

message VolumeMountStatus {
  optional string name = 1;
  optional string mountPath = 2;
  optional bool readOnly = 3 [(omitempty) = true];
  optional string recursiveReadOnly = 4 [(ptr) = true, (omitempty) = true];
}

message VolumeProjection {
  optional SecretProjection secret = 1 [(ptr) = true, (omitempty) = true];
  optional DownwardAPIProjection downwardAPI = 2 [(ptr) = true, (omitempty) = true];
  optional ConfigMapProjection configMap = 3 [(ptr) = true, (omitempty) = true];
  optional ServiceAccountTokenProjection serviceAccountToken = 4 [(ptr) = true, (omitempty) = true];
  optional ClusterTrustBundleProjection clusterTrustBundle = 5 [(ptr) = true, (omitempty) = true];
}

message VolumeResourceRequirements {
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> limits = 1 [(omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.api.resource.Quantity> requests = 2 [(omitempty) = true];
}

message VolumeSource {
  optional HostPathVolumeSource hostPath = 1 [(ptr) = true, (omitempty) = true];
  optional EmptyDirVolumeSource emptyDir = 2 [(ptr) = true, (omitempty) = true];
  optional GCEPersistentDiskVolumeSource gcePersistentDisk = 3 [(ptr) = true, (omitempty) = true];
  optional AWSElasticBlockStoreVolumeSource awsElasticBlockStore = 4 [(ptr) = true, (omitempty) = true];
  optional GitRepoVolumeSource gitRepo = 5 [(ptr) = true, (omitempty) = true];
  optional SecretVolumeSource secret = 6 [(ptr) = true, (omitempty) = true];
  optional NFSVolumeSource nfs = 7 [(ptr) = true, (omitempty) = true];
  optional ISCSIVolumeSource iscsi = 8 [(ptr) = true, (omitempty) = true];
  optional GlusterfsVolumeSource glusterfs = 9 [(ptr) = true, (omitempty) = true];
  optional PersistentVolumeClaimVolumeSource persistentVolumeClaim = 10 [(ptr) = true, (omitempty) = true];
  optional RBDVolumeSource rbd = 11 [(ptr) = true, (omitempty) = true];
  optional FlexVolumeSource flexVolume = 12 [(ptr) = true, (omitempty) = true];
  optional CinderVolumeSource cinder = 13 [(ptr) = true, (omitempty) = true];
  optional CephFSVolumeSource cephfs = 14 [(ptr) = true, (omitempty) = true];
  optional FlockerVolumeSource flocker = 15 [(ptr) = true, (omitempty) = true];
  optional DownwardAPIVolumeSource downwardAPI = 16 [(ptr) = true, (omitempty) = true];
  optional FCVolumeSource fc = 17 [(ptr) = true, (omitempty) = true];
  optional AzureFileVolumeSource azureFile = 18 [(ptr) = true, (omitempty) = true];
  optional ConfigMapVolumeSource configMap = 19 [(ptr) = true, (omitempty) = true];
  optional VsphereVirtualDiskVolumeSource vsphereVolume = 20 [(ptr) = true, (omitempty) = true];
  optional QuobyteVolumeSource quobyte = 21 [(ptr) = true, (omitempty) = true];
  optional AzureDiskVolumeSource azureDisk = 22 [(ptr) = true, (omitempty) = true];
  optional PhotonPersistentDiskVolumeSource photonPersistentDisk = 23 [(ptr) = true, (omitempty) = true];
  optional ProjectedVolumeSource projected = 26 [(ptr) = true, (omitempty) = true];
  optional PortworxVolumeSource portworxVolume = 24 [(ptr) = true, (omitempty) = true];
  optional ScaleIOVolumeSource scaleIO = 25 [(ptr) = true, (omitempty) = true];
  optional StorageOSVolumeSource storageos = 27 [(ptr) = true, (omitempty) = true];
  optional CSIVolumeSource csi = 28 [(ptr) = true, (omitempty) = true];
  optional EphemeralVolumeSource ephemeral = 29 [(ptr) = true, (omitempty) = true];
  optional ImageVolumeSource image = 30 [(ptr) = true, (omitempty) = true];
}

message VsphereVirtualDiskVolumeSource {
  optional string volumePath = 1;
  optional string fsType = 2 [(omitempty) = true];
  optional string storagePolicyName = 3 [(omitempty) = true];
  optional string storagePolicyID = 4 [(omitempty) = true];
}

message WeightedPodAffinityTerm {
  optional int32 weight = 1;
  optional PodAffinityTerm podAffinityTerm = 2;
}

message WindowsSecurityContextOptions {
  optional string gmsaCredentialSpecName = 1 [(ptr) = true, (omitempty) = true];
  optional string gmsaCredentialSpec = 2 [(ptr) = true, (omitempty) = true];
  optional string runAsUserName = 3 [(ptr) = true, (omitempty) = true];
  optional bool hostProcess = 4 [(ptr) = true, (omitempty) = true];
}
`;
