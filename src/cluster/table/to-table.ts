import type { KubeObject, ResourceType } from "../types.js";
import { printerFor } from "./registry.js";
import type {
  IncludeObject,
  ListMeta,
  PartialObjectMetadata,
  Table,
  TableRow,
  ToTableOptions,
} from "./types.js";

function embedded(object: KubeObject, include: IncludeObject): TableRow["object"] {
  switch (include) {
    case "None":
      return null;
    case "Object":
      return object;
    case "Metadata":
      return {
        kind: "PartialObjectMetadata",
        apiVersion: "meta.k8s.io/v1",
        metadata: object.metadata,
      } satisfies PartialObjectMetadata;
  }
}

function tableMeta(objects: readonly KubeObject[], listMeta: ListMeta | undefined): ListMeta {
  const source: ListMeta = listMeta ?? { resourceVersion: objects[0]?.metadata.resourceVersion };
  const meta: ListMeta = {};
  if (source.resourceVersion) meta.resourceVersion = source.resourceVersion;
  if (source.continue) meta.continue = source.continue;
  if (source.remainingItemCount !== undefined) meta.remainingItemCount = source.remainingItemCount;
  return meta;
}

/**
 * The meta.k8s.io/v1 Table a Kubernetes 1.32 API server answers `kubectl get` with: the kind's
 * columns (wide ones included, at priority 1) and one row per object, carrying the object, its
 * metadata or nothing as `includeObject` asks. Objects are expected in the version being served.
 */
export function toTable(
  resourceType: ResourceType,
  objects: readonly KubeObject[],
  opts: ToTableOptions,
): Table {
  const printer = printerFor(resourceType);
  const rows = objects.map((object): TableRow => {
    const { cells, conditions } = printer.print(object, opts.now);
    return { cells, ...(conditions ? { conditions } : {}), object: embedded(object, opts.includeObject) };
  });
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: tableMeta(objects, opts.listMeta),
    columnDefinitions: printer.columns.map((c) => ({ ...c })),
    rows,
  };
}
