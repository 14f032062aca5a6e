/**
 * What `npm run -s cli -- <command> …` does (`main.ts` runs it): one file per subcommand, loaded on demand
 * so `search` stays fast.
 * The contract every command keeps (issue #11, item 8): `--help` prints its usage and exits 0; the library
 * comes from `--corpus DIR`, else `CORPUS_DIR`, else the bundled corpus; no arguments or `--help` prints
 * every command with its flags (exit 0); an unknown command prints the same on stderr (exit 2).
 */
import { commandUsage, topUsage, type CommandName } from "./usage.ts";

type Runner = { run(args: string[]): Promise<number> };

const COMMANDS: Record<CommandName, { load: () => Promise<Runner>; corpus?: (args: string[], envDir: string | undefined) => string[] }> = {
  search: { load: () => import("./search.ts") },
  lessons: { load: () => import("./lessons.ts") },
  report: { load: () => import("./report.ts") },
  // `check` takes its folder as an argument: `--corpus DIR` and CORPUS_DIR become that argument.
  check: {
    load: () => import("./check.ts"),
    corpus(args, envDir) {
      const { dir, rest } = takeCorpus(args);
      const given = dir ?? (rest.some((a) => !a.startsWith("--")) ? undefined : envDir);
      return given === undefined ? rest : [...rest, given];
    },
  },
  // `import` writes into the library: `--corpus DIR` means `--out DIR`, and CORPUS_DIR is the default.
  import: {
    load: () => import("./import.ts"),
    corpus(args, envDir) {
      const { dir, rest } = takeCorpus(args);
      const out = dir ?? (rest.includes("--out") ? undefined : envDir);
      return out === undefined ? rest : [...rest, "--out", out];
    },
  },
};

const HELP = new Set(["--help", "-h", "help"]);

/** Removes `--corpus DIR` from `args`. */
function takeCorpus(args: string[]): { dir?: string; rest: string[] } {
  const at = args.indexOf("--corpus");
  if (at < 0 || args[at + 1] === undefined) return { rest: args };
  return { dir: args[at + 1]!, rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}

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
  if (asksHelp(rest)) {
    process.stdout.write(`${commandUsage(name as CommandName)}\n`);
    return 0;
  }
  const envDir = process.env.CORPUS_DIR?.trim() || undefined;
  const module = await command.load();
  return module.run(command.corpus ? command.corpus(rest, envDir) : rest);
}
