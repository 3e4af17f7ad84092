/**
 * just-bash reports an execution limit as one stderr line, "bash: <what> …" or "<command>: <what> …", that
 * may end with advice for the embedding program ("increase executionLimits.maxCommandCount"). The agent gets
 * the same line without that advice, and the trajectory gets it as a "limit" refusal. kubectl's own errors
 * ("error: …", "Error from server …") are never limits of the shell.
 */
const LIMIT_LINE =
  /^(?!error:)[a-z0-9_-]+: .*(limit exceeded|too many iterations|too many commands executed|maximum recursion depth|increase executionLimits)/;
const ADVICE = /,? ?increase executionLimits\.\w+/;

export function rewriteLimitMessages(stderr: string): { stderr: string; limits: string[] } {
  const limits: string[] = [];
  const lines = stderr.split("\n").map((line) => {
    if (!LIMIT_LINE.test(line)) return line;
    const rewritten = `${line.replace(ADVICE, "")}: stopped by the sandbox`;
    limits.push(rewritten.startsWith("bash: ") ? rewritten.slice("bash: ".length) : rewritten);
    return rewritten;
  });
  return { stderr: lines.join("\n"), limits };
}
