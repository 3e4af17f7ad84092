/**
 * A problem with what the user asked for (config, flags, a run directory to resume), found before any trial runs.
 * Its message is one sentence that names the problem and the fix; the CLI prints it and exits 2.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
