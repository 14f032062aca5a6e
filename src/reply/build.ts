import type { Reply, ReplyKind, Visibility } from "./types.ts";

/** A Reply with empty lists filled in, so commands only say what is particular to them. */
export function reply(kind: ReplyKind, visibility: Visibility, fields: Partial<Omit<Reply, "kind" | "visibility">> = {}): Reply {
  return { kind, visibility, body: [], quotes: [], suggestions: [], actions: [], ...fields };
}

/** A one-paragraph notice only the asker sees. */
export function notice(text: string, kind: ReplyKind = "notice"): Reply {
  return reply(kind, "ephemeral", { body: [text] });
}
