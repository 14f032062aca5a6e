/**
 * Reads and validates every setting from the environment at start-up. All problems are reported at
 * once, each naming the variable and what to put there; secret values never appear in a message.
 */
import type { Locale } from "../commands/types.ts";
import { httpUrl } from "../reply/url.ts";
import { describePgUrl } from "../store/postgres/url.ts";
import { DEFAULT_HISTORY_DAYS } from "../store/history.ts";

export interface SlackConfig {
  botToken: string;
  /** Required in HTTP mode; optional in Socket Mode. */
  signingSecret?: string;
  /** Set → Socket Mode. */
  appToken?: string;
  apiUrl?: string;
  adminUserIds: string[];
}

export interface DiscordConfig {
  token: string;
  applicationId?: string;
  apiUrl?: string;
  /** Ask for the privileged Message Content intent (needed for respond modes `questions`/`all`). */
  messageContent: boolean;
}

export interface Config {
  corpusDir: string;
  /** `CORPUS_BASE_URL`: the loader links articles without a `url` to it (it reads the variable itself). */
  corpusBaseUrl?: string;
  databasePath: string;
  /** postgres://… = the shared PostgreSQL store (several replicas); unset = SQLite at `databasePath`. */
  databaseUrl?: string;
  /** Lease on a daily post's claim (DAILY_LEASE_SECONDS); undefined = the scheduler's default. */
  dailyLeaseMs?: number;
  /** Undefined = not set; the caller picks a default that suits the mode. */
  logLevel?: string;
  nodeEnv: string;
  development: boolean;
  defaultLocale: Locale;
  port: number;
  /** Days of question history kept for reports (`HISTORY_DAYS`). */
  historyDays: number;
  slack?: SlackConfig;
  discord?: DiscordConfig;
  /** Run the local console: forced by flag/env, or because no chat adapter is configured. */
  console: boolean;
  /** The console was asked for explicitly (chat tokens, if any, are ignored). */
  consoleForced: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** Where the SQLite database lives unless DATABASE_PATH says (relative to the working directory). */
export const DEFAULT_DATABASE_PATH = "data/lessonbot.db";

/** The reply language when neither DEFAULT_LOCALE nor the platform says. */
export const DEFAULT_LOCALE: Locale = "zh";

/** A locale setting as a language: `zh`, `zh-CN`, `en_US`… → `zh` or `en`; `undefined` for anything else. */
export function localeOf(value: string): Locale | undefined {
  const lang = value.trim().toLowerCase().split(/[-_]/)[0];
  return lang === "zh" || lang === "en" ? lang : undefined;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const SNOWFLAKE = /^\d{17,20}$/;

/** Names the kind of a Slack token from its public type prefix (never echoes the rest). */
function slackTokenKind(value: string): string | undefined {
  if (value.startsWith("xoxb-")) return "a bot token (xoxb-)";
  if (value.startsWith("xoxp-")) return "a user token (xoxp-)";
  if (value.startsWith("xapp-")) return "an app-level token (xapp-)";
  if (value.startsWith("xoxe")) return "a refresh/config token (xoxe-)";
  return undefined;
}

export function loadConfig(env: Env, argv: readonly string[] = []): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  const url = (name: string): string | undefined => {
    const value = get(name);
    if (value === undefined) return undefined;
    if (httpUrl(value)) return value;
    problems.push(`${name} is not a valid URL: put an http(s) URL there, e.g. https://example.com/api, or leave it unset`);
    return undefined;
  };

  /** Secrets that are set but malformed: reported once, and no further checks pile up on them. */
  const malformed = new Set<string>();
  /** A secret must be one token: no spaces or quotes (a sign of a bad paste). */
  const secret = (name: string): string | undefined => {
    const value = get(name);
    if (value !== undefined && /[\s"']/.test(value)) {
      problems.push(`${name} contains spaces or quotes: paste the value alone, without quotes or a prefix`);
      malformed.add(name);
    }
    return value;
  };

  // General settings.
  const logLevel = get("LOG_LEVEL")?.toLowerCase();
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  }

  let defaultLocale = DEFAULT_LOCALE;
  const locale = get("DEFAULT_LOCALE");
  if (locale !== undefined) {
    const lang = localeOf(locale);
    if (lang !== undefined) defaultLocale = lang;
    else problems.push(`DEFAULT_LOCALE must be zh or en`);
  }

  let historyDays = DEFAULT_HISTORY_DAYS;
  const historyText = get("HISTORY_DAYS");
  if (historyText !== undefined) {
    const n = Number(historyText);
    if (/^\d+$/.test(historyText) && n >= 1 && n <= 3650) historyDays = n;
    else problems.push(`HISTORY_DAYS must be a whole number of days from 1 to 3650, e.g. 90`);
  }

  let port = 3000;
  const portText = get("PORT");
  if (portText !== undefined) {
    const n = Number(portText);
    if (/^\d+$/.test(portText) && n <= 65535) port = n;
    else problems.push(`PORT must be a whole number from 0 to 65535, e.g. 3000`);
  }

  const databaseUrl = get("DATABASE_URL");
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/[^\s]+$/i.test(databaseUrl)) {
    problems.push(`DATABASE_URL must be a postgres:// URL, e.g. postgres://user:password@host:5432/db, or unset for SQLite (DATABASE_PATH)`);
  }
  let dailyLeaseMs: number | undefined;
  const leaseText = get("DAILY_LEASE_SECONDS");
  if (leaseText !== undefined) {
    const n = Number(leaseText);
    if (Number.isFinite(n) && n >= 1 && n <= 86_400) dailyLeaseMs = Math.round(n * 1000);
    else problems.push(`DAILY_LEASE_SECONDS must be a number of seconds from 1 to 86400, e.g. 300`);
  }

