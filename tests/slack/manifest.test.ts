/**
 * The shipped app manifest matches what the adapter listens to and calls: one place to forget a scope
 * or an event is enough to make the bot silently deaf in production.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { EVENTS_PATH } from "../../adapters/slack/receiver.ts";

interface Manifest {
  features: { slash_commands: { command: string; url: string }[]; app_home: { messages_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(new URL("../../adapters/slack/manifest.yml", import.meta.url), "utf8")) as Manifest;

test("the manifest declares the command, events, scopes and URLs the adapter uses", () => {
  expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(["/lesson"]);
  expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(["app_mention", "message.im", "message.channels"]));
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
  expect(typeof manifest.settings.socket_mode_enabled).toBe("boolean");
  for (const url of [
    manifest.settings.event_subscriptions.request_url,
    manifest.settings.interactivity.request_url,
    ...manifest.features.slash_commands.map((c) => c.url),
  ]) {
    expect(new URL(url).pathname).toBe(EVENTS_PATH);
  }
  // commands: /lesson; chat:write: replies and shares; app_mentions:read / im:history / channels:history:
  // the events above; users:read: users.info (names, admin check).
  expect(manifest.oauth_config.scopes.bot).toEqual(
    expect.arrayContaining(["commands", "chat:write", "app_mentions:read", "im:history", "channels:history", "users:read"]),
  );
});
