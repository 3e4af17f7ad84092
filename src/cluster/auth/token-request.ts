/**
 * serviceaccounts/NAME/token (TokenRequest, `kubectl create token`): a bound service-account token, answered
 * as kube-apiserver's TokenREST answers it on a kubeadm cluster, and registered so that it authenticates as
 * the ServiceAccount for as long as kube-apiserver's token validator would accept it.
 */
import type { ClusterApi, RequestContext } from "../api.js";
import { badRequest, conflict, fieldInvalid, invalid, type StatusError } from "../errors.js";
import { findResourceType } from "../resources.js";
import type { KubeObject, ResourceType } from "../types.js";
import type { TokenRegistry } from "./tokens.js";
import { serviceAccountUser } from "./user.js";

/** A kubeadm cluster's service-account issuer, which kube-apiserver also takes as its only API audience. */
export const API_AUDIENCE = "https://kubernetes.default.svc.cluster.local";

const DEFAULT_EXPIRATION_SECONDS = 60 * 60;
const MIN_EXPIRATION_SECONDS = 10 * 60;
const MAX_EXPIRATION_SECONDS = 2 ** 32;
/** What kubelets ask for: such a pod-bound token is extended to a year, with a warning after the hour. */
const WARN_ONLY_EXPIRATION_SECONDS = 60 * 60 + 7;
const EXTENDED_EXPIRATION_SECONDS = 365 * 24 * 60 * 60;
/** The JWT library's clock skew allowance, which the validator also grants deleted bound objects. */
const LEEWAY_MS = 60_000;

interface BoundObjectRef {
  kind?: string;
  apiVersion?: string;
  name?: string;
  uid?: string;
}

/** An object a token names in its claims, which must still exist (same uid, not long deleted) for it to work. */
interface Ref {
  resource: string;
  namespace: string | undefined;
  name: string;
  uid: string | undefined;
}

const coreType = (plural: string) => findResourceType("", "v1", plural) as ResourceType;

/**
 * Answers a TokenRequest for ServiceAccount `name` in `namespace`, audited as a create of serviceaccounts/token:
 * the request echoed with its defaults, the token and its expiry (virtual time) in status.
 */
export function requestToken(
  api: ClusterApi,
  tokens: TokenRegistry,
  ctx: RequestContext,
  namespace: string,
  name: string,
  body: KubeObject,
): KubeObject {
  return api.audited(
    ctx,
    "create",
    coreType("serviceaccounts"),
    namespace,
    name,
    body,
    () => issue(api, tokens, namespace, name, body),
    "token",
  );
}

