/**
 * Blanking secrets out of text before it is logged: library messages and error texts can carry tokens
 * (request headers, callback URLs). Each adapter adds the token shapes of its platform.
 */
export type Scrub = (text: string) => string;

export const REDACTED = "[redacted]";

/** A rule for secrets found by shape: the pattern (global) and what replaces a match. */
export type SecretShape = readonly [pattern: RegExp, replacement: string];

/** Blanks every occurrence of the known `secrets` (too short ones are ignored), then every `shapes` match. */
export function secretScrubber(secrets: readonly (string | undefined)[], shapes: readonly SecretShape[] = []): Scrub {
  const known = secrets.filter((s): s is string => typeof s === "string" && s.length >= 6);
  return (text) => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of shapes) out = out.replace(pattern, replacement);
    return out;
  };
}
