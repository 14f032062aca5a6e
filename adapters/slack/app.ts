/**
 * The Slack adapter's entry point: a Bolt app wired to the core's command layer.
 *
 *   const slack = await startSlack(core, { botToken, signingSecret, port: 3000, log });
 *   scheduler.register(slack.publisher); … await slack.stop();
 *
 * It checks the bot token (`auth.test`, which also tells us the bot's own user id for mention handling),
 * picks the transport, registers the listeners and routes Bolt's logs through ours with secrets scrubbed.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, webApi } from "@slack/bolt";
import type { Logger } from "../../src/log/logger.ts";
import { ContextFactory } from "./context.ts";
import { registerListeners, type SlackCore } from "./listeners/index.ts";
import { boltLogger, describeError, secretScrubber } from "./logger.ts";
import { dedupeEvents, SeenSet, type DeliveryClaims } from "./middleware/dedupe.ts";
import { directClient, SlackPublisher } from "./publisher.ts";
import { DEFAULT_REPLY_RETRY, type ReplyRetrySettings } from "./listeners/answer.ts";
import { startupError } from "./startup.ts";
import { NO_METRICS, type AdapterMetrics } from "../../src/ops/metrics.ts";
import type { RetryPolicy } from "../../src/net/retry.ts";
import { createReceiver, type SlackReceiver } from "./receiver.ts";
import type { OpsRoute } from "../../src/ops/routes.ts";
import { startOpsServer } from "../../src/ops/server.ts";
import { UserDirectory } from "./users.ts";

export type { SlackCore };

export interface SlackOptions {
  /** `xoxb-…` bot token. */
  botToken: string;
  /** Required for the HTTP receiver; unused in Socket Mode. */
  signingSecret?: string;
  /** `xapp-…` app-level token: when set, the bot connects with Socket Mode instead of serving HTTP. */
  appToken?: string;
  /** HTTP port for `/slack/events` (HTTP mode) and the custom routes. 0 = any free port. */
  port: number;
  /** Interface to listen on (default: all). */
  host?: string;
  /** Web API base URL, e.g. `http://127.0.0.1:9999/api/` (tests, proxies). Default: Slack's. */
  apiUrl?: string;
  /** Users who may change channel settings besides workspace admins/owners. */
  adminUserIds?: string[];
  /** Extra HTTP routes (health, metrics): served by Bolt's HTTP receiver, or in Socket Mode by the ops server. */
  customRoutes?: OpsRoute[];
  /** Slash command name (default `/lesson`). */
  command?: string;
  /** Where delivery ids are claimed, so replicas sharing it answer each event or command once. */
  deliveries?: DeliveryClaims;
  /** Where rejected requests, retried and lost replies are counted (default: nowhere). */
  metrics?: AdapterMetrics;
  /** Reply retries: backoff and the window to keep trying in (tests shorten them). */
  replyRetry?: { policy?: Partial<RetryPolicy>; windowMs?: number };
  log: Logger;
}

export interface SlackBot {
  app: App;
  /** Posts core replies (daily lessons) to channels. */
  publisher: SlackPublisher;
  transport: "http" | "socket";
  botUserId: string;
  /** The bound HTTP port, when one is open (HTTP mode, or Socket Mode with custom routes). */
  port: number | undefined;
  stop(): Promise<void>;
}

/** A configured Bolt app, not yet listening or connected. */
export interface SlackApp {
  app: App;
  receiver: SlackReceiver;
  publisher: SlackPublisher;
  botUserId: string;
}

/**
 * Checks the configuration and the bot token, then builds the Bolt app with our listeners, logger and
 * retry de-duplication. Nothing listens yet: see `startSlack`.
 */
