/**
 * The network reason under an HTTP client's error, as a short code and message: `ECONNREFUSED`,
 * `ENOTFOUND example.invalid`, `ETIMEDOUT`, a fetch timeout. undici wraps it as `TypeError: fetch failed`
 * with the system error as `cause` (sometimes inside an AggregateError); other clients use `code` directly.
 * `undefined` when the error isn't a network failure.
 */
const NETWORK_CODES = /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/;

export function networkCause(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== "object" || error === null) return undefined;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown; hostname?: unknown };
  if (typeof e.code === "string" && NETWORK_CODES.test(e.code)) {
    return typeof e.hostname === "string" ? `${e.code} ${e.hostname}` : e.code;
  }
  if (e.name === "TimeoutError" || e.name === "AbortError") return "timed out";
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const found = networkCause(inner, depth + 1);
      if (found) return found;
    }
  }
  return networkCause(e.cause, depth + 1);
}
