import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { cells, headers, meta } from "./fixtures.js";

function node(
  labels: Record<string, string>,
  ready: "True" | "False" | undefined,
  unschedulable = false,
): KubeObject {
  const { namespace: _, ...metadata } = meta("kind-control-plane", 5 * 86400);
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { ...metadata, labels: { "kubernetes.io/hostname": "kind-control-plane", ...labels } },
    spec: { podCIDR: "10.244.0.0/24", ...(unschedulable ? { unschedulable: true } : {}) },
    status: {
      conditions: [
        { type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory" },
        ...(ready ? [{ type: "Ready", status: ready, reason: "KubeletReady" }] : []),
      ],
      addresses: [
        { type: "InternalIP", address: "172.18.0.2" },
        { type: "Hostname", address: "kind-control-plane" },
      ],
      nodeInfo: {
        kubeletVersion: "v1.32.0",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        kernelVersion: "6.1.0-18-amd64",
        containerRuntimeVersion: "containerd://1.7.24",
        architecture: "amd64",
        operatingSystem: "linux",
      },
    },
  };
}

describe("Node", () => {
  it("prints status, roles and versions", () => {
    const n = node({ "node-role.kubernetes.io/control-plane": "" }, "True");
    expect(headers(n)).toEqual({
      normal: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
      wide: ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
    });
    expect(cells(n)).toEqual([
      "kind-control-plane",
      "Ready",
      "control-plane",
      "5d",
      "v1.32.0",
      "172.18.0.2",
      "<none>",
      "Debian GNU/Linux 12 (bookworm)",
      "6.1.0-18-amd64",
      "containerd://1.7.24",
    ]);
  });

  it("prints NotReady, SchedulingDisabled and Unknown", () => {
    expect(cells(node({}, "False", true))[1]).toBe("NotReady,SchedulingDisabled");
    expect(cells(node({}, undefined))[1]).toBe("Unknown");
  });

  it("collects roles from both role labels, sorted, or <none>", () => {
    const n = node(
      { "node-role.kubernetes.io/worker": "", "kubernetes.io/role": "gpu", "node-role.kubernetes.io/": "" },
      "True",
    );
    expect(cells(n)[2]).toBe("gpu,worker");
    expect(cells(node({}, "True"))[2]).toBe("<none>");
  });
});
