import { createHash } from "node:crypto";

/** What a stream of random numbers is seeded from: the run's `--seed`, or any label. */
export type Seed = number | string;

/**
 * A seeded, deterministic source of random numbers. The same seed gives the same sequence on every
 * platform and Node version, so a run's seeded choices (uids, name suffixes, the random policy, bootstrap
 * resamples) can be regenerated from its seed alone.
 */
export interface Random {
  /** A uniform number in [0, 1), with 53 random bits. */
  next(): number;
  /** A uniform integer in [0, maxExclusive); maxExclusive is an integer in [1, 2^32]. */
  int(maxExclusive: number): number;
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /**
   * An independent stream derived from this stream's seed and `label` (e.g. one per trial). It depends on
   * the seed and the labels only, never on how many numbers were drawn here first, so per-trial streams stay
   * the same whatever order concurrent or resumed trials run in.
   */
  fork(label: string): Random;
}

const TWO_POW_32 = 2 ** 32;

/**
 * A stream seeded from `seed`. A number seeds as its decimal string, so `1` and `"1"` are the same stream.
 *
 * Generator: sfc32, Chris Doty-Humphrey's "small fast chaotic" generator from PractRand (128-bit state; its
 * counter guarantees a period of at least 2^32; passes PractRand). It is written here rather than taken from
 * a package so that no dependency upgrade can silently change every seeded result of the project;
 * test/common/random.test.ts pins its output.
 *
 * Seeding: the state is the first 16 bytes of SHA-256 over the UTF-8 JSON of the seed path
 * (`["<seed>", "<fork label>", ...]`), read as four little-endian 32-bit words. JSON keeps distinct paths
 * distinct, and SHA-256 makes nearby seeds ("1", "2") unrelated, so no warm-up rounds are needed.
 */
export function createRandom(seed: Seed): Random {
  if (typeof seed === "number" && !Number.isFinite(seed)) {
    throw new RangeError(
      `Random seed ${seed} is not a finite number. Use an integer such as 1, or a string.`,
    );
  }
  return new Sfc32Random([String(seed)]);
}

class Sfc32Random implements Random {
  private a: number;
  private b: number;
  private c: number;
  private counter: number;

  constructor(private readonly path: readonly string[]) {
    const digest = createHash("sha256").update(JSON.stringify(path), "utf8").digest();
    this.a = digest.readUInt32LE(0);
    this.b = digest.readUInt32LE(4);
    this.c = digest.readUInt32LE(8);
    this.counter = digest.readUInt32LE(12);
  }

  next(): number {
    // 27 + 26 bits make a double with a full 53-bit mantissa, uniform on [0, 1).
    const high = this.uint32() >>> 5;
    const low = this.uint32() >>> 6;
    return (high * 2 ** 26 + low) / 2 ** 53;
  }

  int(maxExclusive: number): number {
    if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > TWO_POW_32) {
      throw new RangeError(`Random.int needs an integer bound in [1, 2^32], got ${maxExclusive}.`);
    }
    // Rejecting the top partial block of 2^32 removes the modulo bias.
    const limit = TWO_POW_32 - (TWO_POW_32 % maxExclusive);
    let value = this.uint32();
    while (value >= limit) value = this.uint32();
    return value % maxExclusive;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Random.pick needs a non-empty array.");
    return items[this.int(items.length)] as T;
  }

  fork(label: string): Random {
    return new Sfc32Random([...this.path, label]);
  }

  private uint32(): number {
    const output = (((this.a + this.b) | 0) + this.counter) | 0;
    this.counter = (this.counter + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + output) | 0;
    return output >>> 0;
  }
}
