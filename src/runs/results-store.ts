/**
 * The run directory (architecture.md, Results on disk — a contract). Every file is written atomically, and a
 * trial file as soon as its trial ends, so a killed run loses at most the trials that were running; the
 * directory is append-only for trials, which is what lets a resume trust it.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { TrialRecord } from "../trial/types.js";
import { writeFileAtomic } from "./atomic-write.js";
import { InputError } from "./input-error.js";
import type { RunManifest } from "./manifest.js";
import type { RunSummary } from "./summary.js";

export const RUN_FILE = "run.json";
export const SUMMARY_FILE = "summary.json";
export const REPORT_FILE = "report.html";
const TRIALS_DIR = "trials";

export class ResultsStore {
  private constructor(readonly dir: string) {}

  /** A new run directory; refuses one that already holds a run. */
  static async create(dir: string, manifest: RunManifest): Promise<ResultsStore> {
    if (existsSync(path.join(dir, RUN_FILE))) {
      throw new InputError(
        `${dir} already holds a run: resume it with --resume ${dir}, or choose another --out.`,
      );
    }
    await mkdir(path.join(dir, TRIALS_DIR), { recursive: true });
    const store = new ResultsStore(dir);
    await store.writeManifest(manifest);
    return store;
  }

  /**
   * An existing run directory, for a resume or a report. Leftover temporary files of a killed run are removed,
   * unless `readOnly` (a report or viewer of a run that may still be writing them).
   */
  static async open(
    dir: string,
    options: { readOnly?: boolean } = {},
  ): Promise<{ store: ResultsStore; manifest: RunManifest }> {
    const file = path.join(dir, RUN_FILE);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      throw new InputError(
        `${dir} is not a run directory (it has no ${RUN_FILE}): give the directory smith run created.`,
      );
    }
    let manifest: RunManifest;
    try {
      manifest = JSON.parse(text) as RunManifest;
    } catch {
      throw new InputError(`${file} is not valid JSON: restore it, or start a new run.`);
    }
    if (options.readOnly) return { store: new ResultsStore(dir), manifest };
    const trialsDir = path.join(dir, TRIALS_DIR);
    await mkdir(trialsDir, { recursive: true });
    for (const name of await readdir(trialsDir)) {
      if (name.startsWith(".") && name.endsWith(".tmp"))
        await rm(path.join(trialsDir, name), { force: true });
    }
    return { store: new ResultsStore(dir), manifest };
  }

  get trialsDir(): string {
    return path.join(this.dir, TRIALS_DIR);
  }

  trialFile(id: string): string {
    return path.join(this.trialsDir, `${id}.json`);
  }

  async writeManifest(manifest: RunManifest): Promise<void> {
    await writeFileAtomic(path.join(this.dir, RUN_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  /** Records a finished trial. A trial is written once: a second write of the same id is a bug. */
  async writeTrial(record: TrialRecord): Promise<void> {
    const file = this.trialFile(record.spec.id);
    if (existsSync(file)) throw new Error(`Trial ${record.spec.id} is already recorded in ${file}.`);
    await writeFileAtomic(file, `${JSON.stringify(record)}\n`);
  }

  /** Ids of the trials that have a file. */
  async recordedTrialIds(): Promise<Set<string>> {
    const names = await readdir(this.trialsDir);
    return new Set(names.filter((n) => !n.startsWith(".") && n.endsWith(".json")).map((n) => n.slice(0, -5)));
  }

  /** The recorded trials of `ids`, read one at a time so a large run never sits in memory whole. */
  async *records(ids: Iterable<string>): AsyncGenerator<TrialRecord> {
    const recorded = await this.recordedTrialIds();
    for (const id of ids) {
      if (!recorded.has(id)) continue;
      yield JSON.parse(await readFile(this.trialFile(id), "utf8")) as TrialRecord;
    }
  }

  async writeSummary(summary: RunSummary): Promise<void> {
    await writeFileAtomic(path.join(this.dir, SUMMARY_FILE), serialiseSummary(summary));
  }

  async readSummary(): Promise<RunSummary | undefined> {
    const file = path.join(this.dir, SUMMARY_FILE);
    if (!existsSync(file)) return undefined;
    return JSON.parse(await readFile(file, "utf8")) as RunSummary;
  }

  async writeReport(html: string): Promise<void> {
    await writeFileAtomic(path.join(this.dir, REPORT_FILE), html);
  }
}

/** summary.json's bytes: depend on the trials' outcomes and the seed only, never on times or order of finishing. */
export function serialiseSummary(summary: RunSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
