/** An agent cannot be built from its spec and config. Raised before any trial runs: the CLI prints the message
 * (one sentence, no secret in it) and exits 2. */
export class AgentConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AgentConfigError";
  }
}

export class MissingApiKeyError extends AgentConfigError {
  constructor(readonly variable: string) {
    super(`The environment variable ${variable} is not set: export it, or choose another agent.`);
    this.name = "MissingApiKeyError";
  }
}
