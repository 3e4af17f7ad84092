import { describe, expect, it } from "vitest";
import { resolveUrl } from "../../../src/sandbox/http/service-url.js";

describe("resolveUrl", () => {
  it.each([
    ["http://web.shop.svc.cluster.local:8080/x", "web", "shop", "8080", false],
    ["http://web.shop.svc.cluster.local./", "web", "shop", "80", false],
    ["http://web.shop.svc/", "web", "shop", "80", false],
    ["http://web.shop:81", "web", "shop", "81", true],
    ["http://web:81", "web", "home", "81", false],
    ["https://web", "web", "home", "443", false],
    ["WEB.Shop:80", "web", "shop", "80", true],
  ])("%s → Service %s in %s, port %s", (url, service, namespace, port, guessed) => {
    expect(resolveUrl(url, "home")).toMatchObject({
      kind: "service",
      service,
      namespace,
      port,
      guessedNamespace: guessed,
    });
  });

  it.each([
    ["http://10.0.0.1/", "IP address"],
    ["http://2130706433/", "IP address"],
    ["http://0x7f.1:6443/", "IP address"],
    ["http://[::1]:80/", "IP address"],
    ["http://localhost:8080/", "loopback"],
    ["http://app.localhost/", "loopback"],
    ["https://kubernetes.default.svc/api", "the API server (use kubectl)"],
    ["https://kubernetes.default.svc.cluster.local/api", "the API server (use kubectl)"],
  ])("%s is unreachable (%s)", (url, why) => {
    expect(resolveUrl(url, "home")).toMatchObject({ kind: "unreachable", why });
  });

  it("reaches the kubernetes Service in the default namespace by its short name", () => {
    expect(resolveUrl("https://kubernetes/", "default")).toMatchObject({ kind: "unreachable" });
    expect(resolveUrl("https://kubernetes/", "home")).toMatchObject({ kind: "service", namespace: "home" });
  });

  it.each(["http://a.b.c/", "http://evil.example.org/", "http://under_score/", "http://9lives/"])(
    "%s is not a Service name",
    (url) => {
      expect(resolveUrl(url, "home")).toMatchObject({ kind: "unresolvable" });
    },
  );

  it("names other protocols and malformed URLs", () => {
    expect(resolveUrl("file:///etc/passwd", "home")).toEqual({
      kind: "unsupported-protocol",
      protocol: "file",
    });
    expect(resolveUrl("ftp://web/", "home")).toEqual({ kind: "unsupported-protocol", protocol: "ftp" });
    expect(resolveUrl("http://[bad", "home")).toEqual({ kind: "malformed" });
  });
});
