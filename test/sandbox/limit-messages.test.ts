import { describe, expect, it } from "vitest";
import { rewriteLimitMessages } from "../../src/sandbox/limit-messages.js";

describe("rewriteLimitMessages", () => {
  it("drops just-bash's advice to the embedder and reports the limit", () => {
    const r = rewriteLimitMessages(
      "out\nbash: too many commands executed (>10000), increase executionLimits.maxCommandCount\n",
    );
    expect(r.stderr).toBe("out\nbash: too many commands executed (>10000): stopped by the sandbox\n");
    expect(r.limits).toEqual(["too many commands executed (>10000): stopped by the sandbox"]);
  });

  it("reports a command's own limit", () => {
    const r = rewriteLimitMessages("jq: query evaluation: too many iterations (10000000)\n");
    expect(r.limits).toEqual([
      "jq: query evaluation: too many iterations (10000000): stopped by the sandbox",
    ]);
  });

  it("leaves other errors alone, even ones that mention limits", () => {
    const stderr =
      'Error from server (Forbidden): pods "x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=4, limited: pods=4\nerror: rate limit exceeded (429)\n';
    expect(rewriteLimitMessages(stderr)).toEqual({ stderr, limits: [] });
  });
});
