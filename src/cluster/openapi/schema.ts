/** The subset of OpenAPI schema objects the Kubernetes definitions use, with the Kubernetes extensions. */

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface Schema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema;
  /** `#/definitions/<name>` in v2 documents, `#/components/schemas/<name>` in v3 ones. */
  $ref?: string;
  allOf?: Schema[];
  "x-kubernetes-group-version-kind"?: GroupVersionKind[];
  "x-kubernetes-patch-strategy"?: string;
  "x-kubernetes-patch-merge-key"?: string;
  "x-kubernetes-list-type"?: string;
  "x-kubernetes-list-map-keys"?: string[];
}
