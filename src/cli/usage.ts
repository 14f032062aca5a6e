/**
 * Every CLI command's synopsis and flags, for the top-level usage (`--help`, no arguments) without loading
 * any command; each command prints its own usage (`<command> --help`, a usage error) from here too.
 */
export interface CommandUsage {
  /** Synopsis after `npm run -s cli -- `. */
  synopsis: string;
  summary: string;
  /** One line per flag: `--json   what it does`. */
  flags: readonly string[];
}

const CORPUS = "--corpus DIR     the library to read (default: $CORPUS_DIR, else the bundled corpus/)";

export const USAGES = {
  search: {
    synopsis: "search [--json] [--limit N] [--offset N] [--corpus DIR] [--no-snapshot] (<query> | --queries FILE)",
    summary: "quotes for a query",
    flags: [
      "--json           a JSON array of hits (with --queries: one array a line)",
      "--limit N        hits to show (default 5)",
      "--offset N       skip the first N hits",
      CORPUS,
      "--no-snapshot    build the index and save nothing",
      "--queries FILE   one query a line, answered in order with the index loaded once",
    ],
  },
  import: {
    synopsis: "import <file.txt|file.html|file.htm> [--title T] [--slug S] [--lang L] [--corpus DIR] [--force]",
    summary: "a saved web page or text scrape → a Markdown article in the library",
    flags: [
      "--title T        the article's title (default: the page's title or the scrape's title line)",
      "--slug S         the file name without .md: a-z, 0-9 and '-' (default: made from the title)",
      "--lang L         the text's language tag, e.g. zh or en (default: detected)",
      "--corpus DIR     the library to write into (default: $CORPUS_DIR, else corpus/); --out DIR is the same",
      "--force          overwrite an existing file",
    ],
  },
  lessons: {
    synopsis: "lessons [--json] [--corpus DIR]",
    summary: "the daily lessons derived from the library",
    flags: ["--json           a JSON array of lessons", CORPUS],
  },
  check: {
    synopsis: "check [--todo] [--corpus DIR | DIR]",
    summary: "load the library as the bot does and report files it cannot use: exit 1 if one is broken (notices such as empty files or drafts are listed but pass)",
    flags: ["--todo           also list the importer's open questions", `${CORPUS}; a bare DIR is the same`],
  },
  report: {
    synopsis: "report [--since 7d] [--json] [--channel PLATFORM:ID] [--db FILE] [--corpus DIR]",
    summary: "for the library's keepers: top questions, gaps, voted quotes, daily-lesson delivery",
    flags: [
      "--since PERIOD   how far back: 24h, 7d, 4w, … (default 7d)",
      "--json           the report as one JSON object",
      "--channel P:ID   one channel only, e.g. slack:C0123 or discord:1234",
      "--db FILE        the bot's database (default: $DATABASE_PATH, else data/lessonbot.db)",
      "--corpus DIR     the library, to show the quotes voted on (default: $CORPUS_DIR, else corpus/)",
    ],
  },
} as const satisfies Record<string, CommandUsage>;

export type CommandName = keyof typeof USAGES;

const HELP = "--help           this text";

/** `usage: npm run -s cli -- <synopsis>` and its flags. */
export function commandUsage(name: CommandName): string {
  const usage: CommandUsage = USAGES[name];
  return [`usage: npm run -s cli -- ${usage.synopsis}`, `  ${usage.summary}`, ...[...usage.flags, HELP].map((flag) => `    ${flag}`)].join("\n");
}

/** The whole CLI: every command with its flags. */
export function topUsage(): string {
  const commands = (Object.keys(USAGES) as CommandName[]).map((name) => {
    const usage: CommandUsage = USAGES[name];
    return [`  ${usage.synopsis}`, `      ${usage.summary}`, ...usage.flags.map((flag) => `        ${flag}`)].join("\n");
  });
  return [
    "usage: npm run -s cli -- <command> [flags]      (npm run -s cli -- <command> --help for one command)",
    "",
    ...commands,
    "",
    "Every command reads the library from --corpus DIR, else $CORPUS_DIR, else the bundled corpus/.",
  ].join("\n");
}