function issue(
  api: ClusterApi,
  tokens: TokenRegistry,
  namespace: string,
  name: string,
  body: KubeObject,
): KubeObject {
  if (body.kind !== undefined && body.kind !== "TokenRequest") {
    throw badRequest(`the kind in the data (${body.kind}) does not match the expected kind (TokenRequest)`);
  }
  const meta = { ...(body.metadata ?? {}) };
  if (meta.namespace && meta.namespace !== namespace) {
    throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
  }
  if (meta.name && meta.name !== name) {
    throw invalidRequest(name, [
      fieldInvalid("metadata.name", meta.name, "must match the service account name if specified"),
    ]);
  }
  const sa = api.read(coreType("serviceaccounts"), namespace, name);
  const spec = specOf(body.spec);
  const audiences = spec.audiences && spec.audiences.length > 0 ? spec.audiences : [API_AUDIENCE];
  const expirationSeconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
    throw invalidRequest("", [
      fieldInvalid(
        "spec.expirationSeconds",
        expirationSeconds,
        "may not specify a duration less than 10 minutes",
      ),
    ]);
  }
  if (expirationSeconds > MAX_EXPIRATION_SECONDS) {
    throw invalidRequest("", [
      fieldInvalid(
        "spec.expirationSeconds",
        expirationSeconds,
        "may not specify a duration larger than 2^32 seconds",
      ),
    ]);
  }
  const bound = spec.boundObjectRef ? boundObjects(api, namespace, name, spec.boundObjectRef) : {};

  const now = api.clock.now();
  const nowSeconds = Math.floor(now / 1000);
  const extended =
    bound.pod !== undefined &&
    expirationSeconds === WARN_ONLY_EXPIRATION_SECONDS &&
    audiences.every((a) => a === API_AUDIENCE);
  const exp = nowSeconds + (extended ? EXTENDED_EXPIRATION_SECONDS : expirationSeconds);
  const saRef: Ref = { resource: "serviceaccounts", namespace, name, uid: sa.metadata.uid };
  // go-jose writes the claims as a map, so keys come out sorted, the nested ones too.
  const kubernetesClaims: Record<string, unknown> = {
    namespace,
    ...(bound.node ? { node: claimRef(bound.node) } : {}),
    ...(bound.pod ? { pod: claimRef(bound.pod) } : {}),
    ...(bound.secret ? { secret: claimRef(bound.secret) } : {}),
    serviceaccount: claimRef(saRef),
    ...(extended ? { warnafter: nowSeconds + expirationSeconds } : {}),
  };
  const jti = api.newUid();
  const user = { ...serviceAccountUser(namespace, name, sa.metadata.uid), extra: boundExtra(jti, bound) };
  const token = tokens.jwt({
    aud: audiences,
    exp,
    iat: nowSeconds,
    iss: API_AUDIENCE,
    jti,
    "kubernetes.io": kubernetesClaims,
    nbf: nowSeconds,
    sub: user.username,
  });
  // A token for other audiences is for other services to review; the API server's authenticator refuses it.
  if (audiences.includes(API_AUDIENCE)) {
    // A node named by a pod-bound token is informational; only a token bound to the node itself depends on it.
    const mustExist = [saRef, bound.pod, bound.secret, bound.pod ? undefined : bound.node];
    tokens.add(token, user, () => stillValid(api, exp, mustExist));
  }

  delete meta.uid;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  return {
    kind: "TokenRequest",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { ...meta, name, namespace, creationTimestamp: api.clock.iso(now) },
    spec: {
      audiences,
      expirationSeconds,
      boundObjectRef: spec.boundObjectRef ? withoutEmpty(spec.boundObjectRef) : null,
    },
    status: { token, expirationTimestamp: api.clock.iso(now + expirationSeconds * 1000) },
  };
}

/**
 * The objects a token bound to `ref` names (a pod also names its node), refused as kube-apiserver refuses
 * them: missing (404), another kind (400), a pod of another ServiceAccount (400), a stale uid (409).
 */
