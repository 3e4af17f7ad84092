/**
 * just-bash reports an execution limit as one stderr line "bash: <what> …" (exit 126) that ends with advice
 * for the embedding program ("increase executionLimits.maxCommandCount"). The agent gets the same line
 * without that advice, and the trajectory gets the line as a "limit" refusal.
 */
const LIMIT_LINE =
  /^bash: .*(limit exceeded|too many commands executed|maximum recursion depth|increase executionLimits)/;
const ADVICE = /,? ?increase executionLimits\.\w+/;

export function rewriteLimitMessages(stderr: string): { stderr: string; limits: string[] } {
  const limits: string[] = [];
  const lines = stderr.split("\n").map((line) => {
    if (!LIMIT_LINE.test(line)) return line;
    const rewritten = `${line.replace(ADVICE, "")}: stopped by the sandbox`;
    limits.push(rewritten.slice("bash: ".length));
    return rewritten;
  });
  return { stderr: lines.join("\n"), limits };
}
