/**
 * The REPL in-process, over stream pairs: a daily lesson posted through the console publisher shows
 * up with its buttons, and pressing one sends its token to the command layer. (The spawned-process
 * tests in console.e2e.test.ts cover the real core; here the command layer records what it gets.)
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { startConsole } from "../../adapters/console/console.ts";
import { ConsolePublisher } from "../../adapters/console/publisher.ts";
import type { CommandContext, CommandLayer, IncomingMessage, RespondMode } from "../../src/commands/types.ts";
import type { Reply } from "../../src/reply/types.ts";
import { silentLogger } from "../../src/log/logger.ts";

const notice = (text: string): Reply => ({ kind: "notice", visibility: "ephemeral", body: [text], quotes: [], suggestions: [], actions: [] });

function recordingLayer(mode: RespondMode = "mentions") {
  const calls: Array<{ method: string; arg: string; ctx: CommandContext }> = [];
  const layer: CommandLayer = {
    run: async (invocation, ctx) => {
      calls.push({ method: "run", arg: JSON.stringify(invocation), ctx });
      return notice(`ran ${invocation.name}`);
    },
    runText: async (text, ctx) => {
      calls.push({ method: "runText", arg: text, ctx });
      return notice(`ran ${text}`);
    },
    action: async (token, ctx) => {
      calls.push({ method: "action", arg: token, ctx });
      return notice(`pressed ${token}`);
    },
    message: async (message: IncomingMessage, ctx) => {
      calls.push({ method: "message", arg: JSON.stringify(message), ctx });
      return null;
    },
    autocomplete: () => [],
    respondMode: async () => mode,
  };
  return { layer, calls };
}

function session(layer: CommandLayer) {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  const console = startConsole({ commands: layer, input, output, log: silentLogger(), locale: "en", color: false, userName: "ana" });
  /** Types a line and waits for the prompt after the answer. */
  const type = async (line: string) => {
    const from = out.length;
    input.write(`${line}\n`);
    while (!out.slice(from).includes("lessonbot> ")) await new Promise((r) => setImmediate(r));
    return out.slice(from);
  };
  return { console, input, type, output: () => out };
}

describe("console session", () => {
  it("prints a published daily lesson and makes its buttons pressable", async () => {
    const { layer, calls } = recordingLayer();
    const s = session(layer);
    const lesson: Reply = {
      kind: "lesson",
      visibility: "channel",
      heading: "Today's lesson: 靠机制而不是靠人",
      body: [],
      quotes: [
        {
          passageId: "envoy:9",
          segments: [{ text: "靠机制而不是靠人。" }],
          speaker: "Matt Klein",
          title: "Envoy",
          section: "经验教训",
          actions: [{ kind: "share", label: "Share", token: "s|envoy:9|" }],
        },
      ],
      suggestions: [],
      actions: [],
    };
    await new ConsolePublisher(s.console).publish("console", lesson);
    expect(s.output()).toContain("Today's lesson: 靠机制而不是靠人");
    expect(s.output()).toContain("│ 靠机制而不是靠人。");
    expect(s.output()).toContain("[1] Share");

    expect(await s.type("1")).toContain("pressed s|envoy:9|");
    expect(calls).toMatchObject([{ method: "action", arg: "s|envoy:9|" }]);
    s.console.close();
    await s.console.done;
  });

  it("sends commands, mentions and plain text with the console's context", async () => {
    const { layer, calls } = recordingLayer();
    const s = session(layer);
    await s.type("/lesson random");
    expect(await s.type("@lessonbot why burnout?")).toContain("lessonbot stays quiet");
    expect(await s.type("@lessonbot")).toContain("Write your question after @lessonbot");
    expect(await s.type("/lessen x")).toContain("Unknown command /lessen");
    expect(await s.type("3")).toContain("There is no button 3. The latest reply has no buttons.");
    // What the user typed is echoed back short and without control characters.
    const echoed = await s.type(`/x\x1b[2J${"y".repeat(100)}`);
    expect(echoed).not.toContain("\x1b");
    expect(echoed).toContain(`Unknown command /x[2J${"y".repeat(34)}…`);
    s.input.end();
    await s.console.done;

    expect(calls.map((c) => [c.method, c.arg])).toEqual([
      ["runText", "random"],
      ["message", JSON.stringify({ text: "why burnout?", mentioned: true, direct: false })],
    ]);
    const ctx = calls[0]!.ctx;
    expect(ctx).toMatchObject({ platform: "console", channelId: "console", actor: { id: "console", name: "ana", canManageChannel: true } });
    expect(ctx.requestId).toMatch(/^[0-9a-f]{8}$/);
    expect(calls[1]!.ctx.requestId).not.toBe(ctx.requestId);
  });
});
