import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { cells, headers, meta } from "./fixtures.js";

function slice(endpoints: unknown[], ports: unknown[]): KubeObject {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: meta("web-x7k2p", 1800),
    addressType: "IPv4",
    endpoints,
    ports,
  };
}

const endpoint = (ip: string, ready = true) => ({ addresses: [ip], conditions: { ready } });

describe("EndpointSlice", () => {
  it("prints the address type, the port numbers and the addresses", () => {
    const s = slice(
      [endpoint("10.244.1.2"), endpoint("10.244.2.2")],
      [{ name: "http", port: 8080, protocol: "TCP" }],
    );
    expect(headers(s)).toEqual({ normal: ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"], wide: [] });
    expect(cells(s)).toEqual(["web-x7k2p", "IPv4", "8080", "10.244.1.2,10.244.2.2", "30m"]);
  });

  it("shows three of each and counts the rest, not-ready addresses included", () => {
    const ips = ["10.244.1.2", "10.244.2.2", "10.244.3.2", "10.244.1.3", "10.244.2.3"];
    const ports = [80, 81, 82, 83].map((port) => ({ port, protocol: "TCP" }));
    const s = slice(
      ips.map((ip, i) => endpoint(ip, i % 2 === 0)),
      ports,
    );
    expect(cells(s).slice(2, 4)).toEqual([
      "80,81,82 + 1 more...",
      "10.244.1.2,10.244.2.2,10.244.3.2 + 2 more...",
    ]);
  });

  it("prints <unset> for empty lists, and a port without a number by name or as *", () => {
    expect(cells(slice([], [])).slice(2, 4)).toEqual(["<unset>", "<unset>"]);
    const s = slice([endpoint("10.244.1.2")], [{ name: "metrics", protocol: "TCP" }, { protocol: "UDP" }]);
    expect(cells(s)[2]).toBe("metrics,*");
  });
});
