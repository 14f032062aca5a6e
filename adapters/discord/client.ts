/**
 * The Discord adapter's entry point: a discord.js Client on the gateway, wired to the core's command layer.
 *
 *   const discord = await startDiscord(core, { token, log });
 *   daily.start(new Map([["discord", discord.publisher]])); … await discord.stop();
 *
 * Replicas that take turns holding the gateway use the halves: `discordPublisher` on every replica (posts
 * go over REST), `connectGateway` only on the elected one (src/replicas/turns.ts).
 *
 * Gateway intents, and why each is asked for:
 * - Guilds: servers, channels and roles (channel permissions, the bot's own role for @mentions).
 * - GuildMessages / DirectMessages: MESSAGE_CREATE for channel Q&A and DMs.
 * - MessageContent (privileged, enable it under Developer Portal → Bot): the text of messages that don't
 *   mention the bot, for the `questions` and `all` respond modes. @mentions and DMs work without it;
 *   `messageContent: false` leaves it out.
 */
import { Client, Events, GatewayIntentBits, Options, Partials } from "discord.js";
import type { CommandLayer } from "../../src/commands/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import { DiscordPublisher } from "./publisher.ts";
import { interactionHandler } from "./handlers/interactions.ts";
import { messageHandler } from "./handlers/messages.ts";
import { NO_PINGS } from "./handlers/deliver.ts";
import { forwardClientLogs, secretScrubber } from "./logging.ts";
import { guardGateway } from "./handlers/gateway-guard.ts";
import { loginError } from "./startup.ts";
import { NO_METRICS, type AdapterMetrics } from "../../src/ops/metrics.ts";

/** What the adapter needs of the core. */
export interface DiscordCore {
  commands: CommandLayer;
}

export interface DiscordOptions {
  /** Bot token (Developer Portal → Bot), without the `Bot ` prefix. */
  token: string;
  /** REST base without the version, e.g. `http://127.0.0.1:1234/api` (tests, proxies). Default: Discord's. */
  apiUrl?: string;
  log: Logger;
  /** Ask for the privileged Message Content intent (respond modes `questions`/`all`). Default true. */
  messageContent?: boolean;
  /** Answer directly if the core answers within this; otherwise defer first. Default 1500 ms; 0 = always defer. */
  deferAfterMs?: number;
  /** Give up starting if the gateway isn't ready by then. Default 30 s. */
  readyTimeoutMs?: number;
  /** Where malformed dispatches are counted (default: nowhere). */
  metrics?: AdapterMetrics;
}

export interface DiscordBot {
  client: Client<true>;
  /** Posts core replies (daily lessons) to channels. */
  publisher: DiscordPublisher;
  botUserId: string;
  stop(): Promise<void>;
}

const DEFAULT_DEFER_AFTER_MS = 1_500;

export function intentsFor(messageContent: boolean): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  return messageContent ? [...intents, GatewayIntentBits.MessageContent] : intents;
}

export async function startDiscord(core: DiscordCore, options: DiscordOptions): Promise<DiscordBot> {
  const publisher = discordPublisher(options);
  let gateway: DiscordGateway;
  try {
    gateway = await connectGateway(core, options);
  } catch (error) {
    publisher.close();
    throw error;
  }
  return {
    client: gateway.client,
    publisher,
    botUserId: gateway.botUserId,
    async stop() {
      publisher.close();
      await gateway.stop();
      options.log.child({ adapter: "discord" }).info("discord adapter stopped");
    },
  };
}

/** Posts to channels over REST alone: any replica may, whether or not it holds the gateway. */
export function discordPublisher(options: Pick<DiscordOptions, "token" | "apiUrl">): DiscordPublisher {
  return DiscordPublisher.create({ token: options.token, ...(options.apiUrl !== undefined && { apiUrl: options.apiUrl }) });
}

/** The gateway connection, where events arrive: one per bot token, or every event is answered twice. */
export interface DiscordGateway {
  client: Client<true>;
  botUserId: string;
  /** Disconnects from the gateway. */
  stop(): Promise<void>;
}

/** Logs in to the gateway and answers its events until `stop()`. */
export async function connectGateway(core: DiscordCore, options: DiscordOptions): Promise<DiscordGateway> {
  const log = options.log.child({ adapter: "discord" });
  const scrub = secretScrubber([options.token]);
  const client = new Client({
    intents: intentsFor(options.messageContent ?? true),
    // DM channels aren't cached until used: without this, the first DM would never arrive as an event.
    partials: [Partials.Channel],
    // The default for every message; each one also sets it explicitly.
    allowedMentions: NO_PINGS,
    // Answer a message even if it was deleted meanwhile (Discord posts it without the reference).
    failIfNotExists: false,
    // Nothing reads past messages: don't keep them.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    ...(options.apiUrl !== undefined && { rest: { api: options.apiUrl } }),
  });
  forwardClientLogs(client, log, scrub);
  // Malformed dispatches are dropped at the door instead of throwing inside discord.js.
  guardGateway(client, { log, metrics: options.metrics ?? NO_METRICS, scrub });

  const deps = { commands: core.commands, log, scrub };
  const onInteraction = interactionHandler({ ...deps, policy: { deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS } });
  const onMessage = messageHandler(deps);
  client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction));
  client.on(Events.MessageCreate, (message) => void onMessage(message));

  try {
    await login(client, options.token, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await client.destroy();
    throw loginError(error, options.apiUrl, scrub);
  }
  const ready = client as Client<true>;
  log.info({ botUserId: ready.user.id, guilds: ready.guilds.cache.size }, "discord adapter connected");
  return {
    client: ready,
    botUserId: ready.user.id,
    async stop() {
      await client.destroy();
      log.info("discord gateway disconnected");
    },
  };
}

/** Why the gateway closed for good, in words that say what to fix. */
function closeReason(code: number): string {
  switch (code) {
    case 4004:
      return "the gateway rejected the token (DISCORD_TOKEN): reset it under Developer Portal → Bot";
    case 4013:
    case 4014:
      return "the gateway refused the intents: enable Message Content under Developer Portal → Bot → Privileged Gateway Intents (or run without it: mentions and DMs still work)";
    default:
      return `the gateway closed the connection (code ${code})`;
  }
}

/** Logs in and waits until the client has its guilds (`clientReady`), or fails after `timeoutMs`. */
async function login(client: Client, token: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    client.once(Events.ShardDisconnect, (event) => reject(new Error(closeReason(event.code))));
    timer = setTimeout(() => reject(new Error(`the gateway was not ready after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // Both at once: a gateway that never says READY leaves `login` pending, and the timeout must still win.
    await Promise.all([client.login(token), ready]);
  } finally {
    clearTimeout(timer);
  }
}
