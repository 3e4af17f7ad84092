export { createSandbox, DEFAULT_LIMITS } from "./create-sandbox.js";
export type {
  CommandResult,
  RefusalKind,
  RefusalRecord,
  Sandbox,
  SandboxLimits,
  SandboxOptions,
  ServiceRequest,
  ServiceResponse,
} from "./types.js";
export { ServiceUnreachableError } from "./types.js";
