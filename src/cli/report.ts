/**
 * `report [--since 7d] [--json] [--channel PLATFORM:ID] [--db FILE] [--corpus DIR]`: the keepers' report
 * from the bot's database (every channel unless `--channel`): questions asked most, the library's gaps,
 * quotes with the most 👍 and 👎, daily-lesson delivery per channel. Readable text in the bot's default
 * language, or `--json`. The database is opened, never created: no database means the bot has not run.
 */
import { existsSync } from "node:fs";
import type { Platform } from "../commands/types.ts";
import type { ChannelKey } from "../store/types.ts";
import type { SearchEngine } from "../search/types.ts";
import { openSqliteStore } from "../store/sqlite-store.ts";
import { buildReport, DEFAULT_PERIOD, describePeriod, MAX_PERIOD_DAYS, parsePeriod, reportParagraphs, type Period } from "../commands/usage-report.ts";
import { defaultCorpusDir, openCliEngine, usageError } from "./common.ts";
import { commandUsage } from "./usage.ts";
import { DEFAULT_DATABASE_PATH, DEFAULT_LOCALE, localeOf } from "../config/config.ts";
import { translator } from "../i18n/index.ts";
import { libraryMessages } from "../i18n/library.ts";

const t = translator(libraryMessages);

const USAGE = commandUsage("report");
const PLATFORMS: readonly Platform[] = ["slack", "discord", "console"];

interface Args {
  period: Period;
  json: boolean;
  channel?: ChannelKey;
  db: string;
  corpus: string;
}

export function parseArgs(args: string[], env: NodeJS.ProcessEnv = process.env): Args | string {
  const parsed: Args = {
    period: DEFAULT_PERIOD,
    json: false,
    db: env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH,
    corpus: defaultCorpusDir(),
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = args[i + 1];
    if (arg === "--json") {
      parsed.json = true;
      continue;
    }
    if (!["--since", "--channel", "--db", "--corpus"].includes(arg)) return `unknown argument ${arg}`;
    if (value === undefined) return `${arg} needs a value`;
    i++;
    if (arg === "--since") {
      const period = parsePeriod(value);
      if (!period) return `--since ${value}: give a period such as 24h, 7d or 4w (at most ${MAX_PERIOD_DAYS} days)`;
      parsed.period = period;
    } else if (arg === "--channel") {
      const [platform = "", ...id] = value.split(":");
      if (!(PLATFORMS as readonly string[]).includes(platform) || id.join(":") === "") {
        return `--channel ${value}: give PLATFORM:ID, e.g. slack:C0123ABCD or discord:123456789012345678`;
      }
      parsed.channel = { platform: platform as Platform, channelId: id.join(":") };
    } else if (arg === "--db") parsed.db = value;
    else parsed.corpus = value;
  }
  return parsed;
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") return usageError(parsed, USAGE);
  if (parsed.db !== ":memory:" && !existsSync(parsed.db)) {
    process.stderr.write(`no database at ${parsed.db}: the bot has not run here yet, or set DATABASE_PATH / --db to its file\n`);
    return 1;
  }
  // Quotes are shown as the library has them now; without the library the report still has everything else.
  let engine: SearchEngine | undefined;
  try {
    engine = await openCliEngine(parsed.corpus);
  } catch (error) {
    process.stderr.write(`cannot read the library at ${parsed.corpus} (${(error as Error).message}); quotes are shown by passage id\n`);
  }
  const store = openSqliteStore(parsed.db);
  try {
    const report = await buildReport(store, engine, {
      period: parsed.period,
      now: new Date(),
      ...(parsed.channel ? { channel: parsed.channel } : {}),
    });
    if (parsed.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    // The bot's own reading of DEFAULT_LOCALE (unset is zh, zh-CN is zh).
    const locale = localeOf(process.env.DEFAULT_LOCALE ?? "") ?? DEFAULT_LOCALE;
    const scope = parsed.channel ? `${parsed.channel.platform}:${parsed.channel.channelId}` : t(locale, "report.all");
    const title = t(locale, "report.title", { period: describePeriod(parsed.period, locale), since: report.since.slice(0, 10), scope });
    process.stdout.write(`${title}\n\n${reportParagraphs(report, locale).join("\n\n")}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
