/**
 * Start-up with DATABASE_URL pointing at a PostgreSQL that doesn't answer (127.0.0.1:1): a real bot process
 * says plainly that the database at host:port can't be reached and what to check, exits non-zero before
 * any adapter connects, and never prints the URL's password. No PostgreSQL server is needed.
 */
import { describe, expect, it } from "vitest";
import { startBot } from "../console/bot-process.ts";

const PASSWORD = "zqxleakS3cretPassw0rd";
const DATABASE_URL = `postgres://lessonbot:${PASSWORD}@127.0.0.1:1/lessons`;

describe("an unreachable database at start-up", () => {
  for (const mode of ["chat", "console"] as const) {
    it(`${mode} mode: names the database's host:port, says what to check, exits 1, never shows the password`, async () => {
      const env = {
        DATABASE_URL,
        LOG_LEVEL: "info",
        PORT: "0",
        // Chat mode: a Slack bot whose API nothing serves; start-up must stop before it is ever asked.
        ...(mode === "chat" && { SLACK_BOT_TOKEN: "xoxb-1111-2222-unreachabledb", SLACK_SIGNING_SECRET: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", SLACK_API_URL: "http://127.0.0.1:9/api/" }),
      };
      const bot = startBot(mode === "console" ? ["--console"] : [], env);
      try {
        const { code } = await bot.exited;
        const out = bot.stdout() + bot.stderr();
        expect(code).toBe(1);
        expect(bot.stderr()).toContain("lessonbot: cannot reach the database at 127.0.0.1:1 (DATABASE_URL): connect ECONNREFUSED");
        expect(bot.stderr()).toMatch(/Check that PostgreSQL is running and listening on 127\.0\.0\.1:1/);
        expect(out).not.toContain("the index failed to load");
        // It stopped before the chat adapter started.
        expect(out).not.toMatch(/slack adapter|cannot reach Slack/);
        expect(out).not.toContain(PASSWORD);
      } finally {
        bot.cleanup();
      }
    }, 60_000);
  }
});
