import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import {
  decodeProtobufObject,
  isProtobufContentType,
  PROTOBUF_MAGIC,
  ProtobufDecodeError,
} from "../../../src/cluster/protobuf/index.js";
import { kubeRoot, UNKNOWN_TYPE } from "../../../src/cluster/protobuf/schema.js";
import { encodeProtobufObject, wrap } from "./encode.js";

const root = kubeRoot();

function decodeError(body: Uint8Array): ProtobufDecodeError {
  try {
    decodeProtobufObject(body);
  } catch (err) {
    if (err instanceof ProtobufDecodeError) return err;
    throw err;
  }
  throw new Error("decoded without error");
}

describe("isProtobufContentType", () => {
  it("recognises Kubernetes' protobuf media type with or without parameters", () => {
    expect(isProtobufContentType("application/vnd.kubernetes.protobuf")).toBe(true);
    expect(isProtobufContentType("Application/Vnd.Kubernetes.Protobuf; charset=binary")).toBe(true);
    expect(isProtobufContentType("application/json")).toBe(false);
    expect(isProtobufContentType("application/vnd.kubernetes.protobuf+json")).toBe(false);
    expect(isProtobufContentType(undefined)).toBe(false);
  });
});

describe("decodeProtobufObject", () => {
  it("writes an empty object as Go does: value structs as {}, zero times and nil non-omitempty fields as null", () => {
    expect(JSON.stringify(decodeProtobufObject(wrap("apps/v1", "Deployment", new Uint8Array())))).toBe(
      JSON.stringify({
        kind: "Deployment",
        apiVersion: "apps/v1",
        metadata: { creationTimestamp: null },
        spec: {
          selector: null,
          template: { metadata: { creationTimestamp: null }, spec: { containers: null } },
          strategy: {},
        },
        status: {},
      }),
    );
  });

  it("keeps a pointer field set to zero and drops an unset one", () => {
    const withZero = decodeProtobufObject(
      encodeProtobufObject({ apiVersion: "apps/v1", kind: "Deployment", spec: { replicas: 0 } }),
    );
    const unset = decodeProtobufObject(
      encodeProtobufObject({ apiVersion: "apps/v1", kind: "Deployment", spec: {} }),
    );
    expect(withZero.spec).toHaveProperty("replicas", 0);
    expect(unset.spec).not.toHaveProperty("replicas");
  });

  it("formats metav1.Time in whole seconds and MicroTime in microseconds, in UTC", () => {
    const event = root.lookupType("k8s.io.api.events.v1.Event");
    const body = event
      .encode({
        metadata: { creationTimestamp: { seconds: 1767225600, nanos: 999_999_999 } },
        eventTime: { seconds: 1767225600, nanos: 123_456_789 },
      })
      .finish();
    const decoded = decodeProtobufObject(wrap("events.k8s.io/v1", "Event", body));
    expect(decoded.metadata.creationTimestamp).toBe("2026-01-01T00:00:00Z");
    expect(decoded.eventTime).toBe("2026-01-01T00:00:00.123456Z");
  });

  it("sorts map keys as Go's encoding/json does", () => {
    const body = encodeProtobufObject({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { labels: { b: "2", a: "1" } },
    });
    expect(Object.keys(decodeProtobufObject(body).metadata.labels ?? {})).toEqual(["a", "b"]);
  });

  it("skips fields it does not know, at any depth", () => {
    const meta = root.lookupType("k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    const metaBytes = meta.encode({ name: "web" }).finish();
    const plain = protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .bytes(metaBytes)
      .finish();
    const withUnknown = protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .bytes(
        Buffer.concat([
          metaBytes,
          protobuf.Writer.create()
            .uint32((99 << 3) | 2)
            .string("future")
            .finish(),
        ]),
      )
      .uint32((1000 << 3) | 0)
      .uint32(7)
      .uint32((1001 << 3) | 5)
      .fixed32(1)
      .finish();
    const expected = decodeProtobufObject(wrap("apps/v1", "Deployment", plain));
    expect(expected.metadata.name).toBe("web");
    expect(decodeProtobufObject(wrap("apps/v1", "Deployment", withUnknown))).toEqual(expected);
  });

  it("refuses a body without the magic bytes with 400", () => {
    const error = decodeError(Buffer.from('{"kind":"Pod"}'));
    expect(error.status).toBe(400);
    expect(error.reason).toBe("BadRequest");
    expect(error.message).toMatch(/magic/);
    expect(decodeError(new Uint8Array()).status).toBe(400);
  });

  it("refuses truncated or corrupt protobuf with 400", () => {
    const body = encodeProtobufObject({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cm" },
      data: { a: "b" },
    });
    expect(decodeError(body.subarray(0, body.length - 3))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/malformed/),
    });
    expect(decodeError(wrap("v1", "ConfigMap", Uint8Array.of(0x0a, 0x7f, 0x01)))).toMatchObject({
      status: 400,
      message: expect.stringContaining("ConfigMap"),
    });
  });

  it("refuses an envelope without apiVersion or kind with 400", () => {
    const unknown = root.lookupType(UNKNOWN_TYPE);
    const body = Buffer.concat([PROTOBUF_MAGIC, unknown.encode({ typeMeta: { apiVersion: "v1" } }).finish()]);
    expect(decodeError(body)).toMatchObject({
      status: 400,
      message: expect.stringMatching(/apiVersion or kind/),
    });
  });

  it("refuses kinds the cluster does not serve, and compressed envelopes, with 415", () => {
    expect(decodeError(wrap("networking.k8s.io/v1", "Ingress", new Uint8Array()))).toMatchObject({
      status: 415,
      reason: "UnsupportedMediaType",
    });
    expect(decodeError(wrap("metrics.k8s.io/v1beta1", "PodMetrics", new Uint8Array())).status).toBe(415);
    expect(decodeError(wrap("apps/v1beta1", "Deployment", new Uint8Array())).status).toBe(415);
    const unknown = root.lookupType(UNKNOWN_TYPE);
    const gzipped = unknown
      .encode({ typeMeta: { apiVersion: "v1", kind: "Pod" }, contentEncoding: "gzip" })
      .finish();
    expect(decodeError(Buffer.concat([PROTOBUF_MAGIC, gzipped])).status).toBe(415);
  });

  it("refuses values Go could not marshal to JSON with 400", () => {
    const revision = root.lookupType("k8s.io.api.apps.v1.ControllerRevision");
    const body = revision.encode({ data: { raw: Uint8Array.of(0x08, 0x01) } }).finish();
    expect(decodeError(wrap("apps/v1", "ControllerRevision", body))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/RawExtension/),
    });
    const service = root.lookupType("k8s.io.api.core.v1.Service");
    const badPort = service.encode({ spec: { ports: [{ port: 80, targetPort: { type: 7 } }] } }).finish();
    expect(decodeError(wrap("v1", "Service", badPort))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/IntOrString/),
    });
  });
});
