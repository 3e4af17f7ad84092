import { badRequest, fieldInvalid, invalid } from "../errors.js";
import type { KubeObject } from "../types.js";
import type { RequestAttributes } from "./attributes.js";
import { authorize } from "./authorize.js";
import type { RbacView } from "./rbac-types.js";
import { aggregateErrors, applicableRules } from "./rule-resolver.js";
import type { UserInfo } from "./user.js";

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

interface AccessReviewSpec {
  resourceAttributes?: ResourceAttributes | null;
  nonResourceAttributes?: NonResourceAttributes | null;
}

/**
 * Answers a SelfSubjectAccessReview (`kubectl auth can-i VERB RESOURCE`) for the requesting user:
 * the review comes back with `status: {allowed, reason?}`. RBAC never denies outright, so `denied`
 * stays absent, as on a real cluster.
 */
export function selfSubjectAccessReview(review: KubeObject, user: UserInfo, rbac: RbacView): KubeObject {
  const spec = (review.spec ?? {}) as AccessReviewSpec;
  const resource = spec.resourceAttributes ?? undefined;
  const nonResource = spec.nonResourceAttributes ?? undefined;
  if (resource && nonResource) {
    throw invalidReview(
      fieldInvalid(
        "spec.nonResourceAttributes",
        nonResource,
        "cannot be specified in combination with resourceAttributes",
      ),
    );
  }
  if (!resource && !nonResource) {
    throw invalidReview(
      fieldInvalid(
        "spec.resourceAttributes",
        "null",
        "exactly one of nonResourceAttributes or resourceAttributes must be specified",
      ),
    );
  }
  const decision = authorize(reviewAttributes(user, resource, nonResource), rbac);
  const status: { allowed: boolean; reason?: string } = { allowed: decision.allowed };
  if (decision.reason !== "") status.reason = decision.reason;
  return { ...review, metadata: { ...review.metadata }, status };
}

/**
 * Answers a SelfSubjectRulesReview (`kubectl auth can-i --list`): every rule that applies to the user in
 * `spec.namespace`, split into resource and non-resource rules as the RBAC authorizer reports them.
 */
export function selfSubjectRulesReview(review: KubeObject, user: UserInfo, rbac: RbacView): KubeObject {
  const namespace = (review.spec as { namespace?: string } | undefined)?.namespace ?? "";
  if (namespace === "") throw badRequest("no namespace on request");
  const resourceRules: Record<string, string[]>[] = [];
  const nonResourceRules: Record<string, string[]>[] = [];
  const errors: string[] = [];
  for (const item of applicableRules(user, namespace, rbac)) {
    if ("error" in item) {
      errors.push(item.error);
      continue;
    }
    const { verbs, apiGroups, resources, resourceNames, nonResourceURLs } = item.rule;
    if (resources && resources.length > 0) {
      resourceRules.push({ verbs, ...withoutEmpty({ apiGroups, resources, resourceNames }) });
    }
    if (nonResourceURLs && nonResourceURLs.length > 0) {
      nonResourceRules.push({ verbs, nonResourceURLs });
    }
  }
  const status: Record<string, unknown> = { resourceRules, nonResourceRules, incomplete: false };
  if (errors.length > 0) status.evaluationError = aggregateErrors(errors);
  return { ...review, metadata: { ...review.metadata }, status };
}

/**
 * Answers a SelfSubjectReview (`kubectl auth whoami`): the requesting user as authentication saw it, stamped with
 * the time of the request. Every UserInfo field is omitempty, so an absent uid or extra is left out.
 */
export function selfSubjectReview(user: UserInfo, now: string): KubeObject {
  const userInfo: Record<string, unknown> = {};
  if (user.username !== "") userInfo.username = user.username;
  if (user.uid) userInfo.uid = user.uid;
  if (user.groups.length > 0) userInfo.groups = [...user.groups];
  // Go writes map keys sorted.
  const extra = Object.entries(user.extra ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (extra.length > 0) userInfo.extra = Object.fromEntries(extra.map(([k, v]) => [k, [...v]]));
  return {
    kind: "SelfSubjectReview",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { creationTimestamp: now },
    status: { userInfo },
  };
}

function reviewAttributes(
  user: UserInfo,
  resource: ResourceAttributes | undefined,
  nonResource: NonResourceAttributes | undefined,
): RequestAttributes {
  const base = { user, apiGroup: "", resource: "", subresource: "", namespace: "", name: "", path: "" };
  if (resource) {
    return {
      ...base,
      verb: resource.verb ?? "",
      apiGroup: resource.group ?? "",
      resource: resource.resource ?? "",
      subresource: resource.subresource ?? "",
      namespace: resource.namespace ?? "",
      name: resource.name ?? "",
      resourceRequest: true,
    };
  }
  return { ...base, verb: nonResource?.verb ?? "", path: nonResource?.path ?? "", resourceRequest: false };
}

function invalidReview(cause: ReturnType<typeof fieldInvalid>): Error {
  return invalid("SelfSubjectAccessReview.authorization.k8s.io", "authorization.k8s.io", "", [cause]);
}

/** The API type marks these lists omitempty (verbs is not): an absent or empty list is left out. */
function withoutEmpty(fields: Record<string, string[] | undefined>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(fields)) if (value && value.length > 0) out[key] = value;
  return out;
}
