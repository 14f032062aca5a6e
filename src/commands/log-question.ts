import type { CommandDeps } from "./command.ts";
import type { CommandContext } from "./types.ts";
import type { QuerySource } from "../store/history.ts";
import type { SearchResult } from "../search/types.ts";

/**
 * Logs a question and how well it was answered, for the keepers' report: channel, text, hits, never who
 * asked. A failure to log is the report's loss, not the asker's: it is logged and the answer goes out.
 */
export async function logQuestion(source: QuerySource, result: SearchResult, strongHits: number, ctx: CommandContext, deps: CommandDeps): Promise<void> {
  if (!deps.history || result.query === "") return;
  try {
    await deps.history.logQuery({ platform: ctx.platform, channelId: ctx.channelId, source, query: result.query, hits: result.total, strongHits, at: deps.now() });
  } catch (error) {
    ctx.log.warn({ err: error }, "could not log a question for the report");
  }
}
