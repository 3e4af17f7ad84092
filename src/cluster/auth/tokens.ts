import { SAFE_ALPHABET } from "../safe-alphabet.js";
import { serviceAccountOf, type UserInfo } from "./user.js";

const ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * Bearer tokens of one embedded cluster and the users they stand for.
 * Tokens come from the caller's seeded RNG, so a trial with the same seed hands out the same tokens.
 * Lookup is a plain Map: the comparison is not constant-time, which is fine for an in-process test
 * server on loopback but would leak token prefixes through timing on a server exposed to attackers.
 */
export class TokenRegistry {
  readonly #users = new Map<string, { user: UserInfo; isValid?: () => boolean }>();

  constructor(private readonly random: () => number) {}

  /**
   * Registers a token for a user. `isValid`, when given, is asked at every request: a bound token stops
   * authenticating once it expires or the objects it is bound to are gone, as kube-apiserver checks them.
   */
  add(token: string, user: UserInfo, isValid?: () => boolean): void {
    this.#users.set(token, isValid ? { user, isValid } : { user });
  }

  /**
   * A new token for the user, registered. ServiceAccounts get a JWT-shaped token carrying the claims of
   * a Kubernetes service-account token, so an agent that decodes the token it finds in its pod learns
   * what it would on a real cluster; the signature is random filler that nothing verifies.
   */
  issue(user: UserInfo): string {
    const sa = serviceAccountOf(user.username);
    const token = sa ? this.#serviceAccountJwt(user, sa.namespace, sa.name) : this.#chars(ALPHANUMERIC, 40);
    this.add(token, user);
    return token;
  }

  /**
   * The user an `Authorization` header authenticates as, or undefined when it carries no known bearer
   * token. Parsed like kube-apiserver: trimmed, scheme `Bearer` in any case, the token up to the next space.
   */
  authenticate(authorizationHeader: string | undefined): UserInfo | undefined {
    const parts = (authorizationHeader ?? "").trim().split(" ");
    if (parts.length < 2 || parts[0]?.toLowerCase() !== "bearer") return undefined;
    const token = parts[1] ?? "";
    const entry = token === "" ? undefined : this.#users.get(token);
    return entry && (entry.isValid?.() ?? true) ? entry.user : undefined;
  }

  /** A JWT-shaped token carrying `claims`, not registered; the signature is random filler that nothing verifies. */
  jwt(claims: object): string {
    return this.#signed(this.#chars(BASE64URL, 43), claims);
  }

  #serviceAccountJwt(user: UserInfo, namespace: string, name: string): string {
    const kid = this.#chars(BASE64URL, 43);
    const claims: Record<string, string> = {
      iss: "kubernetes/serviceaccount",
      "kubernetes.io/serviceaccount/namespace": namespace,
      "kubernetes.io/serviceaccount/secret.name": `${name}-token-${this.#chars(SAFE_ALPHABET, 5)}`,
      "kubernetes.io/serviceaccount/service-account.name": name,
    };
    if (user.uid !== undefined) claims["kubernetes.io/serviceaccount/service-account.uid"] = user.uid;
    claims.sub = user.username;
    return this.#signed(kid, claims);
  }

  #signed(kid: string, claims: object): string {
    // 342 characters: the base64url length of a 2048-bit RSA signature.
    return `${encodeSegment({ alg: "RS256", kid })}.${encodeSegment(claims)}.${this.#chars(BASE64URL, 342)}`;
  }

  #chars(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.random() * alphabet.length)];
    return out;
  }
}

function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
