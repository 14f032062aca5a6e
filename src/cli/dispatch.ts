/**
 * What `npm run -s cli -- <command> …` does (`main.ts` runs it): one file per subcommand, loaded on demand
 * so `search` stays fast.
 * The contract every command keeps (issue #11, item 8): `--help` prints its usage and exits 0; the library
 * comes from `--corpus DIR`, else `CORPUS_DIR`, else the bundled corpus; no arguments or `--help` prints
 * every command with its flags (exit 0); an unknown command prints the same on stderr (exit 2).
 */
import { commandUsage, topUsage, type CommandName } from "./usage.ts";

type Runner = { run(args: string[]): Promise<number> };

/** `ownHelp`: the command prints its own usage for `--help` (it owns its flags); the rest print theirs from usage.ts. */
const COMMANDS: Record<CommandName, { load: () => Promise<Runner>; ownHelp?: boolean }> = {
  search: { load: () => import("./search.ts") },
  lessons: { load: () => import("./lessons.ts") },
  report: { load: () => import("./report.ts") },
  check: { load: () => import("./check.ts"), ownHelp: true },
  import: { load: () => import("./import.ts"), ownHelp: true },
};

const HELP = new Set(["--help", "-h", "help"]);

/** `--help` or `-h` before any `--` (after it, it is a query). */
function asksHelp(args: string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || HELP.has(name)) {
    process.stdout.write(`${topUsage()}\n`);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    process.stderr.write(`unknown command ${JSON.stringify(name)}\n${topUsage()}\n`);
    return 2;
  }
  const command = COMMANDS[name as CommandName];
  if (asksHelp(rest) && !command.ownHelp) {
    process.stdout.write(`${commandUsage(name as CommandName)}\n`);
    return 0;
  }
  const module = await command.load();
  return module.run(rest);
}
