import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, describeConfig, loadConfig } from "../../src/config/config.ts";
import { VARIABLES } from "../../src/config/variables.ts";

// Realistic-looking fakes; the random tails must never show up in a message. The mark "zqxleak" is seven
// letters so a six-character mkdtemp suffix in a logged path can never spell it (a run failed on "vxzQXx").
const BOT = "xoxb-1111111111-2222222222-zqxleakBOTtail";
const SIGNING = "8f3c2b1a9e8d7c6b5a4f3e2d1c0bzqxleak";
const APP = "xapp-1-A0123-4567-zqxleakAPPtail";
const DISCORD = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.zqxleakDISCORDtailxxxxxxxxxxxxxxxxxx";

function problemsOf(env: Record<string, string>, argv: string[] = []): string[] {
  try {
    loadConfig(env, argv);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

function expectNoSecrets(text: string): void {
  expect(text).not.toMatch(/zqxleak/i);
}

describe("loadConfig", () => {
  it("defaults to the console on the bundled corpus when nothing is set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      corpusDir: "corpus/",
      databasePath: "data/lessonbot.db",
      defaultLocale: "zh",
      port: 3000,
      console: true,
      consoleForced: false,
      development: false,
    });
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
  });

  it("starts Slack over HTTP, Socket Mode, Discord, or both, from the tokens that are set", () => {
    const http = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, SLACK_ADMIN_USER_IDS: "U012ABC, W0XYZ9" });
    expect(http.console).toBe(false);
    expect(http.slack).toMatchObject({ botToken: BOT, signingSecret: SIGNING, adminUserIds: ["U012ABC", "W0XYZ9"] });
    expect(describeConfig(http)).toMatchObject({ adapters: ["slack"], slackMode: "http" });

    const socket = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP });
    expect(socket.slack?.appToken).toBe(APP);
    expect(describeConfig(socket)).toMatchObject({ slackMode: "socket" });

    const both = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: "123456789012345678" });
    expect(both.slack).toBeDefined();
    expect(both.discord).toMatchObject({ token: DISCORD, applicationId: "123456789012345678" });
    expect(describeConfig(both).adapters).toEqual(["slack", "discord"]);
    expectNoSecrets(JSON.stringify(describeConfig(both)));
  });

  it("forces the console with --console or LESSONBOT_CONSOLE=1 even with tokens", () => {
    const tokens = { DISCORD_TOKEN: DISCORD };
    expect(loadConfig(tokens).console).toBe(false);
    expect(loadConfig(tokens, ["--console"])).toMatchObject({ console: true, consoleForced: true });
    expect(loadConfig({ ...tokens, LESSONBOT_CONSOLE: "1" })).toMatchObject({ console: true, consoleForced: true });
    expect(loadConfig({ ...tokens, LESSONBOT_CONSOLE: "0" }).console).toBe(false);
  });

  it("names a missing signing secret and says where to find it", () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: BOT });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SLACK_SIGNING_SECRET is missing: Slack needs it with SLACK_BOT_TOKEN/);
    expect(problems[0]).toContain("Basic Information → App Credentials");
    expectNoSecrets(problems.join("\n"));
  });

  it("names a missing bot token when only other Slack credentials are set", () => {
    const problems = problemsOf({ SLACK_SIGNING_SECRET: SIGNING });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SLACK_BOT_TOKEN is missing/);
    expect(problems[0]).toContain("OAuth & Permissions");
    expectNoSecrets(problems.join("\n"));
  });

  it("recognises swapped Slack tokens without echoing them", () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: APP, SLACK_APP_TOKEN: BOT });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^SLACK_BOT_TOKEN must be a bot token starting with xoxb- \(this one looks like an app-level token \(xapp-\), which belongs in SLACK_APP_TOKEN\)/);
    expect(problems[1]).toMatch(/^SLACK_APP_TOKEN must be an app-level token starting with xapp- \(this one looks like a bot token \(xoxb-\)\)/);
    expectNoSecrets(problems.join("\n"));
  });

  it("reports every problem at once, each naming its variable", () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: `"${BOT}"`,
      PORT: "80a",
      LOG_LEVEL: "loud",
      DEFAULT_LOCALE: "fr",
      LESSONBOT_CONSOLE: "maybe",
      SLACK_API_URL: "not a url",
      SLACK_ADMIN_USER_IDS: "U012ABC,alice",
      DISCORD_TOKEN: `Bot ${DISCORD}`,
    });
    const named = problems.map((p) => p.split(" ")[0]);
    expect(named).toEqual([
      "LOG_LEVEL",
      "DEFAULT_LOCALE",
      "PORT",
      "LESSONBOT_CONSOLE",
      "SLACK_BOT_TOKEN",
      "SLACK_API_URL",
      "SLACK_ADMIN_USER_IDS",
      "SLACK_SIGNING_SECRET",
      "DISCORD_TOKEN",
    ]);
    expect(problems.find((p) => p.startsWith("SLACK_ADMIN_USER_IDS"))).toContain('"alice"');
    expect(problems.find((p) => p.startsWith("DISCORD_TOKEN"))).toContain('without the "Bot " prefix');
    expectNoSecrets(problems.join("\n"));
    expectNoSecrets(new ConfigError(problems).message);
  });

  it("needs a Discord token with an application id, and a numeric id", () => {
    expect(problemsOf({ DISCORD_APPLICATION_ID: "123456789012345678" })[0]).toMatch(/^DISCORD_TOKEN is missing/);
    expect(problemsOf({ DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: "my-app" })[0]).toMatch(/^DISCORD_APPLICATION_ID must be the numeric application id/);
    const malformed = problemsOf({ DISCORD_TOKEN: "zqxleaknotatoken" });
    expect(malformed[0]).toMatch(/^DISCORD_TOKEN doesn't look like a bot token/);
    expectNoSecrets(malformed.join("\n"));
  });

  it("treats empty and blank values as unset", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "  ", PORT: "", DEFAULT_LOCALE: "en-US", NODE_ENV: "development" });
    expect(config).toMatchObject({ console: true, port: 3000, defaultLocale: "en", development: true });
  });
});

describe(".env.example", () => {
  it("documents every variable with a comment", () => {
    const text = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    const lines = text.split("\n");
    for (const { name } of VARIABLES) {
      const at = lines.findIndex((line) => new RegExp(`^#?\\s*${name}=`).test(line));
      expect(at, `${name} in .env.example`).toBeGreaterThan(0);
      expect(lines[at - 1], `comment above ${name}`).toMatch(/^#/);
    }
  });
});
