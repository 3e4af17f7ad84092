/** Keeps the first `maxBytes` bytes of `text` (UTF-8) and says, on a line of its own, how much was dropped. */
export function truncateOutput(text: string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return { text, truncated: false };
  let end = maxBytes;
  // Step back over continuation bytes so a multi-byte character is never cut in half.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  const kept = bytes.subarray(0, end).toString("utf8");
  const separator = kept.endsWith("\n") || kept === "" ? "" : "\n";
  return {
    text: `${kept}${separator}[output truncated: ${bytes.length - end} bytes omitted]\n`,
    truncated: true,
  };
}
