const REDACTED = "[REDACTED]";

/** Replaces every occurrence of each secret in `text`. Secrets shorter than 6 characters are left alone: they
 * would match ordinary words and they are no real keys. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret.length >= 6) redacted = redacted.split(secret).join(REDACTED);
  }
  return redacted;
}
