/**
 * `npm run -s cli -- <command> …`: one file per subcommand, loaded on demand so `search` stays fast.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> }> = {
  search: { summary: "search [--json] [--limit N] <query>   quotes for a query", load: () => import("./search.ts") },
  import: { summary: "import <file.txt|file.html> [--title T] [--out DIR]   scraped article → corpus/*.md", load: () => import("./import.ts") },
  lessons: { summary: "lessons [--json]   the daily lessons derived from the corpus", load: () => import("./lessons.ts") },
  check: { summary: "check   load the corpus and report broken files", load: () => import("./check.ts") },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const lines = Object.values(COMMANDS).map((c) => `  ${c.summary}`);
    process.stderr.write(`usage: npm run -s cli -- <command>\n${lines.join("\n")}\n`);
    return name ? 2 : 0;
  }
  const module = await command.load();
  return module.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
