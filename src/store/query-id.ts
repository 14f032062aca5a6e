import { createHash } from "node:crypto";

/** Shortest id first: 10 base64url characters (60 bits) of the text's sha256. */
const FIRST_LENGTH = 10;

/**
 * Candidate ids for a remembered query, shortest first. The same text always yields the same ids,
 * so a button made yesterday still resolves; a longer one is only used after a collision.
 */
export function* queryIds(text: string): Generator<string> {
  const digest = createHash("sha256").update(text, "utf8").digest("base64url");
  for (let length = FIRST_LENGTH; length <= digest.length; length += 2) yield digest.slice(0, length);
}
