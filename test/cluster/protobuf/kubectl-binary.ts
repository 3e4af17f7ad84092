import { readFileSync, realpathSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { gunzipSync, constants as zlib } from "node:zlib";
import protobuf from "protobufjs";

/*
 * Reads what kubectl 1.32 itself knows about Kubernetes' messages, straight from its Go binary:
 * the gzipped FileDescriptorProtos that gogo-protobuf registers (field names, numbers, types) and the
 * Go struct metadata that reflection keeps (field kinds and struct tags, hence pointer-ness and JSON names).
 */

/** The kubectl 1.32 binary: `kubectl` on PATH, or the kubectl.1.32 beside it when that one is a dispatcher. */
export function kubectlBinary(): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "kubectl");
    if (!isFile(candidate)) continue;
    const real = realpathSync(candidate);
    const versioned = join(dirname(real), "kubectl.1.32");
    return isFile(versioned) ? versioned : real;
  }
  throw new Error("kubectl is not on PATH");
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export interface CompiledField {
  name: string;
  number: number;
  repeated: boolean;
  /** FieldDescriptorProto.Type: 3 int64, 5 int32, 8 bool, 9 string, 11 message, 12 bytes. */
  type: number;
  /** Full name without the leading dot, for messages. */
  typeName?: string;
}

export interface CompiledMessage {
  fields: CompiledField[];
  mapEntry: boolean;
}

type Wire = [field: number, value: number | Uint8Array][];

function readWire(bytes: Uint8Array): Wire {
  const reader = protobuf.Reader.create(bytes);
  const out: Wire = [];
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const wireType = tag & 7;
    if (wireType === 0) out.push([tag >>> 3, reader.uint32()]);
    else if (wireType === 2) out.push([tag >>> 3, reader.bytes()]);
    else reader.skipType(wireType);
  }
  return out;
}

const text = (v: number | Uint8Array | undefined) =>
  v instanceof Uint8Array ? Buffer.from(v).toString() : "";
const first = (wire: Wire, field: number) => wire.find(([f]) => f === field)?.[1];

/** gogo-protobuf compresses each descriptor with gzip at best compression: this header, XFL=2, OS=255. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0x02, 0xff]);

/** Every message of every k8s.io generated.proto compiled into the binary, by full name. */
export function compiledMessages(binary: Buffer): Map<string, CompiledMessage> {
  const messages = new Map<string, CompiledMessage>();
  const addMessage = (wire: Wire, scope: string) => {
    const fullName = `${scope}.${text(first(wire, 1))}`;
    const options = first(wire, 7);
    const mapEntry = options instanceof Uint8Array && first(readWire(options), 7) === 1;
    const fields: CompiledField[] = [];
    for (const [f, v] of wire) {
      if (!(v instanceof Uint8Array)) continue;
      if (f === 3) addMessage(readWire(v), fullName);
      if (f !== 2) continue;
      const fd = readWire(v);
      const typeName = text(first(fd, 6)).replace(/^\./, "");
      fields.push({
        name: text(first(fd, 1)),
        number: Number(first(fd, 3)),
        repeated: first(fd, 4) === 3,
        type: Number(first(fd, 5)),
        ...(typeName ? { typeName } : {}),
      });
    }
    messages.set(fullName, { fields, mapEntry });
  };
  for (let at = binary.indexOf(GZIP_HEADER); at >= 0; at = binary.indexOf(GZIP_HEADER, at + 1)) {
    let file: Wire;
    try {
      const data = gunzipSync(binary.subarray(at, at + 1_000_000), { finishFlush: zlib.Z_SYNC_FLUSH });
      file = readWire(data);
    } catch {
      continue;
    }
    if (!text(first(file, 1)).startsWith("k8s.io/")) continue;
    const pkg = text(first(file, 2));
    for (const [f, v] of file) if (f === 4 && v instanceof Uint8Array) addMessage(readWire(v), pkg);
  }
  return messages;
}

export interface GoField {
  name: string;
  tag: string;
  /** reflect.Kind name of the field's type: "ptr", "struct", "slice", "map", "string", "int32", … */
  kind: string;
}

const KINDS: Record<number, string> = {
  1: "bool",
  5: "int32",
  6: "int64",
  21: "map",
  22: "ptr",
  23: "slice",
  24: "string",
  25: "struct",
};

/**
 * Go structs of k8s.io packages with their fields, keyed "k8s.io/api/apps/v1.DeploymentSpec".
 * Walks Go's runtime type data (internal/abi, Go ≥ 1.21 on 64-bit ELF): a struct type is a 48-byte abi.Type,
 * its PkgPath name, its []StructField {Name, Typ, Offset}, and an uncommon type naming its package.
 */
