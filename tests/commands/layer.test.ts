import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, startCore, type Core } from "../../src/app/core.ts";
import { silentLogger } from "../../src/log/logger.ts";
import type { CommandContext } from "../../src/commands/types.ts";
import type { Reply } from "../../src/reply/types.ts";
import { createCommandLayer, type CommandEvent } from "../../src/commands/layer.ts";

const corpusDir = join(import.meta.dirname, "../../corpus");
let dir: string;
let core: Core;

function ctx(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    platform: "console",
    actor: { id: "u1", name: "Ana", canManageChannel: false },
    channelId: "c1",
    requestId: "req-1",
    log: silentLogger(),
    ...overrides,
  };
}

const quoteText = (reply: Reply) => reply.quotes.map((q) => q.segments.map((s) => s.text).join("")).join("\n");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lessonbot-layer-"));
  core = await createCore({ corpusDir, dbPath: join(dir, "bot.db"), log: silentLogger() });
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("search command", () => {
  it("answers with quotes, attribution, per-quote buttons and a More button", async () => {
    const reply = await core.commands.runText("职业倦怠", ctx());
    expect(reply.kind).toBe("quotes");
    expect(reply.visibility).toBe("ephemeral");
    expect(reply.quotes.length).toBeGreaterThan(0);
    expect(reply.quotes.length).toBeLessThanOrEqual(3);
    expect(quoteText(reply)).toContain("倦怠");
    expect(reply.quotes[0]!.segments.some((s) => s.mark)).toBe(true);
    expect(reply.quotes[0]!.title).toContain("Envoy");
    expect(reply.quotes[0]!.actions?.map((a) => a.kind)).toEqual(["share", "helpful", "not_helpful"]);
    expect(reply.actions.map((a) => a.kind)).toEqual(["more"]);
  });

  it("pages with More: the next page replaces the original and repeats no quote", async () => {
    const first = await core.commands.runText("开源", ctx());
    const more = await core.commands.action(first.actions[0]!.token, ctx());
    expect(more.replaceOriginal).toBe(true);
    expect(more.kind).toBe("quotes");
    const seen = new Set(first.quotes.map((q) => q.passageId));
    for (const q of more.quotes) expect(seen.has(q.passageId)).toBe(false);
  });

  it("asks what to search for on empty or blank input", async () => {
    for (const text of ["search", "search    "]) {
      const reply = await core.commands.runText(text, ctx({ locale: "en" }));
      expect(reply.kind).toBe("notice");
      expect(reply.body.join(" ")).toMatch(/What should I look for/);
      expect(reply.suggestions.length).toBeGreaterThan(0);
    }
  });

  it("answers a 10,000-character query from its start and says so", async () => {
    const reply = await core.commands.runText("职业倦怠" + "啊".repeat(10_000), ctx({ locale: "en" }));
    expect(reply.kind).toBe("quotes");
    expect(quoteText(reply)).toContain("倦怠");
    expect(reply.body.join(" ")).toMatch(/first \d+ characters/);
    expect(reply.heading!.length).toBeLessThan(400);
  });

  it("offers suggestions, not a crash, for punctuation or emoji only", async () => {
    for (const text of ["？！。…", "🙂🙂🙂", "<!channel> ***"]) {
      const reply = await core.commands.runText(text, ctx());
      expect(["no_match", "notice"]).toContain(reply.kind);
      expect(reply.quotes).toEqual([]);
      expect(reply.suggestions.length).toBeGreaterThan(0);
    }
  });

  it("replies in English or Chinese from the platform locale", async () => {
    expect((await core.commands.runText("help", ctx({ locale: "en-US" }))).heading).toBe("How to use lessonbot");
    expect((await core.commands.runText("help", ctx({ locale: "zh-CN" }))).heading).toBe("lessonbot 用法");
  });
});

describe("buttons", () => {
  it("share posts the quote in the channel naming the sharer, without a mention", async () => {
    const search = await core.commands.runText("基金会", ctx({ locale: "en" }));
    const share = search.quotes[0]!.actions!.find((a) => a.kind === "share")!;
    const posted = await core.commands.action(share.token, ctx({ locale: "en" }));
    expect(posted.visibility).toBe("channel");
    expect(posted.quotes.map((q) => q.passageId)).toEqual([search.quotes[0]!.passageId]);
    expect(posted.footer).toBe("Shared by Ana");
  });

  it("records helpful / not helpful feedback in the store", async () => {
    const search = await core.commands.runText("治理", ctx());
    const card = search.quotes[0]!;
    const up = await core.commands.action(card.actions!.find((a) => a.kind === "helpful")!.token, ctx({ actor: { id: "fb-user", canManageChannel: false } }));
    expect(up.kind).toBe("notice");
    const db = new Database(join(dir, "bot.db"), { readonly: true });
    try {
      const rows = db.prepare("SELECT passage_id, query, helpful FROM feedback WHERE user_id = ?").all("fb-user");
      expect(rows).toEqual([{ passage_id: card.passageId, query: "治理", helpful: 1 }]);
    } finally {
      db.close();
    }
  });

  it("a forged or stale token gets a clear error, not a crash", async () => {
    for (const token of ["garbage", "m|nope|1", "s|no-such:1|"]) {
      const reply = await core.commands.action(token, ctx());
      expect(reply.kind).toBe("error");
      expect(reply.body.length).toBe(1);
    }
  });
});

