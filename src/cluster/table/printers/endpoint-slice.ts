import type { Endpoint, EndpointPort, EndpointSlice } from "kubernetes-types/discovery/v1.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { since } from "../human-duration.js";
import { column, type Printer } from "../printer.js";
import { AGE, as, NAME } from "./common.js";

const SHOWN = 3;

/** "a,b,c + 2 more...", or "<unset>" for an empty list, as the server's listWithMoreString prints. */
function listWithMore(items: readonly string[]): string {
  const shown = items.slice(0, SHOWN).join(",");
  if (items.length > SHOWN) return `${shown} + ${items.length - SHOWN} more...`;
  return shown === "" ? "<unset>" : shown;
}

/** A port without a number means every port: it prints by name, or as "*". */
function portCell(port: EndpointPort): string {
  if (port.port !== undefined && port.port !== null) return String(port.port);
  return port.name ?? "*";
}

/** Every address of every endpoint, ready or not: the slice printer does not look at conditions. */
function endpointCells(endpoints: readonly Endpoint[]): string[] {
  return endpoints.flatMap((e) => e.addresses ?? []);
}

export const endpointSlicePrinter: Printer = {
  columns: [
    NAME,
    column("AddressType", "string", D.endpointSliceAddressType),
    column("Ports", "string", D.endpointSlicePorts),
    column("Endpoints", "string", D.endpointSliceEndpoints),
    AGE,
  ],
  print(object, now) {
    const slice = as<EndpointSlice>(object);
    return {
      cells: [
        slice.metadata?.name ?? "",
        slice.addressType ?? "",
        listWithMore((slice.ports ?? []).map(portCell)),
        listWithMore(endpointCells(slice.endpoints ?? [])),
        since(slice.metadata?.creationTimestamp, now),
      ],
    };
  },
};
