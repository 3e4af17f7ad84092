import type { Container } from "kubernetes-types/core/v1.js";
import type { KubeObject } from "../../types.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { column, wide } from "../printer.js";

export const NAME = column("Name", "string", D.name, { format: "name" });
export const AGE = column("Age", "string", D.creationTimestamp);
export const CONTAINERS = wide("Containers", "string", D.containers);
export const IMAGES = wide("Images", "string", D.images);

/** Printers read kind-specific fields through the kubernetes-types shape of the kind. */
export function as<T>(object: KubeObject): T {
  return object as unknown as T;
}

/** The CONTAINERS and IMAGES cells: every container of a template, comma-separated. */
export function containerCells(containers: readonly Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(","), list.map((c) => c.image ?? "").join(",")];
}

export function countKeys(map: object | undefined): number {
  return Object.keys(map ?? {}).length;
}
