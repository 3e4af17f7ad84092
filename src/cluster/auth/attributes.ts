import type { UserInfo } from "./user.js";

/**
 * One request as authorization sees it (Kubernetes' authorizer.Attributes).
 * Resource requests fill apiGroup/resource/subresource/namespace/name; non-resource requests
 * (/api, /version, /healthz …) fill path. Empty strings mean "not present", as in Kubernetes.
 */
export interface RequestAttributes {
  user: UserInfo;
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  resourceRequest: boolean;
  path: string;
}