export function goStructs(binary: Buffer): Map<string, GoField[]> {
  const sections = elfSections(binary);
  const rodata = sections.find((s) => s.name === ".rodata");
  if (!rodata) throw new Error("no .rodata section");
  const offsetOf = (addr: number) => {
    const s = sections.find((x) => x.addr !== 0 && addr >= x.addr && addr < x.addr + x.size);
    return s ? addr - s.addr + s.offset : -1;
  };
  const pointer = (off: number) => {
    const high = binary.readUInt32LE(off + 4);
    return high > 0xffff ? -1 : high * 2 ** 32 + binary.readUInt32LE(off);
  };
  const varint = (off: number): [number, number] => {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = binary[off++] ?? 0;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80 && shift < 28);
    return [value, off];
  };
  /** An abi.Name: a flags byte, the varint-prefixed name, then (flag 2) the varint-prefixed tag. */
  const nameAt = (off: number): { name: string; tag: string } | undefined => {
    if (off < 0 || off >= binary.length) return undefined;
    const flags = binary[off] ?? 0;
    const [length, start] = varint(off + 1);
    if (length <= 0 || length > 400) return undefined;
    const name = binary.toString("latin1", start, start + length);
    if (!(flags & 2)) return { name, tag: "" };
    const [tagLength, tagStart] = varint(start + length);
    return { name, tag: binary.toString("latin1", tagStart, tagStart + tagLength) };
  };
  const typeName = (typeOff: number) => nameAt(rodata.offset + binary.readInt32LE(typeOff + 40))?.name;

  const structs = new Map<string, GoField[]>();
  // Look for each struct type's Fields slice header {ptr, len, cap} with len == cap.
  for (let q = 56; q + 24 <= binary.length; q += 8) {
    const length = binary.readUInt32LE(q + 8);
    if (length < 1 || length > 200 || binary.readUInt32LE(q + 12) !== 0) continue;
    if (binary.readUInt32LE(q + 16) !== length || binary.readUInt32LE(q + 20) !== 0) continue;
    const type = q - 56;
    const tflag = binary[type + 20] ?? 0;
    if (((binary[type + 23] ?? 0) & 0x1f) !== 25 || !(tflag & 1)) continue; // a struct with an uncommon type
    const fieldsAt = offsetOf(pointer(q));
    if (fieldsAt < 0) continue;
    const pkg = nameAt(rodata.offset + binary.readInt32LE(type + 80))?.name;
    const name = typeName(type);
    if (!pkg?.startsWith("k8s.io/") || !name) continue;
    const fields: GoField[] = [];
    for (let i = 0; i < length; i++) {
      const field = nameAt(offsetOf(pointer(fieldsAt + 24 * i)));
      const fieldType = offsetOf(pointer(fieldsAt + 24 * i + 8));
      if (!field || fieldType < 0) break;
      const kind = (binary[fieldType + 23] ?? 0) & 0x1f;
      fields.push({ ...field, kind: KINDS[kind] ?? `kind${kind}` });
    }
    // tflag 2 (extra star): the stored name is "*v1.DeploymentSpec".
    const shortName = (tflag & 2 ? name.slice(1) : name).replace(/^[^.]*\./, "");
    if (fields.length === length) structs.set(`${pkg}.${shortName}`, fields);
  }
  return structs;
}

interface Section {
  name: string;
  addr: number;
  offset: number;
  size: number;
}

function elfSections(binary: Buffer): Section[] {
  if (binary.readUInt32BE(0) !== 0x7f454c46 || binary[4] !== 2) throw new Error("not a 64-bit ELF binary");
  const shoff = Number(binary.readBigUInt64LE(0x28));
  const entsize = binary.readUInt16LE(0x3a);
  const count = binary.readUInt16LE(0x3c);
  const raw = Array.from({ length: count }, (_, i) => {
    const at = shoff + i * entsize;
    return {
      nameOffset: binary.readUInt32LE(at),
      addr: Number(binary.readBigUInt64LE(at + 16)),
      offset: Number(binary.readBigUInt64LE(at + 24)),
      size: Number(binary.readBigUInt64LE(at + 32)),
    };
  });
  const names = raw[binary.readUInt16LE(0x3e)];
  if (!names) throw new Error("no section name table");
  return raw.map((s) => {
    const start = names.offset + s.nameOffset;
    return {
      name: binary.toString("latin1", start, binary.indexOf(0, start)),
      addr: s.addr,
      offset: s.offset,
      size: s.size,
    };
  });
}

export function readKubectl(): Buffer {
  return readFileSync(kubectlBinary());
}
