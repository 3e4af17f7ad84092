/** Reading request bodies as kube-apiserver does: objects (JSON, YAML, protobuf), patches, DeleteOptions. */
import type http from "node:http";
import { parse as parseYaml } from "yaml";
import type { DeleteOptions, PatchType } from "./api.js";
import { badRequest, StatusError } from "./errors.js";
import { parseMediaTypes } from "./media.js";
import { decodeProtobufObject, isProtobufContentType } from "./protobuf/index.js";
import type { KubeObject } from "./types.js";

/** kube-apiserver's request body limit. */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new StatusError(
        413,
        "RequestEntityTooLarge",
        `Request entity too large: limit is ${MAX_BODY_BYTES}`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Decodes an object body: JSON, YAML or Kubernetes protobuf, as kube-apiserver accepts them. */
export function decodeBody(raw: Buffer | undefined, contentType: string | undefined): KubeObject {
  if (!raw || raw.length === 0) throw badRequest("request body must not be empty");
  if (isProtobufContentType(contentType)) return decodeProtobufObject(raw);
  const type = parseMediaTypes(contentType)[0]?.type ?? "application/json";
  const text = raw.toString("utf8");
  let value: unknown;
  try {
    value = type === "application/yaml" ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw badRequest(
      "couldn't get version/kind; json parse error: json: cannot unmarshal into Go value of type struct",
    );
  }
  return value as KubeObject;
}

export function patchTypeOf(contentType: string | undefined): PatchType {
  const type = parseMediaTypes(contentType)[0]?.type;
  switch (type) {
    case "application/json-patch+json":
      return "json";
    case "application/merge-patch+json":
      return "merge";
    case "application/strategic-merge-patch+json":
      return "strategic";
    case "application/apply-patch+yaml":
    case "application/apply-patch+cbor":
      return "apply";
    default:
      throw new StatusError(
        415,
        "UnsupportedMediaType",
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
      );
  }
}

export function decodePatch(raw: Buffer | undefined, type: PatchType): unknown {
  const text = raw?.toString("utf8") ?? "";
  try {
    return type === "apply" ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(`error decoding patch: ${(e as Error).message}`);
  }
}

export function deleteOptionsOf(raw: Buffer | undefined, params: URLSearchParams): DeleteOptions {
  let body: Record<string, unknown> = {};
  if (raw && raw.length > 0) {
    try {
      body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
    } catch (e) {
      throw badRequest(`error decoding DeleteOptions: ${(e as Error).message}`);
    }
  }
  const options: DeleteOptions = {};
  const policy =
    (body.propagationPolicy as string | undefined) ?? params.get("propagationPolicy") ?? undefined;
  if (body.orphanDependents === true || params.get("orphanDependents") === "true")
    options.propagationPolicy = "Orphan";
  if (policy) {
    if (policy !== "Foreground" && policy !== "Background" && policy !== "Orphan") {
      throw badRequest(
        `propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
      );
    }
    options.propagationPolicy = policy;
  }
  const grace = body.gracePeriodSeconds ?? params.get("gracePeriodSeconds");
  if (grace !== undefined && grace !== null) options.gracePeriodSeconds = Number(grace);
  if (body.preconditions) options.preconditions = body.preconditions as DeleteOptions["preconditions"];
  return options;
}
