/**
 * Runs `src/main.ts` as a real child process (through tsx, as `npm start` does) and talks to it over
 * its stdin/stdout, for tests of the console and of start-up.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { VARIABLES } from "../../src/config/variables.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = join(ROOT, "node_modules/tsx/dist/cli.mjs");
const MAIN = join(ROOT, "src/main.ts");

/**
 * The inherited environment with every lessonbot variable blanked: a blank value wins over a
 * developer's `.env` (the real environment always does) and counts as unset.
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  for (const { name } of VARIABLES) env[name] = "";
  return { ...env, ...extra };
}

export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  /** Everything printed to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Waits until stdout (after `from`) matches. */
  waitFor(pattern: RegExp, from?: number): Promise<string>;
  /** Types a line and returns what was printed until the next prompt. */
  send(line: string): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** `kill -9` of the bot: tsx's wrapper and the node process it runs, at once (SIGKILL isn't relayed). */
  killHard(): void;
  /**
   * Sends `signal` to the bot's own node process, as a supervisor signalling the service would. Not to
   * tsx's wrapper: it relays with 30 ms deadlines and SIGKILLs a child slow to confirm (exit 143 on a
   * loaded machine), which would test tsx rather than the bot.
   */
  signal(signal: NodeJS.Signals): void;
  /** Kills the process if still running and removes its temp dir. */
  cleanup(): void;
}

export function startBot(args: string[], env: Record<string, string>, options: { prompt?: string; cwd?: string } = {}): BotProcess {
  const dir = mkdtempSync(join(tmpdir(), "lessonbot-main-"));
  const child = spawn(process.execPath, [TSX, MAIN, ...args], {
    // A temp cwd: no stray .env, and the bot must not depend on where it is started.
    cwd: options.cwd ?? dir,
    env: cleanEnv({ DATABASE_PATH: join(dir, "data", "bot.db"), CORPUS_DIR: join(ROOT, "corpus"), ...env }),
    // Its own process group, so a hard kill reaches the bot behind tsx's wrapper too.
    detached: true,
  });
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  let out = "";
  let err = "";
  const waiters = new Set<() => void>();
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
    for (const wake of waiters) wake();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      for (const wake of waiters) wake();
      resolve({ code, signal });
    }),
  );
  let done = false;
  void exited.then(() => (done = true));

  const waitFor = (pattern: RegExp, from = 0) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(out.slice(from));
        if (match) {
          waiters.delete(check);
          resolve(out.slice(from, from + match.index + match[0].length));
        } else if (done) {
          waiters.delete(check);
          reject(new Error(`process exited before ${pattern}\n--- stdout\n${out}\n--- stderr\n${err}`));
        }
      };
      waiters.add(check);
      check();
    });

  const prompt = options.prompt ?? "lessonbot> ";
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor,
    async send(line) {
      const from = out.length;
      child.stdin.write(`${line}\n`);
      const text = await waitFor(new RegExp(escapeRegExp(prompt)), from);
      return text.slice(0, -prompt.length);
    },
    exited,
    killHard: killGroup,
    signal(signal) {
      const pid = child.pid;
      if (pid === undefined) return;
      process.kill(childrenOf(pid)[0] ?? pid, signal);
    },
    cleanup() {
      killGroup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Pids whose parent is `pid` (Linux /proc), oldest first. */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Fields after the parenthesised command name: state, ppid, …
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) found.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return found.sort((a, b) => a - b);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
