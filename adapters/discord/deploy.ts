/**
 * `npm run discord:deploy [-- --guild <id>]`: registers `/lesson` with Discord. Registration is apart from
 * handling: run it once after install and after changing a command definition, not on every start.
 *
 * --guild <id>  register in one server: instant, for development
 * (default)     register globally: every server the bot is in (Discord may take a while to show changes)
 *
 * Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID (looked up with the token when unset) and DISCORD_API_URL
 * (optional) from the environment or `.env`.
 */
import { pathToFileURL } from "node:url";
import { REST, Routes, type APIApplication, type APIApplicationCommand, type APIUser } from "discord.js";
import { loadDotEnv } from "../../src/config/env-file.ts";
import { lessonCommand } from "./commands/index.ts";
import { describeError, secretScrubber } from "./logging.ts";

export interface DeployOptions {
  token: string;
  applicationId?: string;
  apiUrl?: string;
  guildId?: string;
}

export interface DeployResult {
  applicationId: string;
  botName: string;
  scope: "guild" | "global";
  commands: string[];
}

const SNOWFLAKE = /^\d{17,20}$/;

/** PUTs the command list (replacing what was registered before, so removed subcommands disappear). */
export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const rest = new REST({ ...(options.apiUrl !== undefined && { api: options.apiUrl }) }).setToken(options.token);
  try {
    // Checks the token before anything is changed, and names the bot in the output.
    const me = (await rest.get(Routes.user("@me"))) as APIUser;
    const applicationId = options.applicationId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
    const route = options.guildId
      ? Routes.applicationGuildCommands(applicationId, options.guildId)
      : Routes.applicationCommands(applicationId);
    const registered = (await rest.put(route, { body: [lessonCommand.toJSON()] })) as APIApplicationCommand[];
    return {
      applicationId,
      botName: me.username,
      scope: options.guildId ? "guild" : "global",
      commands: registered.map((c) => c.name),
    };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

const USAGE = `usage: npm run discord:deploy [-- --guild <server id>]

  --guild <id>  register /lesson in one server (instant; for development)
  (no option)   register /lesson globally, in every server the bot is in

Needs DISCORD_TOKEN; DISCORD_APPLICATION_ID and DISCORD_API_URL are optional (environment or .env).
`;

/** Parses the arguments; a string is a usage error to print. */
export function parseDeployArgs(argv: readonly string[]): { guildId?: string; help?: boolean } | string {
  const out: { guildId?: string; help?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") out.help = true;
    else if (arg === "--guild" || arg.startsWith("--guild=")) {
      const value = arg === "--guild" ? argv[++i] : arg.slice("--guild=".length);
      if (!value || !SNOWFLAKE.test(value)) return `--guild needs a server id (17–20 digits; right-click the server → Copy Server ID)`;
      out.guildId = value;
    } else return `unknown option ${arg}`;
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  const args = parseDeployArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`discord:deploy: ${args}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  loadDotEnv();
  const token = process.env.DISCORD_TOKEN?.trim();
  const applicationId = process.env.DISCORD_APPLICATION_ID?.trim() || undefined;
  const apiUrl = process.env.DISCORD_API_URL?.trim() || undefined;
  if (!token) {
    process.stderr.write(`discord:deploy: DISCORD_TOKEN is not set (Developer Portal → your app → Bot → Reset Token)\n`);
    return 2;
  }
  if (applicationId !== undefined && !SNOWFLAKE.test(applicationId)) {
    process.stderr.write(`discord:deploy: DISCORD_APPLICATION_ID must be the numeric application id (Developer Portal → General Information)\n`);
    return 2;
  }
  try {
    const result = await deployCommands({ token, applicationId, apiUrl, guildId: args.guildId });
    const where =
      result.scope === "guild"
        ? `in server ${args.guildId} (available now)`
        : "globally (new servers see it at once; changes can take a while to show everywhere)";
    process.stdout.write(`Registered /${result.commands.join(", /")} for ${result.botName} (application ${result.applicationId}) ${where}.\n`);
    return 0;
  } catch (error) {
    const { message, status } = describeError(error, secretScrubber([token]));
    const hint =
      status === 401
        ? " — check DISCORD_TOKEN"
        : status === 403 || status === 404
          ? " — check DISCORD_APPLICATION_ID and that the bot is in that server"
          : status === undefined
            ? ` — could not reach ${apiUrl ?? "Discord"}: check the network${apiUrl !== undefined ? " and DISCORD_API_URL" : ""}`
            : "";
    process.stderr.write(`discord:deploy: registration failed: ${String(message)}${hint}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
