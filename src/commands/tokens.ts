/**
 * Button tokens: what a pressed button means, packed into ≤ 100 characters (Discord's custom_id limit).
 * Queries are referenced by the store's short id, never embedded, so any query length fits.
 */
export type ActionToken =
  | { kind: "more"; queryId: string; page: number }
  /** A page of `/lesson sources`; `queryId` is the remembered filter, "" for the whole library. */
  | { kind: "sources"; queryId: string; page: number }
  | { kind: "share" | "helpful" | "not_helpful"; passageId: string; queryId: string };

const CODES = { more: "m", sources: "p", share: "s", helpful: "h", not_helpful: "n" } as const;
const KINDS: Record<string, ActionToken["kind"]> = { m: "more", p: "sources", s: "share", h: "helpful", n: "not_helpful" };
const SEP = "|";
/** Pages a button may ask for: far more than any library has, few enough to refuse garbage. */
const MAX_PAGE = 100_000;

export function encodeToken(token: ActionToken): string {
  const code = CODES[token.kind];
  return token.kind === "more" || token.kind === "sources"
    ? [code, token.queryId, String(token.page)].join(SEP)
    : [code, token.passageId, token.queryId].join(SEP);
}

/** Parses a token from a button; `undefined` for anything malformed (a forged or stale button). */
export function decodeToken(raw: string): ActionToken | undefined {
  if (raw.length > 100) return undefined;
  const [code = "", a = "", b = ""] = raw.split(SEP);
  const kind = KINDS[code];
  if (!kind) return undefined;
  if (kind === "sources") {
    const page = Number(b);
    return b !== "" && Number.isInteger(page) && page >= 0 && page < MAX_PAGE ? { kind, queryId: a, page } : undefined;
  }
  if (!a) return undefined;
  if (kind === "more") {
    const page = Number(b);
    return Number.isInteger(page) && page >= 0 && page < 1000 ? { kind, queryId: a, page } : undefined;
  }
  return { kind, passageId: a, queryId: b };
}
