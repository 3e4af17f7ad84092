import { describe, expect, it } from "vitest";
import { HARNESS_USER, serviceAccountUser, TokenRegistry } from "../../../src/cluster/auth/index.js";

/** A small seeded generator (mulberry32), standing in for the trial's RNG. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function claimsOf(token: string): Record<string, string> {
  const payload = token.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
}

describe("TokenRegistry", () => {
  const agent = serviceAccountUser("prod", "agent", "0b6f6d3e-1111-4222-8333-944445555666");

  it("authenticates a bearer token to the user it was issued for", () => {
    const tokens = new TokenRegistry(seeded(1));
    const agentToken = tokens.issue(agent);
    const harnessToken = tokens.issue(HARNESS_USER);
    expect(tokens.authenticate(`Bearer ${agentToken}`)).toEqual(agent);
    expect(tokens.authenticate(`Bearer ${harnessToken}`)).toEqual(HARNESS_USER);
  });

  it("issues the same tokens for the same seed, and different ones for another seed", () => {
    const run = (seed: number) => {
      const tokens = new TokenRegistry(seeded(seed));
      return [tokens.issue(agent), tokens.issue(HARNESS_USER)];
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it("gives a ServiceAccount a JWT-shaped token carrying its identity", () => {
    const token = new TokenRegistry(seeded(3)).issue(agent);
    expect(token.split(".")).toHaveLength(3);
    const claims = claimsOf(token);
    expect(claims).toMatchObject({
      iss: "kubernetes/serviceaccount",
      sub: "system:serviceaccount:prod:agent",
      "kubernetes.io/serviceaccount/namespace": "prod",
      "kubernetes.io/serviceaccount/service-account.name": "agent",
      "kubernetes.io/serviceaccount/service-account.uid": "0b6f6d3e-1111-4222-8333-944445555666",
    });
    expect(claims["kubernetes.io/serviceaccount/secret.name"]).toMatch(/^agent-token-[a-z0-9]{5}$/);
  });

  it("gives other users an opaque token", () => {
    expect(new TokenRegistry(seeded(3)).issue(HARNESS_USER)).toMatch(/^[a-z0-9]{40}$/);
  });

  it("accepts tokens registered by the caller", () => {
    const tokens = new TokenRegistry(seeded(1));
    tokens.add("fixed-token", agent);
    expect(tokens.authenticate("Bearer fixed-token")).toEqual(agent);
  });

  it("stops authenticating a token once its validity check fails", () => {
    const tokens = new TokenRegistry(seeded(1));
    let valid = true;
    tokens.add("bound", agent, () => valid);
    expect(tokens.authenticate("Bearer bound")).toEqual(agent);
    valid = false;
    expect(tokens.authenticate("Bearer bound")).toBeUndefined();
  });

  it("signs any claims into a JWT-shaped token without registering it", () => {
    const tokens = new TokenRegistry(seeded(1));
    const token = tokens.jwt({ sub: "someone", aud: ["vault"] });
    expect(claimsOf(token)).toEqual({ sub: "someone", aud: ["vault"] });
    expect(tokens.authenticate(`Bearer ${token}`)).toBeUndefined();
  });

  it("parses the header like kube-apiserver: any case of Bearer, surrounding space trimmed", () => {
    const tokens = new TokenRegistry(seeded(1));
    tokens.add("t0k", agent);
    expect(tokens.authenticate("bearer t0k")).toEqual(agent);
    expect(tokens.authenticate("  BEARER t0k  ")).toEqual(agent);
  });

  it("refuses missing, malformed, empty and unknown credentials", () => {
    const tokens = new TokenRegistry(seeded(1));
    tokens.add("t0k", agent);
    for (const header of [
      undefined,
      "",
      "t0k",
      "Basic dXNlcjpwYXNz",
      "Bearer",
      "Bearer  t0k",
      "Bearer other",
    ]) {
      expect(tokens.authenticate(header), String(header)).toBeUndefined();
    }
  });
});