function boundObjects(
  api: ClusterApi,
  namespace: string,
  serviceAccount: string,
  ref: BoundObjectRef,
): { pod?: Ref; secret?: Ref; node?: Ref } {
  const apiVersion = ref.apiVersion ?? "";
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const kind = ref.kind ?? "";
  const name = ref.name ?? "";
  const lookup = (plural: string, ns: string | undefined): { object: KubeObject; ref: Ref } => {
    const object = api.read(coreType(plural), ns, name);
    return { object, ref: { resource: plural, namespace: ns, name, uid: object.metadata.uid } };
  };
  let found: { pod?: Ref; secret?: Ref; node?: Ref };
  let target: Ref;
  if (group === "" && kind === "Pod") {
    const pod = lookup("pods", namespace);
    const spec = (pod.object.spec ?? {}) as { serviceAccountName?: string; nodeName?: string };
    if ((spec.serviceAccountName ?? "default") !== serviceAccount) {
      throw badRequest(
        `cannot bind token for serviceaccount "${serviceAccount}" to pod running with different serviceaccount name.`,
      );
    }
    target = pod.ref;
    found = { pod: target };
    if (spec.nodeName) {
      // A missing node still lends its name to the claims, without a uid.
      const node = api.store.get("nodes", undefined, spec.nodeName);
      found.node = { resource: "nodes", namespace: undefined, name: spec.nodeName, uid: node?.metadata.uid };
    }
  } else if (group === "" && kind === "Secret") {
    target = lookup("secrets", namespace).ref;
    found = { secret: target };
  } else if (group === "" && kind === "Node") {
    target = lookup("nodes", undefined).ref;
    found = { node: target };
  } else {
    throw badRequest(`cannot bind token to object of type ${group}/${version}, Kind=${kind}`);
  }
  if (ref.uid && ref.uid !== target.uid) {
    throw conflict(
      "",
      kind,
      name,
      `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
    );
  }
  return found;
}

/**
 * kube-apiserver's checks of a service-account JWT at each request: not expired (a minute's leeway), and every
 * object it names still there with the same uid and not deleted more than that minute ago.
 */
function stillValid(api: ClusterApi, expSeconds: number, refs: (Ref | undefined)[]): boolean {
  const now = api.clock.now();
  if (now - LEEWAY_MS > expSeconds * 1000) return false;
  return refs.every((ref) => {
    if (!ref) return true;
    const o = api.store.get(ref.resource, ref.namespace, ref.name);
    if (!o || o.metadata.uid !== ref.uid) return false;
    const deleted = o.metadata.deletionTimestamp;
    return deleted === undefined || Date.parse(deleted) >= now - LEEWAY_MS;
  });
}

/**
 * The user's extra as kube-apiserver's token authenticator sets it for a bound token (JTI and pod-node info are on
 * by default in 1.32): the credential id, the pod (name and uid), the node (its uid only when the claims carry it).
 */
function boundExtra(jti: string, bound: { pod?: Ref; node?: Ref }): Record<string, string[]> {
  const extra: Record<string, string[]> = { "authentication.kubernetes.io/credential-id": [`JTI=${jti}`] };
  if (bound.pod?.uid) {
    extra["authentication.kubernetes.io/pod-name"] = [bound.pod.name];
    extra["authentication.kubernetes.io/pod-uid"] = [bound.pod.uid];
  }
  if (bound.node) {
    extra["authentication.kubernetes.io/node-name"] = [bound.node.name];
    if (bound.node.uid) extra["authentication.kubernetes.io/node-uid"] = [bound.node.uid];
  }
  return extra;
}

function claimRef(ref: Ref): { name: string; uid?: string } {
  return ref.uid ? { name: ref.name, uid: ref.uid } : { name: ref.name };
}

/** spec as the request decodes it: fields of the wrong JSON type are refused as Go's decoder refuses them. */
function specOf(value: unknown): {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: BoundObjectRef;
} {
  const spec = (value ?? {}) as Record<string, unknown>;
  const { audiences, expirationSeconds, boundObjectRef } = spec;
  if (audiences != null) {
    if (!Array.isArray(audiences)) throw undecodable(audiences, "audiences", "[]string");
    const wrong = audiences.find((a) => typeof a !== "string");
    if (wrong !== undefined) throw undecodable(wrong, "audiences", "string");
  }
  if (expirationSeconds != null && !Number.isInteger(expirationSeconds)) {
    throw undecodable(expirationSeconds, "expirationSeconds", "int64");
  }
  if (boundObjectRef != null && (typeof boundObjectRef !== "object" || Array.isArray(boundObjectRef))) {
    throw undecodable(boundObjectRef, "boundObjectRef", "v1.BoundObjectReference");
  }
  return {
    ...(audiences != null ? { audiences: audiences as string[] } : {}),
    ...(expirationSeconds != null ? { expirationSeconds: expirationSeconds as number } : {}),
    ...(boundObjectRef != null ? { boundObjectRef: boundObjectRef as BoundObjectRef } : {}),
  };
}

function undecodable(value: unknown, field: string, goType: string): StatusError {
  const what = typeof value === "number" ? `number ${value}` : Array.isArray(value) ? "array" : typeof value;
  return badRequest(
    `TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal ${what === "boolean" ? "bool" : what} into Go struct field TokenRequestSpec.spec.${field} of type ${goType}`,
  );
}

function invalidRequest(name: string, causes: ReturnType<typeof fieldInvalid>[]): StatusError {
  return invalid("TokenRequest.authentication.k8s.io", "authentication.k8s.io", name, causes);
}

/** BoundObjectReference's fields are all omitempty. */
function withoutEmpty(ref: BoundObjectRef): BoundObjectRef {
  const out: BoundObjectRef = {};
  for (const key of ["kind", "apiVersion", "name", "uid"] as const) if (ref[key]) out[key] = ref[key];
  return out;
}
