export { humanDuration } from "./human-duration.js";
export { toTable } from "./to-table.js";
export type {
  Cell,
  IncludeObject,
  ListMeta,
  PartialObjectMetadata,
  Table,
  TableColumnDefinition,
  TableRow,
  TableRowCondition,
  ToTableOptions,
} from "./types.js";