export async function createSlackApp(core: SlackCore, options: SlackOptions): Promise<SlackApp> {
  const log = options.log.child({ adapter: "slack" });
  const scrub = secretScrubber([options.botToken, options.appToken, options.signingSecret]);
  const logger = boltLogger(log, scrub);
  const apiUrl = options.apiUrl !== undefined ? { slackApiUrl: options.apiUrl } : {};
  const clientOptions: webApi.WebClientOptions = {
    logger,
    // Interactive replies are worth a couple of quick retries, not Slack's default half hour of them.
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
    ...apiUrl,
  };
  const metrics = options.metrics ?? NO_METRICS;
  const command = options.command ?? "/lesson";
  // Configuration errors first (no network): a missing signing secret must not wait on auth.test.
  const receiver = createReceiver({
    guard: { rules: { command }, log, metrics },
    port: options.port,
    // In Socket Mode the ops server takes the custom routes: Bolt's there doesn't await or report its port.
    customRoutes: options.appToken ? [] : (options.customRoutes ?? []),
    logger,
    clientOptions,
    ...(options.signingSecret !== undefined && { signingSecret: options.signingSecret }),
    ...(options.appToken !== undefined && { appToken: options.appToken }),
  });
  const identity = await whoAmI(options.botToken, clientOptions, options.apiUrl, scrub);
  log.info({ botUserId: identity.userId, team: identity.team }, "slack bot token verified");

  const app = new App({
    receiver: receiver.receiver,
    token: options.botToken,
    // Known ids spare Bolt its own auth.test and let `ignoreSelf` drop the bot's own messages.
    botId: identity.botId,
    botUserId: identity.userId,
    logger,
    clientOptions,
    convoStore: false,
  });
  app.error(async (error) => {
    log.error({ err: describeError(error, scrub) }, "unhandled slack error");
  });
  const seen = new SeenSet(options.deliveries, { log });
  app.use(dedupeEvents(seen, log));
  // Replies and daily posts share one client that never retries by itself: each caller's policy does.
  const replyClient = directClient(options.botToken, { logger, timeout: SEND_TIMEOUT_MS, ...apiUrl });
  registerListeners(app, {
    core,
    contexts: new ContextFactory(new UserDirectory(app.client), options.adminUserIds ?? [], log),
    seen,
    botUserId: identity.userId,
    command,
    replyClient,
    retry: {
      policy: { ...DEFAULT_REPLY_RETRY.policy, ...options.replyRetry?.policy },
      windowMs: options.replyRetry?.windowMs ?? DEFAULT_REPLY_RETRY.windowMs,
    } satisfies ReplyRetrySettings,
    metrics,
    log,
    scrub,
  });
  const publisher = new SlackPublisher(replyClient);
  return { app, receiver, publisher, botUserId: identity.userId };
}

/** Builds the app and starts its transport: listening on `port` (HTTP) or connected (Socket Mode). */
export async function startSlack(core: SlackCore, options: SlackOptions): Promise<SlackBot> {
  const { app, receiver, publisher, botUserId } = await createSlackApp(core, options);
  const log = options.log.child({ adapter: "slack" });

  if (receiver.kind === "http") {
    const server = (await app.start({ port: options.port, ...(options.host !== undefined && { host: options.host }) })) as Server;
    const port = (server.address() as AddressInfo).port;
    log.info({ transport: "http", port }, "slack adapter listening");
    const stop = async () => {
      await app.stop();
    };
    return { app, publisher, transport: "http", botUserId, port, stop };
  }

  const routes = options.customRoutes?.length ? await startOpsServer(options.customRoutes, options.port, options.host) : undefined;
  try {
    await receiver.receiver.start();
  } catch (error) {
    await routes?.close();
    throw startupError({ call: "apps.connections.open", token: "app-level token", hint: "SLACK_APP_TOKEN must be an app-level token (xapp-…) with connections:write", apiUrl: options.apiUrl }, error, secretScrubber([options.appToken, options.botToken]));
  }
  log.info({ transport: "socket", port: routes?.port }, "slack adapter connected");
  const stop = async () => {
    await receiver.receiver.client.disconnect();
    await routes?.close();
  };
  return { app, publisher, transport: "socket", botUserId, port: routes?.port, stop };
}

interface Identity {
  userId: string;
  botId: string;
  team?: string;
}

/** A post that neither succeeds nor fails by then counts as a network failure (and is retried). */
const SEND_TIMEOUT_MS = 30_000;

/** How long start-up waits for `auth.test` before calling Slack unreachable. */
const AUTH_TEST_TIMEOUT_MS = 10_000;

/**
 * `auth.test` with the bot token: fails fast on a bad token, and names the bot's own user. A Slack it can't
 * reach and a token Slack refuses are told apart: they are fixed in different places.
 */
async function whoAmI(token: string, clientOptions: webApi.WebClientOptions, apiUrl: string | undefined, scrub: (s: string) => string): Promise<Identity> {
  const client = new webApi.WebClient(token, { ...clientOptions, timeout: AUTH_TEST_TIMEOUT_MS });
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (error) {
    throw startupError({ call: "auth.test", token: "bot token", hint: "check SLACK_BOT_TOKEN (xoxb-…)", apiUrl }, error, scrub);
  }
  if (!result.user_id || !result.bot_id) throw new Error("auth.test did not identify a bot user: is SLACK_BOT_TOKEN a bot token (xoxb-…)?");
  return { userId: result.user_id, botId: result.bot_id, ...(result.team !== undefined && { team: result.team }) };
}
