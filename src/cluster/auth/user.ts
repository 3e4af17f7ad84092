/** Who a request comes from, as the authenticator hands it to authorization (Kubernetes' user.Info). */
export interface UserInfo {
  username: string;
  groups: string[];
  uid?: string;
  /** What the authenticator adds, such as the pod a bound service-account token was issued for. */
  extra?: Record<string, string[]>;
}

/** Members of this group pass every authorization check, before RBAC is consulted (as in kube-apiserver). */
export const SYSTEM_MASTERS = "system:masters";
export const AUTHENTICATED = "system:authenticated";
export const UNAUTHENTICATED = "system:unauthenticated";

const SA_PREFIX = "system:serviceaccount:";

/** The identity Smith itself uses to set up and drive trials: full access, and the only one allowed to impersonate. */
export const HARNESS_USER: Readonly<UserInfo> = Object.freeze({
  username: "smith:harness",
  groups: Object.freeze([SYSTEM_MASTERS, AUTHENTICATED]) as string[],
});

/** The user a ServiceAccount's token authenticates as, with the groups kube-apiserver gives it. */
export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  const user: UserInfo = {
    username: `${SA_PREFIX}${namespace}:${name}`,
    groups: ["system:serviceaccounts", `system:serviceaccounts:${namespace}`, AUTHENTICATED],
  };
  if (uid !== undefined) user.uid = uid;
  return user;
}

/** The namespace and name behind a ServiceAccount username, or undefined for any other user. */
export function serviceAccountOf(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SA_PREFIX)) return undefined;
  const parts = username.slice(SA_PREFIX.length).split(":");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** Impersonation headers are honoured for the harness alone, so an agent can never borrow another identity. */
export function impersonationAllowed(user: UserInfo): boolean {
  return user.username === HARNESS_USER.username;
}
