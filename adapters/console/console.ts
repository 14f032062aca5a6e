/**
 * The local console: a readline REPL that speaks the chat commands to the command layer and prints
 * replies with `renderReply`. Lines are handled one at a time, in order, so piped input behaves like
 * typed input.
 */
import { createInterface, clearLine, cursorTo } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { CommandContext, CommandLayer, Locale } from "../../src/commands/types.ts";
import type { Reply, ReplyAction } from "../../src/reply/types.ts";
import { requestLogger, newRequestId, type Logger } from "../../src/log/logger.ts";
import { tc } from "../../src/i18n/console.ts";
import { clip, stripInvisible } from "../../src/reply/clip.ts";
import { painter } from "./ansi.ts";
import { parseInput } from "./input.ts";
import { renderReply } from "./render.ts";
import { parseCommandText } from "../../src/commands/parse.ts";

export interface ConsoleOptions {
  commands: CommandLayer;
  input: Readable;
  output: Writable & { isTTY?: boolean; columns?: number };
  log: Logger;
  locale: Locale;
  color: boolean;
  /** The person at the keyboard (OS user name). */
  userName: string;
  /** Printed before the prompt (banner, how to connect). */
  intro?: string;
  /** Lines wait for this (the index loading) instead of being answered "still loading". */
  ready?: Promise<unknown>;
}

export interface ConsoleSession {
  /** Prints a line without garbling what the user is typing (e.g. "index ready"). */
  notify(text: string): void;
  /** Prints a reply that nobody typed for (a daily lesson); its buttons become the current choices. */
  show(reply: Reply): void;
  /** Stops reading; resolves `done` once the line being handled has finished. */
  close(): void;
  /** Resolves when the user left (Ctrl-D, /quit, Ctrl-C) or `close()` was called. */
  done: Promise<void>;
}

export function startConsole(options: ConsoleOptions): ConsoleSession {
  const { commands, output, locale } = options;
  const paint = painter(options.color);
  const say = (text: string): void => {
    output.write(text.endsWith("\n") ? text : `${text}\n`);
  };
  const hint = (text: string): void => say(paint("dim", text));
  /** What the user typed, quoted back in a hint: short, and unable to drive the terminal. */
  const echo = (text: string): string => clip(stripInvisible(text), 40);
  const width = () => Math.min(Math.max(output.columns || 80, 20), 100);

  const rl = createInterface({ input: options.input, output, prompt: tc(locale, "prompt"), terminal: output.isTTY === true });
  let choices: ReplyAction[] = [];
  /** One-time notes on what a plain line did, one per kind of outcome. */
  const hinted = new Set<string>();
  const hintOnce = (key: string, text: string): void => {
    if (hinted.has(key)) return;
    hinted.add(key);
    hint(text);
  };
  let closing = false;

  const context = (): CommandContext => {
    const requestId = newRequestId();
    return {
      platform: "console",
      actor: { id: "console", name: options.userName, canManageChannel: true },
      channelId: "console",
      requestId,
      log: requestLogger(options.log, { reqId: requestId, platform: "console" }),
    };
  };

  /**
   * `pressed`: the reply answers a button. A chat message keeps its buttons when one is pressed (👍, Share),
   * so the numbers still mean the same buttons unless the answer brings buttons of its own (a new page).
   */
  const render = (reply: Reply, pressed = false): string => {
    const rendered = renderReply(reply, { color: options.color, width: width(), locale });
    if (!pressed || rendered.choices.length > 0) choices = rendered.choices;
    return rendered.text;
  };
  // A blank line after each answer keeps one exchange apart from the next.
  const show = (reply: Reply | null, pressed = false): void =>
    reply ? say(`${render(reply, pressed)}\n`) : hint(tc(locale, "quiet"));

  async function handle(line: string): Promise<void> {
    const input = parseInput(line);
    switch (input.kind) {
      case "empty":
        return;
      case "quit":
        rl.close();
        return;
      case "unknown":
        return hint(tc(locale, "unknownCommand", { command: echo(input.command) }));
      case "choice": {
        const action = choices[input.n - 1];
        if (!action) {
          const range = choices.length ? tc(locale, "choiceRange", { max: choices.length }) : tc(locale, "noChoices");
          return hint(tc(locale, "noChoice", { n: input.n, range }));
        }
        return show(await commands.action(action.token, context()), true);
      }
      case "mention":
        if (!input.text) return hint(tc(locale, "emptyMention"));
        return show(await commands.message({ text: input.text, mentioned: true, direct: false }, context()));
      case "plain": {
        // Like a message in a channel: under `questions`/`all` the channel's respond mode decides. Under the
        // default `mentions` a channel message would get nothing, so the console searches it instead.
        const ctx = context();
        const mode = await commands.respondMode(ctx);
        if (mode !== "mentions") {
          hintOnce(`message:${mode}`, tc(locale, "plainMessage", { mode }));
          const answer = await commands.message({ text: input.text, mentioned: false, direct: false }, ctx);
          return answer ? show(answer) : hint(tc(locale, "quietMode", { mode }));
        }
        const invocation = parseCommandText(input.text);
        const ran = invocation.name === "search" ? "plainSearch" : "plainCommand";
        hintOnce(ran, tc(locale, ran, { text: echo(input.text) }));
        return show(await commands.run(invocation, ctx));
      }
      case "command":
        return show(await commands.runText(input.text, context()));
    }
  }

  // One line at a time, in order; the prompt comes back only when the answer is printed.
  let queue: Promise<void> = (options.ready ?? Promise.resolve()).then(
    () => undefined,
    () => undefined,
  );
  rl.on("line", (line) => {
    queue = queue
      .then(() => handle(line))
      .catch((error: unknown) => {
        options.log.error({ err: error }, "console command failed");
        say(paint("error", tc(locale, "failed", { error: error instanceof Error ? error.message : String(error) })));
      })
      .then(() => {
        if (!closing) rl.prompt();
      });
  });
  // Ctrl-C at the prompt leaves, like Ctrl-D (readline would otherwise just pause).
  rl.on("SIGINT", () => rl.close());

  const done = new Promise<void>((resolve) => {
    rl.on("close", () => {
      closing = true;
      queue.then(() => {
        if (output.isTTY) say(`\n${tc(locale, "bye")}`);
        resolve();
      });
    });
  });

  if (options.intro) say(options.intro);
  rl.prompt();

  const notify = (text: string): void => {
    if (closing) return;
    if (output.isTTY) {
      clearLine(output, 0);
      cursorTo(output, 0);
      say(text);
      rl.prompt(true);
    } else {
      say(text);
    }
  };

  return {
    notify,
    show: (reply) => notify(render(reply)),
    close() {
      rl.close();
    },
    done,
  };
}
