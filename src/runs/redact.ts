/**
 * The settings as run.json records them. API keys never enter the config (it names their environment
 * variables), but a base URL can carry credentials (`https://user:pass@host`, `?api-key=…`): those are
 * replaced, so a run directory can be shared.
 */
import type { RunSettings } from "./config.js";

const SECRET_PARAMETER = /key|token|secret|password|auth|sig/i;
export const REDACTED = "REDACTED";

export function redactSettings(settings: RunSettings): RunSettings {
  const providers = Object.fromEntries(
    Object.entries(settings.providers).map(([name, entry]) => [
      name,
      entry.baseURL === undefined ? entry : { ...entry, baseURL: redactUrl(entry.baseURL) },
    ]),
  );
  return { ...settings, providers };
}

export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (
    url.username === "" &&
    url.password === "" &&
    ![...url.searchParams.keys()].some((k) => SECRET_PARAMETER.test(k))
  ) {
    return text;
  }
  if (url.username !== "") url.username = REDACTED;
  if (url.password !== "") url.password = REDACTED;
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_PARAMETER.test(key)) url.searchParams.set(key, REDACTED);
  }
  return url.toString();
}
