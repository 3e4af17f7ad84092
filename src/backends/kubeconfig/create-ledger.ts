/**
 * The objects the agent created through the proxy (teardown deletes them) and the ceiling on their number.
 * A create takes its place under the ceiling before it goes upstream, so concurrent creates cannot overshoot
 * it, and gives the place back when it fails.
 */

export interface CreatedObject {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** "deployments.apps", "configmaps", … as in audit entries. */
  resource: string;
}

export class CreateLedger {
  private readonly objects: CreatedObject[] = [];
  private reserved = 0;
  private refused = 0;

  constructor(readonly limit: number) {}

  /** Takes a place for one create; false, and counted as a refusal, when the ceiling leaves none. */
  reserve(): boolean {
    if (this.objects.length + this.reserved >= this.limit) {
      this.refused++;
      return false;
    }
    this.reserved++;
    return true;
  }

  /** Ends a reservation; `add` the object first if the create succeeded. */
  release(): void {
    this.reserved--;
  }

  add(object: CreatedObject): void {
    this.objects.push(object);
  }

  created(): readonly CreatedObject[] {
    return this.objects;
  }

  refusedCreates(): number {
    return this.refused;
  }
}

/** The created object as the API server's response names it (generateName is resolved only there). */
export function createdObjectOf(body: Buffer, resource: string): CreatedObject | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
  const o = parsed as {
    apiVersion?: unknown;
    kind?: unknown;
    metadata?: { name?: unknown; namespace?: unknown };
  };
  const name = o.metadata?.name;
  if (typeof o.apiVersion !== "string" || typeof o.kind !== "string" || typeof name !== "string" || !name) {
    return undefined;
  }
  const namespace = o.metadata?.namespace;
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    ...(typeof namespace === "string" && namespace ? { namespace } : {}),
    name,
    resource,
  };
}
