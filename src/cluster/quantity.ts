/**
 * Kubernetes resource quantities (apimachinery resource.Quantity): parse, add, compare and print in
 * canonical form ("1000m" → "1", "1024Mi" → "1Gi", "0.5" → "500m"), so a value prints as a real server
 * prints it whatever spelling the client sent, and the scheduler and kubelet count as the real ones do.
 */

type Format = "DecimalSI" | "BinarySI" | "DecimalExponent";

export interface Quantity {
  /** The value in units of 10^-9; finer values round up, as Kubernetes rounds them. */
  nanos: bigint;
  format: Format;
}

const DECIMAL_SUFFIX: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIX: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIX).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = new Map(Object.entries(BINARY_SUFFIX).map(([s, p]) => [p, s]));

const NANO = 1_000_000_000n;
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;

export function parseQuantity(text: string): Quantity | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [, sign = "", whole = "", fraction = "", suffix = ""] = m;
  if (whole === "" && fraction === "") return undefined;
  let digits = BigInt(`${whole}${fraction}` || "0");
  let exponent = -fraction.length + 9;
  let format: Format;
  const exp = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (suffix in DECIMAL_SUFFIX) {
    exponent += DECIMAL_SUFFIX[suffix] ?? 0;
    format = "DecimalSI";
  } else if (suffix in BINARY_SUFFIX) {
    digits *= 1024n ** BigInt(BINARY_SUFFIX[suffix] ?? 0);
    format = "BinarySI";
  } else if (exp) {
    exponent += Number(exp[1]);
    format = "DecimalExponent";
  } else {
    return undefined;
  }
  let nanos: bigint;
  if (exponent >= 0) {
    nanos = digits * 10n ** BigInt(exponent);
  } else {
    const divisor = 10n ** BigInt(-exponent);
    nanos = digits / divisor + (digits % divisor === 0n ? 0n : 1n);
  }
  return { nanos: sign === "-" ? -nanos : nanos, format };
}

/** Canonical form, as Quantity.String() prints it. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return "0";
  const negative = q.nanos < 0n;
  const magnitude = negative ? -q.nanos : q.nanos;
  const sign = negative ? "-" : "";
  // BinarySI falls back to decimal below 1024 and for fractions, where a binary suffix would round.
  if (q.format === "BinarySI" && magnitude >= 1024n * NANO && magnitude % NANO === 0n) {
    let units = magnitude / NANO;
    let power = 0;
    while (power < 6 && units % 1024n === 0n) {
      units /= 1024n;
      power++;
    }
    return `${sign}${units}${BINARY_BY_POWER.get(power) ?? ""}`;
  }
  let mantissa = magnitude;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const excess = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(excess);
  exponent -= excess;
  const suffix =
    q.format === "DecimalExponent"
      ? exponent === 0
        ? ""
        : `e${exponent}`
      : DECIMAL_BY_EXPONENT.get(exponent);
  return `${sign}${mantissa}${suffix ?? `e${exponent}`}`;
}

/** Quantity.MilliValue(): the value in thousandths, rounded up (so "1n" of cpu still counts as 1m). */
export function milliValue(value: unknown): number {
  const q = parseQuantity(String(value ?? "0"));
  if (!q) return 0;
  return Number(ceilDiv(q.nanos, 1_000_000n));
}

/** Quantity.Value(): the value in whole units, rounded up. */
export function integerValue(value: unknown): number {
  const q = parseQuantity(String(value ?? "0"));
  if (!q) return 0;
  return Number(ceilDiv(q.nanos, NANO));
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b > 0n ? quotient + 1n : quotient;
}

/** A stored quantity (string or bare number) in canonical form; "<nil>" where Go would print a nil one. */
export function quantityString(value: unknown): string {
  if (value === undefined || value === null) return "<nil>";
  const text = String(value);
  const q = parseQuantity(text);
  return q ? formatQuantity(q) : text;
}

/** The sum, in the format of the first non-zero term, as Quantity.Add keeps it. */
export function sumQuantities(values: readonly unknown[]): string {
  let total: Quantity = { nanos: 0n, format: "DecimalSI" };
  for (const v of values) {
    const q = parseQuantity(String(v));
    if (!q) continue;
    total = { nanos: total.nanos + q.nanos, format: total.nanos === 0n ? q.format : total.format };
  }
  return formatQuantity(total);
}
