import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { cells, headers, meta } from "./fixtures.js";

function service(spec: object, status: object = { loadBalancer: {} }): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta("web", 1800),
    spec: {
      type: "ClusterIP",
      clusterIP: "10.96.12.34",
      clusterIPs: ["10.96.12.34"],
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      selector: { app: "web" },
      ports: [{ name: "http", port: 80, protocol: "TCP", targetPort: 8080 }],
      ...spec,
    },
    status,
  };
}

describe("Service", () => {
  it("prints a ClusterIP service", () => {
    const svc = service({});
    expect(headers(svc)).toEqual({
      normal: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
      wide: ["SELECTOR"],
    });
    expect(cells(svc)).toEqual(["web", "ClusterIP", "10.96.12.34", "<none>", "80/TCP", "30m", "app=web"]);
  });

  it("prints node ports and several ports", () => {
    const svc = service({
      type: "NodePort",
      externalTrafficPolicy: "Cluster",
      ports: [
        { name: "http", port: 80, protocol: "TCP", targetPort: 8080, nodePort: 30080 },
        { name: "dns", port: 53, protocol: "UDP", targetPort: 53, nodePort: 30053 },
      ],
    });
    expect(cells(svc).slice(1, 5)).toEqual([
      "NodePort",
      "10.96.12.34",
      "<none>",
      "80:30080/TCP,53:30053/UDP",
    ]);
  });

  it("prints a load balancer as pending until it has an ingress, then every address unclipped", () => {
    const pending = service({
      type: "LoadBalancer",
      ports: [{ port: 443, protocol: "TCP", nodePort: 31443 }],
    });
    expect(cells(pending)[3]).toBe("<pending>");
    const ready = service(
      {
        type: "LoadBalancer",
        ports: [{ port: 443, protocol: "TCP", nodePort: 31443 }],
        externalIPs: ["192.0.2.10"],
      },
      { loadBalancer: { ingress: [{ ip: "203.0.113.20" }, { hostname: "a1b2c3d4e5f6.elb.example.com" }] } },
    );
    expect(cells(ready)[3]).toBe("203.0.113.20,a1b2c3d4e5f6.elb.example.com,192.0.2.10");
  });

  it("prints headless and ExternalName services", () => {
    const headless = service({ clusterIP: "None", clusterIPs: ["None"] });
    expect(cells(headless)[2]).toBe("None");
    const external = service({
      type: "ExternalName",
      externalName: "db.example.com",
      clusterIP: undefined,
      clusterIPs: undefined,
      ports: undefined,
      selector: undefined,
    });
    expect(cells(external)).toEqual([
      "web",
      "ExternalName",
      "<none>",
      "db.example.com",
      "<none>",
      "30m",
      "<none>",
    ]);
  });
});

describe("Endpoints", () => {
  function endpoints(subsets: unknown[] | undefined): KubeObject {
    return {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: meta("web", 1800),
      ...(subsets ? { subsets } : {}),
    };
  }
  const address = (ip: string) => ({
    ip,
    targetRef: { kind: "Pod", namespace: "default", name: `web-${ip}` },
  });

  it("prints address:port pairs", () => {
    const ep = endpoints([
      {
        addresses: [address("10.244.1.7"), address("10.244.2.9")],
        ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      },
    ]);
    expect(headers(ep)).toEqual({ normal: ["NAME", "ENDPOINTS", "AGE"], wide: [] });
    expect(cells(ep)).toEqual(["web", "10.244.1.7:8080,10.244.2.9:8080", "30m"]);
  });

  it("shows three endpoints and counts the rest", () => {
    const ips = ["10.244.1.1", "10.244.1.2", "10.244.1.3", "10.244.1.4", "10.244.1.5"];
    const ep = endpoints([{ addresses: ips.map(address), ports: [{ port: 80, protocol: "TCP" }] }]);
    expect(cells(ep)[1]).toBe("10.244.1.1:80,10.244.1.2:80,10.244.1.3:80 + 2 more...");
  });

  it("prints <none> without subsets, bare IPs without ports, and brackets IPv6", () => {
    expect(cells(endpoints(undefined))[1]).toBe("<none>");
    expect(cells(endpoints([{ addresses: [address("10.244.1.7")] }]))[1]).toBe("10.244.1.7");
    const v6 = endpoints([{ addresses: [address("fd00::7")], ports: [{ port: 80, protocol: "TCP" }] }]);
    expect(cells(v6)[1]).toBe("[fd00::7]:80");
  });

  it("leaves not-ready addresses out", () => {
    const ep = endpoints([
      { notReadyAddresses: [address("10.244.1.7")], ports: [{ port: 80, protocol: "TCP" }] },
    ]);
    expect(cells(ep)[1]).toBe("");
  });
});
