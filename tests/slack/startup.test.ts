/**
 * Misconfiguration fails fast at start-up with a message that says what to fix — and never repeats the
 * secret it is complaining about.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSlack } from "../../adapters/slack/app.ts";
import type { CommandLayer } from "../../src/commands/types.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { FakeSlack } from "../fakes/slack/server.ts";
import { SECRETS } from "./harness.ts";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { deadPort } from "../support/wait.ts";

let fake: FakeSlack;

beforeAll(async () => {
  fake = await FakeSlack.start({ botToken: SECRETS.botToken, appToken: SECRETS.appToken });
});
afterAll(async () => {
  await fake.close();
});

/** Start-up never reaches a command, so the command layer is never called. */
const core = {
  commands: new Proxy({} as CommandLayer, {
    get: () => {
      throw new Error("the command layer must not be used during start-up");
    },
  }),
};
const base = { port: 0, host: "127.0.0.1", log: silentLogger() };

async function failure(start: Promise<unknown>): Promise<Error> {
  const error = await start.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("Slack start-up", () => {
  test("a bot token Slack refuses is reported without echoing it", async () => {
    const wrong = "xoxb-0000-wrong-token-value";
    const error = await failure(startSlack(core, { ...base, botToken: wrong, signingSecret: SECRETS.signingSecret, apiUrl: fake.apiUrl }));
    expect(error.message).toMatch(/bot token.*invalid_auth/);
    expect(error.message).not.toContain(wrong);
  });

  test("HTTP mode without a signing secret is refused before any network call", async () => {
    const before = fake.calls.length;
    const error = await failure(startSlack(core, { ...base, botToken: SECRETS.botToken, apiUrl: fake.apiUrl }));
    expect(error.message).toContain("SLACK_SIGNING_SECRET");
    expect(fake.calls.length).toBe(before);
  });

  test("an app-level token Slack refuses is reported without echoing it", async () => {
    const wrong = "xapp-1-A000-0000-wrong";
    const error = await failure(startSlack(core, { ...base, botToken: SECRETS.botToken, appToken: wrong, apiUrl: fake.apiUrl }));
    expect(error.message).toMatch(/apps\.connections\.open.*invalid_auth.*SLACK_APP_TOKEN/);
    expect(error.message).not.toContain(wrong);
  });

  test("a Slack it can't reach is reported as unreachable at that URL, not as a rejected token", async () => {
    const apiUrl = `http://127.0.0.1:${await deadPort()}/api/`;
    const error = await failure(startSlack(core, { ...base, botToken: SECRETS.botToken, signingSecret: SECRETS.signingSecret, apiUrl }));
    expect(error.message).toContain(`cannot reach Slack at ${apiUrl} (auth.test): ECONNREFUSED`);
    expect(error.message).toContain("SLACK_API_URL");
    expect(error.message).not.toMatch(/rejected|token/i);
  });

  test("a Slack that answers 5xx is reported as such, not as a rejected token", async () => {
    const server = createServer((_req, res) => void res.writeHead(503).end("down"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
    try {
      const error = await failure(startSlack(core, { ...base, botToken: SECRETS.botToken, signingSecret: SECRETS.signingSecret, apiUrl }));
      expect(error.message).toContain(`Slack at ${apiUrl} answered auth.test with HTTP 503`);
      expect(error.message).not.toMatch(/rejected/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