  /** A 1/0 switch (true/false, yes/no, on/off accepted too). */
  const flag = (name: string, fallback: boolean): boolean => {
    const value = get(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (["1", "true", "yes", "on"].includes(value)) return true;
    if (["0", "false", "no", "off"].includes(value)) return false;
    problems.push(`${name} must be 1 or 0`);
    return fallback;
  };

  const consoleForced = argv.includes("--console") || flag("LESSONBOT_CONSOLE", false);

  // Slack: configured when any of its credentials is set; then it must be complete.
  let slack: SlackConfig | undefined;
  const botToken = secret("SLACK_BOT_TOKEN");
  const signingSecret = secret("SLACK_SIGNING_SECRET");
  const appToken = secret("SLACK_APP_TOKEN");
  const slackApiUrl = url("SLACK_API_URL");
  const adminIds = (get("SLACK_ADMIN_USER_IDS") ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  for (const id of adminIds) {
    if (!SLACK_USER_ID.test(id)) {
      problems.push(`SLACK_ADMIN_USER_IDS has "${id}", which is not a Slack user id: use ids like U012ABCDEF, comma-separated (profile → ⋮ → Copy member ID)`);
    }
  }
  if (botToken || signingSecret || appToken) {
    let ok = malformed.size === 0;
    if (!botToken) {
      ok = false;
      problems.push(`SLACK_BOT_TOKEN is missing: Slack needs the bot token (xoxb-…) with the other SLACK_ settings; find it under OAuth & Permissions → Bot User OAuth Token`);
    } else if (!malformed.has("SLACK_BOT_TOKEN") && !botToken.startsWith("xoxb-")) {
      ok = false;
      const kind = slackTokenKind(botToken);
      problems.push(
        `SLACK_BOT_TOKEN must be a bot token starting with xoxb-${kind ? ` (this one looks like ${kind}${kind.includes("xapp") ? ", which belongs in SLACK_APP_TOKEN" : ""})` : ""}; find it under OAuth & Permissions → Bot User OAuth Token`,
      );
    }
    if (appToken && !malformed.has("SLACK_APP_TOKEN") && !appToken.startsWith("xapp-")) {
      ok = false;
      const kind = slackTokenKind(appToken);
      problems.push(
        `SLACK_APP_TOKEN must be an app-level token starting with xapp-${kind ? ` (this one looks like ${kind})` : ""}; create one under Basic Information → App-Level Tokens with the connections:write scope, or unset it to use HTTP mode`,
      );
    }
    if (!signingSecret && !appToken) {
      ok = false;
      problems.push(
        `SLACK_SIGNING_SECRET is missing: Slack needs it with SLACK_BOT_TOKEN to verify requests; find it under Basic Information → App Credentials (or set SLACK_APP_TOKEN to use Socket Mode instead)`,
      );
    }
    if (ok && botToken) slack = { botToken, signingSecret, appToken, apiUrl: slackApiUrl, adminUserIds: adminIds };
  }

  // Discord: configured when its token is set; an application id alone is a partial config.
  let discord: DiscordConfig | undefined;
  const discordToken = get("DISCORD_TOKEN");
  const applicationId = get("DISCORD_APPLICATION_ID");
  const discordApiUrl = url("DISCORD_API_URL");
  const messageContent = flag("DISCORD_MESSAGE_CONTENT", true);
  if (applicationId !== undefined && !SNOWFLAKE.test(applicationId)) {
    problems.push(`DISCORD_APPLICATION_ID must be the numeric application id (17–20 digits); find it under Developer Portal → General Information → Application ID`);
  }
  if (discordToken !== undefined) {
    if (/^bot\s/i.test(discordToken)) {
      problems.push(`DISCORD_TOKEN starts with "Bot ": put the token alone, without the "Bot " prefix`);
    } else if (/[\s"']/.test(discordToken) || discordToken.split(".").length !== 3) {
      problems.push(`DISCORD_TOKEN doesn't look like a bot token (three dot-separated parts); copy it from Developer Portal → your app → Bot → Reset Token`);
    } else {
      discord = { token: discordToken, applicationId, apiUrl: discordApiUrl, messageContent };
    }
  } else if (applicationId !== undefined) {
    problems.push(`DISCORD_TOKEN is missing: Discord needs the bot token with DISCORD_APPLICATION_ID; find it under Developer Portal → your app → Bot → Reset Token`);
  }

  const corpusBaseUrl = url("CORPUS_BASE_URL");

  if (problems.length > 0) throw new ConfigError(problems);

  const nodeEnv = get("NODE_ENV") ?? "production";
  return {
    corpusDir: get("CORPUS_DIR") ?? "corpus/",
    ...(corpusBaseUrl ? { corpusBaseUrl } : {}),
    databasePath: get("DATABASE_PATH") ?? DEFAULT_DATABASE_PATH,
    ...(databaseUrl !== undefined && { databaseUrl }),
    ...(dailyLeaseMs !== undefined && { dailyLeaseMs }),
    logLevel,
    nodeEnv,
    development: nodeEnv === "development",
    defaultLocale,
    port,
    historyDays,
    slack,
    discord,
    console: consoleForced || (!slack && !discord),
    consoleForced,
  };
}

/** What is safe to log about a config: which adapters and modes, never a credential. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    corpusDir: config.corpusDir,
    corpusBaseUrl: config.corpusBaseUrl,
    ...(config.databaseUrl !== undefined ? { database: `postgres ${describePgUrl(config.databaseUrl)}` } : { databasePath: config.databasePath }),
    defaultLocale: config.defaultLocale,
    port: config.port,
    adapters: config.console ? ["console"] : [config.slack && "slack", config.discord && "discord"].filter(Boolean),
    slackMode: config.slack ? (config.slack.appToken ? "socket" : "http") : undefined,
  };
}