describe("channel Q&A", () => {
  it("answers a mention in thread with strong quotes", async () => {
    const reply = await core.commands.message({ text: "开源项目应该什么时候考虑治理?", mentioned: true, direct: false }, ctx());
    expect(reply?.visibility).toBe("thread");
    expect(reply?.kind).toBe("quotes");
    expect(quoteText(reply!)).toMatch(/治理/);
    expect(reply!.quotes[0]!.actions!.map((a) => a.kind)).toEqual(["helpful", "not_helpful"]);
  });

  it("says briefly that nothing fits an off-topic mention, with suggestions and no quote", async () => {
    const reply = await core.commands.message({ text: "今天天气怎么样", mentioned: true, direct: false }, ctx());
    expect(reply?.kind).toBe("no_match");
    expect(reply?.quotes).toEqual([]);
    expect(reply?.suggestions.length).toBeGreaterThan(0);
  });

  it("stays quiet on unaddressed messages unless the channel asks, and then only with a good answer", async () => {
    const channel = ctx({ channelId: "qa-chan", actor: { id: "admin", canManageChannel: true } });
    const question = { text: "基金会对开源项目有什么用?", mentioned: false, direct: false };
    expect(await core.commands.message(question, channel)).toBeNull();
    await core.commands.runText("config respond questions", channel);
    expect((await core.commands.message(question, channel))?.kind).toBe("quotes");
    expect(await core.commands.message({ ...question, text: "部署完成了" }, channel)).toBeNull();
    expect(await core.commands.message({ ...question, text: "今天天气怎么样?" }, channel)).toBeNull();
  });
});

describe("config", () => {
  it("refuses people who cannot manage the channel and keeps the setting", async () => {
    const refused = await core.commands.runText("config respond all", ctx({ channelId: "c-deny", locale: "en" }));
    expect(refused.kind).toBe("error");
    expect(refused.body[0]).toMatch(/Only people who manage/);
    expect((await core.store.getChannelSettings({ platform: "console", channelId: "c-deny" })).respondMode).toBe("mentions");
  });

  it("explains the valid values on bad input", async () => {
    const reply = await core.commands.runText("config respond sometimes", ctx({ locale: "en", actor: { id: "a", canManageChannel: true } }));
    expect(reply.kind).toBe("error");
    expect(reply.body[0]).toMatch(/mentions\|questions\|all/);
  });
});

describe("robustness", () => {
  it("answers 'still loading' before the index is ready and stays quiet in channels", async () => {
    const starting = startCore({ corpusDir, dbPath: join(dir, "early.db"), log: silentLogger() });
    try {
      // Loading is asynchronous, so right after start the index cannot be ready yet.
      expect(starting.isReady()).toBe(false);
      const reply = await starting.commands.runText("职业倦怠", ctx({ locale: "en" }));
      expect(reply.body[0]).toMatch(/Still loading/);
      expect(await starting.commands.message({ text: "开源?", mentioned: false, direct: false }, ctx())).toBeNull();
      await starting.ready;
      expect((await starting.commands.runText("职业倦怠", ctx())).kind).toBe("quotes");
    } finally {
      await starting.close();
    }
  });

  it("turns a failing command into an error reply with the request id, and reports it to metrics", async () => {
    const events: CommandEvent[] = [];
    const broken = createCommandLayer(
      {
        engine: () => {
          throw new Error("boom");
        },
        store: core.store,
        daily: core.daily,
        locale: () => "en",
        now: () => new Date(),
      },
      { onCommand: (e) => events.push(e) },
    );
    const reply = await broken.runText("职业倦怠", ctx({ requestId: "ref-42" }));
    expect(reply.kind).toBe("error");
    expect(reply.body[0]).toContain("ref-42");
    expect(events).toEqual([expect.objectContaining({ command: "search", outcome: "error", platform: "console" })]);
  });
});
