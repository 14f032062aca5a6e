/**
 * Every environment variable lessonbot reads, in one place: validation, `.env.example` and the README
 * table all follow this list (a test checks `.env.example` against it).
 */
export interface Variable {
  name: string;
  /** What it is and where to find it, one line. */
  help: string;
  default?: string;
  /** Never echoed, not even partially. */
  secret?: boolean;
}

export const VARIABLES: readonly Variable[] = [
  { name: "CORPUS_DIR", help: "folder of the library, read recursively (.md, .markdown, .txt, .html, .htm, .docx, .pdf)", default: "corpus/" },
  { name: "CORPUS_BASE_URL", help: "site the folder is published as: an article without url links to it + its path (a/b.md → …/a/b, a/index.md → …/a/)" },
  { name: "DATABASE_PATH", help: "SQLite file for settings, feedback and daily subscriptions", default: "data/lessonbot.db" },
  { name: "DATABASE_URL", help: "postgres://user:password@host:5432/db = share state in PostgreSQL between replicas, which also elect one Discord gateway holder (DATABASE_PATH is then unused)", secret: true },
  { name: "DAILY_LEASE_SECONDS", help: "how long a replica's claim on a daily post holds before another may take over an unfinished send", default: "300" },
  { name: "LOG_LEVEL", help: "fatal, error, warn, info, debug, trace or silent", default: "info (warn in the console)" },
  { name: "NODE_ENV", help: "development = pretty logs; production = JSON lines", default: "production" },
  { name: "HISTORY_DAYS", help: "days that questions (without who asked), remembered queries and votes are kept for reports", default: "90" },
  { name: "DEFAULT_LOCALE", help: "reply language when the platform gives none: zh or en", default: "zh" },
  { name: "PORT", help: "HTTP port for Slack events (HTTP mode), /healthz and /metrics", default: "3000" },
  { name: "SLACK_BOT_TOKEN", help: "Slack bot token, xoxb-…: OAuth & Permissions → Bot User OAuth Token", secret: true },
  { name: "SLACK_SIGNING_SECRET", help: "Slack signing secret: Basic Information → App Credentials", secret: true },
  { name: "SLACK_APP_TOKEN", help: "Slack app-level token, xapp-… (connections:write): set it to use Socket Mode instead of HTTP", secret: true },
  { name: "SLACK_API_URL", help: "Slack Web API base URL (only for tests or a proxy)", default: "https://slack.com/api/" },
  { name: "SLACK_ADMIN_USER_IDS", help: "comma-separated Slack user ids (U…) allowed to change channel settings, besides workspace admins" },
  { name: "DISCORD_TOKEN", help: "Discord bot token: Developer Portal → your app → Bot → Reset Token", secret: true },
  { name: "DISCORD_APPLICATION_ID", help: "Discord application id: Developer Portal → General Information → Application ID" },
  { name: "DISCORD_MESSAGE_CONTENT", help: "0 = don't ask for the privileged Message Content intent (then only @mentions and DMs get answers)", default: "1" },
  { name: "DISCORD_API_URL", help: "Discord REST base URL (only for tests or a proxy)", default: "https://discord.com/api" },
  { name: "LESSONBOT_CONSOLE", help: "1 = start the local console even when chat tokens are set (same as --console)", default: "0" },
];
