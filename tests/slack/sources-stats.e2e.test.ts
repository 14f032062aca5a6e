/**
 * `/lesson sources` and `/lesson stats` through the real Bolt app (HTTP receiver) against the fake Slack:
 * the library's articles as linked titles with details, paged by buttons that replace the message; stats
 * for channel managers only, with the channel's questions and gaps.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCore, type Core } from "../../src/app/core.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { startHarness, ADMIN, ALICE, blockText, buttonsOf, type Harness } from "./harness.ts";
import { violations } from "./invariants.ts";
import { writeLibrary } from "../support/library-fixture.ts";

let dir: string;
let core: Core;
let h: Harness;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lessonbot-slack-sources-"));
  writeLibrary(join(dir, "library"), 23);
  core = await createCore({ corpusDir: join(dir, "library"), dbPath: join(dir, "bot.db"), log: silentLogger(), defaultLocale: "en", snapshotDir: false });
  h = await startHarness(core);
});
afterAll(async () => {
  await h?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sections = (body: Record<string, unknown>): string[] =>
  ((body.blocks ?? []) as { type: string; text?: { text: string } }[]).filter((b) => b.type === "section").map((b) => b.text?.text ?? "");

describe("/lesson sources in Slack", () => {
  test("lists articles as linked titles with author, date, passages and lessons, and pages with buttons", async () => {
    const { status, responseId } = await h.command("sources");
    expect(status).toBe(200);
    const first = (await h.fake.waitForResponse(responseId)).body;
    expect(first.response_type).toBe("ephemeral");
    expect(violations(first)).toEqual([]);
    const [heading, ...entries] = sections(first);
    expect(heading).toContain("The library: 23 articles · 1–10");
    expect(entries).toHaveLength(10);
    // Newest first: note 22 is dated 2024-01-23, the latest.
    expect(entries[0]).toMatch(/^<https:\/\/notes\.example\.com\/field_22\|\u200b\*Field note 22: keeping ∗watch∗ \[1\]\*\u200b>\nWriter 2 · 2024-01-23 · 1 passage · \d+ lessons?$/);
    // An author that tries to ping is shown, never executed.
    expect(blockText(first)).not.toMatch(/(?<!\u2060)@everyone|<!everyone>/);
    const [next] = buttonsOf(first);
    expect(next!.text.text).toBe("Next page ›");

    const page2 = await h.press(next!, { ts: "1700000100.000001", ephemeral: true });
    const second = (await h.fake.waitForResponse(page2.responseId)).body;
    expect(second.replace_original).toBe(true);
    expect(sections(second)[0]).toContain("11–20");
    expect(buttonsOf(second).map((b) => b.text.text)).toEqual(["‹ Previous", "Next page ›"]);
    expect(violations(second)).toEqual([]);

    const last = (await h.fake.waitForResponse((await h.command("sources 3")).responseId)).body;
    expect(sections(last)[0]).toContain("21–23");
    expect(buttonsOf(last).map((b) => b.text.text)).toEqual(["‹ Previous"]);
  });

  test("help points to it; a filter narrows it", async () => {
    const help = (await h.fake.waitForResponse((await h.command("help")).responseId)).body;
    expect(blockText(help)).toContain("/lesson sources");
    const filtered = (await h.fake.waitForResponse((await h.command("sources note-07")).responseId)).body;
    expect(sections(filtered)[0]).toContain("1 article matching “note-07”");
  });
});

describe("/lesson stats in Slack", () => {
  test("a member is refused; a workspace admin sees the channel's questions and gaps", async () => {
    await h.fake.waitForResponse((await h.command("night watch", ALICE, "C0STATS01")).responseId);
    await h.fake.waitForResponse((await h.command("volcano eruption", ALICE, "C0STATS01")).responseId);
    const refused = (await h.fake.waitForResponse((await h.command("stats", ALICE, "C0STATS01")).responseId)).body;
    expect(blockText(refused)).toContain("Only people who manage this channel");
    const stats = (await h.fake.waitForResponse((await h.command("stats 7d", ADMIN, "C0STATS01")).responseId)).body;
    expect(stats.response_type).toBe("ephemeral");
    const text = sections(stats).join("\n");
    expect(text).toContain("This channel over the last 7 days");
    expect(text).toContain("2 questions: 1 found nothing");
    expect(text).toContain("volcano eruption (1×, nothing)");
    expect(violations(stats)).toEqual([]);
  });
});

describe("first-week rough edges in Slack", () => {
  test("a time zone people type gets a 'did you mean'; /lesson today stays the same after subscribing", async () => {
    const channel = "C0TODAY01";
    const beijing = (await h.fake.waitForResponse((await h.command("daily 09:00 Beijing", ADMIN, channel)).responseId)).body;
    expect(blockText(beijing)).toContain("Did you mean Asia/Shanghai?");
    const offset = (await h.fake.waitForResponse((await h.command("daily 09:00 UTC+8", ADMIN, channel)).responseId)).body;
    expect(blockText(offset)).toContain("Did you mean Asia/Shanghai");

    const before = (await h.fake.waitForResponse((await h.command("today", ALICE, channel)).responseId)).body;
    // A post time that has passed today, so the first post is tomorrow wherever the test runs.
    const now = new Date();
    const passed = `${String(now.getUTCHours()).padStart(2, "0")}:${String(now.getUTCMinutes()).padStart(2, "0")}`;
    await h.command(`daily ${passed} UTC`, ADMIN, channel);
    // Subscribing is announced in the channel.
    await h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === channel);
    const after = (await h.fake.waitForResponse((await h.command("today", ALICE, channel)).responseId)).body;
    expect(sections(after)[0]).toBe(sections(before)[0]);
    expect(blockText(after)).toContain("this channel's daily post comes");
  });
});
