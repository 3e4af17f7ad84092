import { describe, expect, it } from "vitest";
import {
  HARNESS_USER,
  impersonationAllowed,
  serviceAccountOf,
  serviceAccountUser,
} from "../../../src/cluster/auth/index.js";

describe("identities", () => {
  it("a ServiceAccount user carries the username and groups kube-apiserver gives it", () => {
    expect(serviceAccountUser("prod", "agent")).toEqual({
      username: "system:serviceaccount:prod:agent",
      groups: ["system:serviceaccounts", "system:serviceaccounts:prod", "system:authenticated"],
    });
  });

  it("recovers namespace and name from a ServiceAccount username, and nothing from other users", () => {
    expect(serviceAccountOf("system:serviceaccount:prod:agent")).toEqual({
      namespace: "prod",
      name: "agent",
    });
    expect(serviceAccountOf("smith:harness")).toBeUndefined();
    expect(serviceAccountOf("system:serviceaccount:prod")).toBeUndefined();
  });

  it("the harness is a cluster superuser", () => {
    expect(HARNESS_USER.username).toBe("smith:harness");
    expect(HARNESS_USER.groups).toContain("system:masters");
  });

  it("only the harness may impersonate", () => {
    expect(impersonationAllowed(HARNESS_USER)).toBe(true);
    expect(impersonationAllowed(serviceAccountUser("prod", "agent"))).toBe(false);
    expect(impersonationAllowed({ username: "mallory", groups: ["system:masters"] })).toBe(false);
  });
});
