/**
 * Progress of `smith run`, on stderr (stdout carries the leaderboard). On a terminal: a line per running trial
 * and an overall bar with an ETA, redrawn in place, with each finished trial logged above them. Elsewhere (CI,
 * a pipe, a log file): one plain line per finished trial.
 */
import type { RunObserver } from "../runs/index.js";
import type { TrialRecord, TrialSpec } from "../trial/types.js";

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress extends RunObserver {
  /** Clears the live block (before the run's final output). */
  stop(): void;
}

export function trialLabel(spec: TrialSpec): string {
  return `${spec.agent} × ${spec.scenario} #${spec.index}`;
}

/** `completed (finished, 6 steps, R_peak 4)` or `errored (cause)`. */
export function trialOutcomeText(record: TrialRecord): string {
  if (record.status === "errored") return `errored (${record.error ?? record.endReason})`;
  const steps = record.steps.length;
  return `completed (${record.endReason}, ${steps} step${steps === 1 ? "" : "s"}, R_peak ${record.accounting.rPeak})`;
}

export function createProgress(stream: ProgressStream, now: () => number = Date.now): Progress {
  return stream.isTTY ? new LiveProgress(stream, now) : new PlainProgress(stream);
}

class PlainProgress implements Progress {
  protected total = 0;
  protected done = 0;

  constructor(protected readonly stream: ProgressStream) {}

  runStarted(total: number, recorded: number): void {
    this.total = total;
    this.done = recorded;
    if (recorded > 0) this.stream.write(`Resuming: ${recorded} of ${total} trials already recorded.\n`);
  }

  trialRecorded(record: TrialRecord): void {
    this.done++;
    this.stream.write(`${this.finishedLine(record)}\n`);
  }

  trialDiscarded(spec: TrialSpec): void {
    this.stream.write(`${trialLabel(spec)}: interrupted, not recorded\n`);
  }

  stop(): void {}

  protected finishedLine(record: TrialRecord): string {
    return `[${this.done}/${this.total}] ${trialLabel(record.spec)}: ${trialOutcomeText(record)}`;
  }
}

const BAR_WIDTH = 30;

class LiveProgress extends PlainProgress {
  private readonly running = new Map<string, { spec: TrialSpec; since: number }>();
  private drawnLines = 0;
  private startedAt = 0;
  private doneAtStart = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    stream: ProgressStream,
    private readonly now: () => number,
  ) {
    super(stream);
  }

  override runStarted(total: number, recorded: number): void {
    super.runStarted(total, recorded);
    this.startedAt = this.now();
    this.doneAtStart = recorded;
    this.redraw("");
    // Keeps the running times and the ETA moving while no trial ends.
    this.timer = setInterval(() => this.redraw(""), 1000);
    this.timer.unref();
  }

  trialStarted(spec: TrialSpec): void {
    this.running.set(spec.id, { spec, since: this.now() });
    this.redraw("");
  }

  override trialRecorded(record: TrialRecord): void {
    this.done++;
    this.running.delete(record.spec.id);
    this.redraw(`${this.finishedLine(record)}\n`);
  }

  override trialDiscarded(spec: TrialSpec): void {
    this.running.delete(spec.id);
    this.redraw(`${trialLabel(spec)}: interrupted, not recorded\n`);
  }

  override stop(): void {
    clearInterval(this.timer);
    this.stream.write(this.clear());
    this.drawnLines = 0;
  }

  /** Replaces the live block with `log` (finished lines, kept) and a fresh block. */
  private redraw(log: string): void {
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    const clip = (line: string) =>
      [...line].length > width ? `${[...line].slice(0, width - 1).join("")}…` : line;
    const lines = [...this.running.values()].map(
      ({ spec, since }) => `  ${clip(`${trialLabel(spec)}  ${clock(this.now() - since)}`)}`,
    );
    lines.push(clip(this.bar()));
    this.stream.write(`${this.clear()}${log}${lines.join("\n")}\n`);
    this.drawnLines = lines.length;
  }

  private clear(): string {
    return this.drawnLines > 0 ? `\x1b[${this.drawnLines}F\x1b[J` : "";
  }

  private bar(): string {
    const share = this.total === 0 ? 1 : this.done / this.total;
    const filled = Math.round(share * BAR_WIDTH);
    const finishedHere = this.done - this.doneAtStart;
    const elapsed = this.now() - this.startedAt;
    const eta = finishedHere === 0 ? "—" : clock((elapsed / finishedHere) * (this.total - this.done));
    return `[${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}] ${this.done}/${this.total}  elapsed ${clock(elapsed)}  ETA ${eta}`;
  }
}

/** m:ss, or h:mm:ss past an hour. */
function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
