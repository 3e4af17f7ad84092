export { effectiveRules } from "./aggregation.js";
export type { RequestAttributes } from "./attributes.js";
export { authorize, type Decision } from "./authorize.js";
export { defaultClusterRbac } from "./bootstrap-policy.js";
export { forbidden, forbiddenMessage } from "./forbidden.js";
export type {
  AggregationRule,
  ClusterRole,
  ClusterRoleBinding,
  PolicyRule,
  RbacView,
  Role,
  RoleBinding,
  RoleRef,
  Subject,
} from "./rbac-types.js";
export { selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview } from "./reviews.js";
export { API_AUDIENCE, requestToken } from "./token-request.js";
export { TokenRegistry } from "./tokens.js";
export {
  AUTHENTICATED,
  HARNESS_USER,
  impersonationAllowed,
  SYSTEM_MASTERS,
  serviceAccountOf,
  serviceAccountUser,
  UNAUTHENTICATED,
  type UserInfo,
} from "./user.js";
