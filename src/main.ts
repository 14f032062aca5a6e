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
import type { Platform } from "./commands/types.ts";
import type { Publisher } from "./reply/publisher.ts";
import { coreIndex, createMetrics, type Metrics } from "./ops/metrics.ts";
import { opsRoutes } from "./ops/routes.ts";
import { startOpsServer } from "./ops/server.ts";
import { createShutdown, exitOnSignals, type Shutdown } from "./ops/shutdown.ts";
import { installLastResort } from "./ops/last-resort.ts";
import { secretScrubber } from "./log/scrub.ts";
import { electionFor } from "./replicas/election.ts";
import { takeTurns } from "./replicas/turns.ts";
import { tc } from "./i18n/console.ts";
import { describePgUrl } from "./store/postgres/url.ts";
import { startConsole } from "../adapters/console/console.ts";
import { ConsolePublisher } from "../adapters/console/publisher.ts";
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
async function consoleLogger(config: Config): Promise<Logger> {
  const level = config.logLevel ?? "warn";
  if (config.development) {
    // pino-pretty is a dev dependency: load it only when asked for.
    const { default: pretty } = await import("pino-pretty");
    return createLogger({ level, destination: pretty({ destination: 2, sync: true, colorize: wantsColor(process.stderr) }) });
  }
  return createLogger({ level, destination: pino.destination({ dest: 2, sync: true }) });
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
  shutdown.add("console", () => {
    session.close();
    return session.done;
  });
  core.ready.then(
    () => {
      session.notify(tc(locale, "ready", coreIndex(core).counts()));
      startDaily(core, new Map([["console", new ConsolePublisher(session)]]), shutdown, log);
    },
    (error: unknown) => {
      session.notify(tc(locale, "loadFailed", { error: error instanceof Error ? error.message : String(error) }));
      void shutdown.run("index failed", 1);
    },
  );
  session.done.then(() => shutdown.run("console closed"));
}

/**
 * Posts daily lessons through the running adapters once the index is loaded (there are no lessons
 * before). `core.close()` stops the scheduler.
 */
function startDaily(core: Core, publishers: ReadonlyMap<Platform, Publisher>, shutdown: Shutdown, log: Logger): void {
  if (shutdown.started() || publishers.size === 0) return;
  core.daily.start(publishers).catch((error: unknown) => log.error({ err: error }, "daily lessons failed to start"));
}

/** Starts every configured chat adapter (Slack and Discord side by side), ops routes and daily posts. */
async function runChat(config: Config, core: Core, metrics: Metrics, log: Logger, shutdown: Shutdown): Promise<void> {
  // Replicas on one PostgreSQL database take turns holding the Discord gateway; alone, this process holds it.
  // The lock is named after the token: one holder per bot, whatever else shares the database.
  const election = config.discord && electionFor(config.databaseUrl, { name: `discord-gateway:${config.discord.token}`, label: "discord gateway", log });
  if (election) metrics.watchRole(election);
  const routes = opsRoutes(coreIndex(core), metrics, election || undefined);
  const publishers = new Map<Platform, Publisher>();
  // Slack serves the ops routes itself (its HTTP receiver, or in Socket Mode the ops server) on PORT.
  let routesServed = false;

  if (config.slack) {
    const { startSlack } = await import("../adapters/slack/app.ts");
    const slack = await startSlack(core, { ...config.slack, port: config.port, customRoutes: routes, deliveries: core.store, metrics, log });
    // Registered at once: if Discord fails to start next, Slack is still stopped on the way out.
    shutdown.add("slack", () => slack.stop());
    publishers.set("slack", slack.publisher);
    routesServed = true;
  }
  if (config.discord && election) {
    const { startDiscord, connectGateway, discordPublisher } = await import("../adapters/discord/client.ts");
    const { token, apiUrl, messageContent } = config.discord;
    const options = { token, log, messageContent, metrics, ...(apiUrl !== undefined && { apiUrl }) };
    if (election.role() === "single") {
      const discord = await startDiscord(core, options);
      shutdown.add("discord", () => discord.stop());
      publishers.set("discord", discord.publisher);
    } else {
      const publisher = discordPublisher(options);
      const turns = takeTurns({
        election,
        start: () => connectGateway(core, options),
        log,
        onTakeover: () => metrics.onTakeover(),
        onFailed: (error) => {
          log.fatal({ err: error }, "the Discord gateway failed to start");
          void shutdown.run("discord failed", 1);
        },
      });
      shutdown.add("discord", async () => {
        await turns.stop();
        publisher.close();
      });
      publishers.set("discord", publisher);
    }
  }
  if (!routesServed) {
    const server = await startOpsServer(routes, config.port);
    shutdown.add("ops server", () => server.close());
    log.info({ port: server.port }, "serving /healthz and /metrics");
  }

  core.ready.then(
    () => startDaily(core, publishers, shutdown, log),
    (error: unknown) => {
      log.fatal({ err: error }, "the index failed to load");
      void shutdown.run("index failed", 1);
    },
  );
}

