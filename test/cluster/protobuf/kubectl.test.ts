import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decodeProtobufObject,
  isProtobufContentType,
  ProtobufDecodeError,
} from "../../../src/cluster/protobuf/index.js";
import { CaptureServer } from "./capture-server.js";

/*
 * The real kubectl sends these bodies as protobuf. Each command also runs with `-o json --dry-run=client`,
 * which prints the very object kubectl would have sent: no server-side defaulting is involved on either side,
 * so the decoded body must equal that JSON, down to key order.
 */
const CASES: readonly (readonly string[])[] = [
  ["create", "deployment", "web", "--image=nginx:1.27", "--replicas=3", "--port=8080"],
  ["create", "deployment", "z", "--image=x", "--replicas=0"],
  ["create", "namespace", "team-a"],
  ["create", "configmap", "cm", "--from-literal=a=b", "--from-literal=c=d"],
  ["create", "secret", "generic", "s", "--from-literal=pw=hunter2", "--from-literal=user=admin"],
  ["create", "service", "clusterip", "svc", "--tcp=80:8080"],
  ["create", "job", "j", "--image=busybox", "--", "echo", "hi"],
  ["create", "cronjob", "cj", "--image=busybox", "--schedule=*/5 * * * *", "--", "date"],
  ["create", "serviceaccount", "sa"],
  ["create", "role", "r", "--verb=get,list", "--resource=pods,deployments.apps"],
  ["create", "rolebinding", "rb", "--role=r", "--serviceaccount=default:sa"],
  ["create", "clusterrole", "cr", "--verb=get", "--resource=nodes"],
  ["create", "clusterrolebinding", "crb", "--clusterrole=cr", "--user=alice", "--group=devs"],
  ["create", "quota", "q", "--hard=pods=2,requests.cpu=500m,limits.memory=1Gi"],
  ["create", "poddisruptionbudget", "pdb", "--selector=app=web", "--min-available=1"],
  ["create", "poddisruptionbudget", "pdb2", "--selector=app=web", "--max-unavailable=25%"],
  ["autoscale", "deployment", "web", "--max=5", "--cpu-percent=80"],
];

/** Commands without a client dry-run: the expected JSON is what kubectl's Go object marshals to. */
const WITHOUT_DRY_RUN: readonly { args: readonly string[]; expected: unknown }[] = [
  {
    args: ["auth", "can-i", "create", "deployments"],
    expected: {
      kind: "SelfSubjectAccessReview",
      apiVersion: "authorization.k8s.io/v1",
      metadata: { creationTimestamp: null },
      // ResourceAttributes' empty strings are omitempty; SubjectAccessReviewStatus.allowed is not.
      spec: {
        resourceAttributes: { namespace: "default", verb: "create", group: "apps", resource: "deployments" },
      },
      status: { allowed: false },
    },
  },
  {
    args: ["auth", "can-i", "--list"],
    expected: {
      kind: "SelfSubjectRulesReview",
      apiVersion: "authorization.k8s.io/v1",
      metadata: { creationTimestamp: null },
      spec: { namespace: "default" },
      // Nil slices without omitempty marshal as null.
      status: { resourceRules: null, nonResourceRules: null, incomplete: false },
    },
  },
  {
    args: ["auth", "whoami"],
    // kubectl sends an empty review; UserInfo's fields are all omitempty, its struct value is not.
    expected: {
      kind: "SelfSubjectReview",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { creationTimestamp: null },
      status: { userInfo: {} },
    },
  },
  {
    args: ["create", "token", "sa", "--duration=10m"],
    expected: {
      kind: "TokenRequest",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { creationTimestamp: null },
      spec: { audiences: null, expirationSeconds: 600, boundObjectRef: null },
      status: { token: "", expirationTimestamp: null },
    },
  },
];

describe("bodies sent by the real kubectl", () => {
  const server = new CaptureServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  /** Runs a command and returns the one request body it wrote, which must be protobuf. */
  async function capture(args: readonly string[], succeeds = true): Promise<Buffer> {
    server.requests.length = 0;
    const run = await server.kubectl(args);
    if (succeeds) {
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
    const writes = server.requests.filter((r) => r.method !== "GET");
    expect(writes).toHaveLength(1);
    const [write] = writes;
    expect(isProtobufContentType(write?.contentType)).toBe(true);
    return write?.body ?? Buffer.alloc(0);
  }

  async function dryRun(args: readonly string[]): Promise<unknown> {
    const dash = args.indexOf("--");
    const flags = ["-o", "json", "--dry-run=client"];
    const run = await server.kubectl(
      dash < 0 ? [...args, ...flags] : [...args.slice(0, dash), ...flags, ...args.slice(dash)],
    );
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout);
  }

  for (const args of CASES) {
    it(`kubectl ${args.join(" ")}`, async () => {
      const decoded = decodeProtobufObject(await capture(args));
      const expected = await dryRun(args);
      expect(decoded).toEqual(expected);
      expect(JSON.stringify(decoded)).toBe(JSON.stringify(expected));
    });
  }

  for (const { args, expected } of WITHOUT_DRY_RUN) {
    it(`kubectl ${args.join(" ")}`, async () => {
      const decoded = decodeProtobufObject(await capture(args));
      expect(decoded).toEqual(expected);
      expect(JSON.stringify(decoded)).toBe(JSON.stringify(expected));
    });
  }

  it("keeps an explicit zero in a pointer field (--replicas=0)", async () => {
    const decoded = decodeProtobufObject(
      await capture(["create", "deployment", "z", "--image=x", "--replicas=0"]),
    );
    expect(decoded.spec).toMatchObject({ replicas: 0 });
  });

  it("refuses a kind the cluster does not serve with 415", async () => {
    // The capture server does not know the kind either, so kubectl reports a failure after sending.
    const args = ["create", "priorityclass", "high", "--value=1000"];
    const body = await capture(args, false);
    const error = (() => {
      try {
        decodeProtobufObject(body);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(ProtobufDecodeError);
    expect(error).toMatchObject({ status: 415, message: expect.stringContaining("PriorityClass") });
  });
});
