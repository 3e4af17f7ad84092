/** Content negotiation: the Accept and Content-Type forms Kubernetes clients send. */

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

export function parseMediaTypes(header: string | undefined): MediaType[] {
  if (!header) return [];
  return header.split(",").map((part) => {
    const [type = "", ...rest] = part.split(";").map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf("=");
      if (eq > 0) params[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
    }
    return { type: type.toLowerCase(), params };
  });
}

/** The `as=` representation the client asks for first, among those the server offers (Table, discovery …). */
export function requestedAs(
  accept: string | undefined,
  offered: { as: string; g: string; v: string }[],
): string | undefined {
  for (const m of parseMediaTypes(accept)) {
    if (m.type !== "application/json") continue;
    if (!m.params.as) return undefined;
    const hit = offered.find((o) => o.as === m.params.as && o.g === m.params.g && o.v === m.params.v);
    if (hit) return hit.as;
  }
  return undefined;
}