/** Network-level failures: nothing answered at the address (as opposed to a server that said no). */
const UNREACHABLE = /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|timeout|terminated unexpectedly/i;

/** Why the database at `url` can't be used and what to check; the password never appears. */
function databaseFailure(url: string, error: unknown): string {
  let innermost = error;
  while (innermost instanceof Error && innermost.cause instanceof Error) innermost = innermost.cause;
  let reason = innermost instanceof Error ? innermost.message : String(innermost);
  let password = "";
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // An unparsable URL has no password to hide; config validation has seen it already.
  }
  if (password !== "") reason = reason.replaceAll(password, "***");
  const at = describePgUrl(url);
  const where = at.replace(/\/.*$/, "");
  const unreachable = UNREACHABLE.test(reason) || UNREACHABLE.test(String((innermost as { code?: unknown }).code ?? ""));
  return unreachable
    ? `cannot reach the database at ${where} (DATABASE_URL): ${reason}\n` +
        `Check that PostgreSQL is running and listening on ${where}, that this machine may connect to it (firewall, network), ` +
        `and the host and port in DATABASE_URL. See README → Several replicas.`
    : `the database at ${at} (DATABASE_URL) refused to open: ${reason}\n` +
        `Check the user, password and database name in DATABASE_URL and that the user may create tables. See README → Several replicas.`;
}

async function main(argv: string[]): Promise<number> {
  const config = readConfig(argv);
  if (typeof config === "number") return config;

  const log = config.console ? await consoleLogger(config) : createLogger({ level: config.logLevel ?? "info", pretty: config.development });
  log.info(describeConfig(config), "starting");
  const shutdown = createShutdown(log);
  exitOnSignals(shutdown, log);

  const metrics: Metrics = createMetrics();
  // One bad request must not end the process: log it with its request id, count it, keep serving.
  installLastResort({
    log,
    count: metrics.unhandledError,
    scrub: secretScrubber([config.slack?.botToken, config.slack?.appToken, config.slack?.signingSecret, config.discord?.token]),
    onBurst: () => {
      void shutdown.run("too many unhandled errors", 1);
      // A shutdown step that hangs (a stuck connection) must not keep a broken process alive.
      setTimeout(() => process.exit(1), 10_000).unref();
    },
  });
  let core: Core;
  try {
    core = startCore({
      corpusDir: config.corpusDir,
      dbPath: config.databasePath,
      ...(config.databaseUrl !== undefined && { databaseUrl: config.databaseUrl }),
      ...(config.dailyLeaseMs !== undefined && { dailyLeaseMs: config.dailyLeaseMs }),
      log,
      defaultLocale: config.defaultLocale,
      historyDays: config.historyDays,
      onCommand: metrics.onCommand,
      // Edits to corpus/ are served without a restart (src/app/reload.ts).
      watch: true,
    });
  } catch (error) {
    // The database opens synchronously: a bad path or permissions show up here.
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`lessonbot: cannot open the database at DATABASE_PATH=${config.databasePath}: ${reason}\n`);
    return 1;
  }
  shutdown.add("core", () => core.close());
  metrics.watchIndex(coreIndex(core));

  // A shared database that doesn't answer stops start-up before any adapter connects, with a plain message
  // (not "the index failed to load" later, and not a replica that joins Slack or Discord unable to work).
  if (config.databaseUrl !== undefined) {
    try {
      await core.storeReady;
    } catch (error) {
      const message = databaseFailure(config.databaseUrl, error);
      log.fatal({ database: describePgUrl(config.databaseUrl) }, message.split("\n")[0]!);
      process.stderr.write(`lessonbot: ${message}\n`);
      return shutdown.run("database unreachable", 1);
    }
  }

  try {
    if (config.console) await runConsole(config, core, log, shutdown);
    else await runChat(config, core, metrics, log, shutdown);
  } catch (error) {
    log.fatal({ err: error }, "start-up failed");
    process.stderr.write(`lessonbot: ${error instanceof Error ? error.message : String(error)}\n`);
    return shutdown.run("start-up failed", 1);
  }
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
