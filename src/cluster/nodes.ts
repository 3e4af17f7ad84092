/**
 * The embedded cluster's nodes, as a kubeadm-installed kubelet registers them: capacity and allocatable
 * with the kubelet's default reserves (the 100Mi memory and 10% nodefs hard-eviction thresholds, 110
 * pods), pressure conditions False and Ready True, an InternalIP and a pod CIDR from the node's index.
 */
import type { Random } from "../common/random.js";
import { formatQuantity, parseQuantity } from "./quantity.js";
import type { KubeObject } from "./types.js";

export const GPU_RESOURCE = "nvidia.com/gpu";

export interface NodeTaint {
  key: string;
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

export interface NodeSpec {
  name: string;
  /** Cores, as a quantity: "4", "3500m". */
  cpu: string;
  /** Installed memory, as a quantity ("16Gi"); allocatable is 100Mi less. */
  memory: string;
  /** Pod slots; the kubelet's default is 110. */
  pods?: number;
  /** nvidia.com/gpu devices, as the NVIDIA device plugin advertises them. */
  gpus?: number;
  labels?: Record<string, string>;
  taints?: NodeTaint[];
  /** Sets node.kubernetes.io/instance-type, as a cloud provider does. */
  instanceType?: string;
}

/** Two CPU-only workers: enough to show spreading and scheduling failures without a scenario's pool. */
export const DEFAULT_NODES: readonly NodeSpec[] = [
  { name: "node-1", cpu: "4", memory: "16Gi" },
  { name: "node-2", cpu: "4", memory: "16Gi" },
];

const EVICTION_HARD_MEMORY = 100 * 1024 * 1024;
const EPHEMERAL_STORAGE_KI = 101_430_960;
const MAX_NODES = 250;

function bytesQuantity(bytes: number, format: "BinarySI" | "DecimalSI"): string {
  return formatQuantity({ nanos: BigInt(bytes) * 1_000_000_000n, format });
}

function hex(random: Random, digits: number): string {
  return Array.from({ length: digits }, () => random.int(16).toString(16)).join("");
}

function uuid(random: Random): string {
  const h = hex(random, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** 10.0.0.2, 10.0.0.3, …: the node network. */
export function nodeInternalIP(index: number): string {
  return `10.0.0.${index + 2}`;
}

/** 10.244.1.0/24, 10.244.2.0/24, …: the per-node slices of kubeadm's default pod network 10.244.0.0/16. */
export function nodePodCidr(index: number): string {
  return `10.244.${index + 1}.0/24`;
}

/** The Node object the kubelet of the `index`-th node registers; `random` makes its machine and boot ids. */
export function nodeObject(spec: NodeSpec, index: number, random: Random, now: string): KubeObject {
  if (index >= MAX_NODES) throw new Error(`The embedded cluster supports at most ${MAX_NODES} nodes.`);
  const cpu = parseQuantity(spec.cpu);
  const memory = parseQuantity(spec.memory);
  if (!cpu || cpu.nanos <= 0n)
    throw new Error(`Node ${spec.name}: cpu "${spec.cpu}" is not a positive quantity.`);
  if (!memory || memory.nanos <= 0n)
    throw new Error(`Node ${spec.name}: memory "${spec.memory}" is not a positive quantity.`);
  const memoryBytes = Number(memory.nanos / 1_000_000_000n);
  if (memoryBytes <= EVICTION_HARD_MEMORY)
    throw new Error(
      `Node ${spec.name}: memory "${spec.memory}" leaves nothing after the kubelet's 100Mi reserve.`,
    );
  const ids = random.fork(spec.name);
  const pods = String(spec.pods ?? 110);
  const gpus = spec.gpus ? { [GPU_RESOURCE]: String(spec.gpus) } : {};
  const storageBytes = EPHEMERAL_STORAGE_KI * 1024;
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  const runtimeFeatures = { recursiveReadOnlyMounts: false, userNamespaces: false };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: spec.name,
      labels: {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        ...(spec.instanceType ? { "beta.kubernetes.io/instance-type": spec.instanceType } : {}),
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": spec.name,
        "kubernetes.io/os": "linux",
        ...(spec.instanceType ? { "node.kubernetes.io/instance-type": spec.instanceType } : {}),
        ...spec.labels,
      },
      annotations: {
        "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: {
      podCIDR: nodePodCidr(index),
      podCIDRs: [nodePodCidr(index)],
      ...(spec.taints?.length ? { taints: spec.taints.map((t) => ({ ...t })) } : {}),
    },
    status: {
      capacity: {
        cpu: formatQuantity(cpu),
        "ephemeral-storage": `${EPHEMERAL_STORAGE_KI}Ki`,
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
        memory: bytesQuantity(memoryBytes, "BinarySI"),
        ...gpus,
        pods,
      },
      allocatable: {
        cpu: formatQuantity(cpu),
        "ephemeral-storage": bytesQuantity(Math.floor(storageBytes * 0.9), "BinarySI"),
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
        memory: bytesQuantity(memoryBytes - EVICTION_HARD_MEMORY, "BinarySI"),
        ...gpus,
        pods,
      },
      conditions: [
        condition(
          "MemoryPressure",
          "False",
          "KubeletHasSufficientMemory",
          "kubelet has sufficient memory available",
        ),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
      ],
      addresses: [
        { type: "InternalIP", address: nodeInternalIP(index) },
        { type: "Hostname", address: spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: hex(ids, 32),
        systemUUID: uuid(ids),
        bootID: uuid(ids),
        kernelVersion: "6.8.0-1019-gcp",
        osImage: "Ubuntu 24.04.1 LTS",
        containerRuntimeVersion: "containerd://1.7.24",
        kubeletVersion: "v1.32.0",
        kubeProxyVersion: "",
        operatingSystem: "linux",
        architecture: "amd64",
      },
      runtimeHandlers: [
        { name: "", features: runtimeFeatures },
        { name: "runc", features: runtimeFeatures },
      ],
    },
  };
}
