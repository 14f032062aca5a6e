/**
 * `npm run discord:deploy`: the real script, run as a child process, registers `/lesson` with the fake
 * Discord over a real socket: guild or global route, the command JSON Discord gets, clear failures
 * (rejected token, bad arguments, no token) with the right exit codes, and never the token in its output.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FakeDiscord, type RecordedRequest } from "../fakes/discord/server.ts";
import { APP_ID, GUILD_ID } from "../fakes/discord/world.ts";
import { TOKEN } from "./harness.ts";

type Json = Record<string, unknown>;

const SCRIPT = resolve(import.meta.dirname, "../../adapters/discord/deploy.ts");
/** tsx's loader by absolute path: the child runs in an empty temp folder, where `--import tsx` would not resolve. */
const TSX = fileURLToPath(import.meta.resolve("tsx"));
const OTHER_APP_ID = "1100000000000000042";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let fake: FakeDiscord;
/** The child's working directory: empty (no developer `.env` is read) unless a test writes one. */
let cwd: string;

beforeAll(async () => {
  fake = await FakeDiscord.start({ token: TOKEN });
  cwd = mkdtempSync(join(tmpdir(), "lessonbot-deploy-"));
});
afterAll(async () => {
  await fake?.close();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

/** Runs the script with only the variables given (nothing inherited but PATH), in `cwd`. */
function deploy(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["--import", TSX, SCRIPT, ...args],
      { cwd, env: { PATH: process.env.PATH ?? "", ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** The registration PUTs the fake received since request index `from`. */
function puts(from: number): RecordedRequest[] {
  return fake.requests.slice(from).filter((r) => r.method === "PUT");
}

function expectNoToken(run: Run, token: string): void {
  const output = run.stdout + run.stderr;
  expect(output).not.toContain(token);
  for (const part of token.split(".")) expect(output).not.toContain(part);
}

describe("npm run discord:deploy", () => {
  test("--guild registers /lesson in that server: the command JSON with every subcommand, autocomplete on the query", async () => {
    const from = fake.requests.length;
    const run = await deploy(["--guild", GUILD_ID], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Registered \/lesson for lessonbot/);
    expect(run.stdout).toContain(`server ${GUILD_ID}`);
    expectNoToken(run, TOKEN);

    // The token is checked (and the application looked up with it) before anything changes.
    const requests = fake.requests.slice(from);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /users/@me",
      "GET /applications/@me",
      `PUT /applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
    ]);
    expect(requests.every((r) => r.authorized)).toBe(true);

    const [put] = puts(from);
    const commands = put!.body as Json[];
    expect(commands).toHaveLength(1);
    const lesson = commands[0]!;
    expect(lesson.name).toBe("lesson");
    expect(lesson.type ?? 1).toBe(1);
    const options = lesson.options as Json[];
    expect(options.map((o) => o.name)).toEqual(["search", "random", "today", "daily", "sources", "config", "stats", "help"]);
    const search = options.find((o) => o.name === "search")!;
    expect(search.type).toBe(1);
    expect(search.options).toEqual([
      expect.objectContaining({ name: "query", type: 3, required: true, autocomplete: true, max_length: 1000 }),
    ]);
    // Every name and description fits Discord's rules (names lowercase ≤ 32, descriptions 1–100).
    const all = (list: Json[]): Json[] => list.flatMap((o) => [o, ...all((o.options ?? []) as Json[])]);
    for (const o of all(commands)) {
      expect(String(o.name)).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(String(o.description).length).toBeGreaterThan(0);
      expect(String(o.description).length).toBeLessThanOrEqual(100);
    }
  });

  test("without --guild it registers globally; settings come from .env in the working directory", async () => {
    const from = fake.requests.length;
    writeFileSync(join(cwd, ".env"), `DISCORD_TOKEN=${TOKEN}\nDISCORD_API_URL=${fake.apiUrl}\nDISCORD_APPLICATION_ID=${OTHER_APP_ID}\n`);
    try {
      const run = await deploy([], {});
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Registered \/lesson for lessonbot \(application 1100000000000000042\) globally/);
      expectNoToken(run, TOKEN);
      // The application id from .env is used as is: no lookup, the global route.
      expect(fake.requests.slice(from).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /users/@me", `PUT /applications/${OTHER_APP_ID}/commands`]);
      expect((puts(from)[0]!.body as Json[]).map((c) => c.name)).toEqual(["lesson"]);
    } finally {
      rmSync(join(cwd, ".env"));
    }
  });

  test("a rejected token exits 1, says to check DISCORD_TOKEN, registers nothing and never prints the token", async () => {
    const from = fake.requests.length;
    const wrong = "MTk5OTk5OTk5OTk5OTk5OTk5OQ.GxYzAb.wrongtokenWRONGwrongtokenWRONG987654";
    const run = await deploy(["--guild", GUILD_ID], { DISCORD_TOKEN: wrong, DISCORD_API_URL: fake.apiUrl });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/registration failed: .*401.*check DISCORD_TOKEN/);
    expect(run.stdout).toBe("");
    expectNoToken(run, wrong);
    expect(fake.requests.slice(from).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /users/@me"]);
    expect(fake.requests[from]!.authorized).toBe(false);
  });

  test("an unreachable API exits 1 and says to check the network and DISCORD_API_URL", async () => {
    // A port that was just free: nothing listens there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = await deploy(["--guild", GUILD_ID], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/registration failed: .*could not reach http:\/\/127\.0\.0\.1:\d+\/api: check the network and DISCORD_API_URL/);
    expectNoToken(run, TOKEN);
  });

  test("a bad --guild exits 2 with the usage; so does a missing DISCORD_TOKEN, naming it", async () => {
    const from = fake.requests.length;
    const bad = await deploy(["--guild", "abc"], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--guild needs a server id");
    expect(bad.stderr).toContain("usage: npm run discord:deploy [-- --guild <server id>]");
    expectNoToken(bad, TOKEN);

    const missing = await deploy(["--guild", GUILD_ID], { DISCORD_API_URL: fake.apiUrl });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/DISCORD_TOKEN is not set/);
    // Neither run got as far as Discord.
    expect(fake.requests.length).toBe(from);
  });
});
