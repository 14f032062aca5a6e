/**
 * `npm start`: configuration → logger → core → the configured chat adapters (or the local console),
 * with health/metrics routes and a graceful shutdown.
 */
import { userInfo } from "node:os";
import pino from "pino";
import { loadDotEnv } from "./config/env-file.ts";
import { ConfigError, describeConfig, loadConfig, type Config } from "./config/config.ts";
import { createLogger, type Logger } from "./log/logger.ts";
import { startCore, type Core } from "./app/core.ts";
import { coreIndex, createMetrics, type Metrics } from "./ops/metrics.ts";
import { createShutdown, exitOnSignals, type Shutdown } from "./ops/shutdown.ts";
import { tc } from "./i18n/console.ts";
import { startConsole } from "../adapters/console/console.ts";
import { consoleBanner } from "../adapters/console/banner.ts";
import { wantsColor } from "../adapters/console/ansi.ts";

const USAGE = `usage: npm start [-- --console]

  --console   start the local console even when Slack/Discord tokens are set
              (same as LESSONBOT_CONSOLE=1)

Settings come from the environment or .env; see .env.example and README → Configuration.
`;

function readConfig(argv: string[]): Config | number {
  const unknown = argv.filter((arg) => arg !== "--console");
  if (unknown.includes("--help") || unknown.includes("-h")) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (unknown.length) {
    process.stderr.write(`lessonbot: unknown option ${unknown.join(" ")}\n\n${USAGE}`);
    return 2;
  }
  loadDotEnv();
  try {
    return loadConfig(process.env, argv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`lessonbot: ${error.message}\n\nSee .env.example and README → Configuration.\n`);
    return 2;
  }
}

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    // Containers may run as a uid without a passwd entry.
    return process.env.USER ?? "console";
  }
}

/** The console keeps stdout for the conversation: logs go to stderr, and only warnings by default. */
function consoleLogger(config: Config): Logger {
  return createLogger({ level: config.logLevel ?? "warn", destination: pino.destination({ dest: 2, sync: true }) });
}

async function runConsole(config: Config, core: Core, log: Logger, shutdown: Shutdown): Promise<void> {
  const locale = config.defaultLocale;
  const color = wantsColor(process.stdout);
  const skipped = [config.slack && "Slack", config.discord && "Discord"].filter((name): name is string => Boolean(name));
  const session = startConsole({
    commands: core.commands,
    input: process.stdin,
    output: process.stdout,
    log,
    locale,
    color,
    userName: osUserName(),
    intro: `${consoleBanner({ locale, color, corpusDir: config.corpusDir, skipped })}\n${tc(locale, "loading")}`,
    // Typed (or piped) lines wait for the index instead of getting "still loading".
    ready: core.ready,
  });
  shutdown.add("console", () => session.close());
  core.ready.then(
    () => session.notify(tc(locale, "ready", coreIndex(core).counts())),
    (error: unknown) => {
      session.notify(tc(locale, "loadFailed", { error: error instanceof Error ? error.message : String(error) }));
      void shutdown.run("index failed", 1);
    },
  );
  session.done.then(() => shutdown.run("console closed"));
}

async function main(argv: string[]): Promise<number> {
  const config = readConfig(argv);
  if (typeof config === "number") return config;

  const log = config.console ? consoleLogger(config) : createLogger({ level: config.logLevel ?? "info", pretty: config.development });
  log.info(describeConfig(config), "starting");
  const shutdown = createShutdown(log);
  exitOnSignals(shutdown, log);

  const metrics: Metrics = createMetrics();
  const core = startCore({
    corpusDir: config.corpusDir,
    dbPath: config.databasePath,
    log,
    defaultLocale: config.defaultLocale,
    onCommand: metrics.onCommand,
  });
  shutdown.add("core", () => core.close());
  metrics.watchIndex(coreIndex(core));

  if (config.console) await runConsole(config, core, log, shutdown);
  else throw new Error("chat adapters are not wired yet");
  return shutdown.finished;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Everything is closed; if a stray handle still holds the event loop, don't hang on it.
    setTimeout(() => process.exit(code), 3_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`lessonbot: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
