/**
 * Renders a platform-neutral `Reply` for a terminal: quotes behind a `│ ` bar with matched terms
 * highlighted, a bold attribution, and every button as a numbered choice the user picks by typing
 * its number. Pure: same reply and options, same text.
 */
import type { Locale } from "../../src/commands/types.ts";
import type { QuoteCard, Reply, ReplyAction } from "../../src/reply/types.ts";
import { stripInvisible } from "../../src/reply/clip.ts";
import { tc } from "../../src/i18n/console.ts";
import { painter, type Paint, type Style } from "./ansi.ts";
import { wrapRuns, type Run } from "./wrap.ts";

export interface RenderOptions {
  color: boolean;
  /** Terminal columns to wrap at. */
  width: number;
  locale: Locale;
}

export interface Rendered {
  text: string;
  /** `choices[n - 1]` is the action behind `[n]`. */
  choices: ReplyAction[];
}

const BAR = "│ ";

/** Text from the reply is data: drop anything that could move the cursor or restyle the terminal. */
function clean(text: string): string {
  return stripInvisible(text);
}

function paintLine(runs: Run[], paint: Paint): string {
  return runs.map((run) => (run.style ? paint(run.style, run.text) : run.text)).join("");
}

/** Wraps styled runs to `width`, each line prefixed by `prefix` (itself styled `prefixStyle`). */
function block(runs: Run[], width: number, paint: Paint, prefix = "", prefixStyle?: Style): string[] {
  const lead = prefixStyle ? paint(prefixStyle, prefix) : prefix;
  return wrapRuns(runs, width - prefix.length).map((line) => lead + paintLine(line, paint));
}

function quoteLines(card: QuoteCard, width: number, paint: Paint, numberOf: (a: ReplyAction) => number): string[] {
  const runs: Run[] = card.segments.map((s) => ({ text: clean(s.text), style: s.mark ? "mark" : undefined }));
  const lines = block(runs, width, paint, BAR, "dim");

  const who: Run[] = [{ text: "— " }];
  if (card.speaker) who.push({ text: clean(card.speaker), style: "bold" }, { text: " · " });
  who.push({ text: `《${clean(card.title)}》`, style: "bold" });
  if (card.section) who.push({ text: ` › ${clean(card.section)}`, style: "dim" });
  lines.push(...block(who, width, paint, "  "));
  if (card.url) lines.push(`    ${paint("accent", clean(card.url))}`);
  if (card.actions?.length) lines.push(`    ${choiceLine(card.actions, paint, numberOf)}`);
  return lines;
}

function choiceLine(actions: ReplyAction[], paint: Paint, numberOf: (a: ReplyAction) => number): string {
  return actions.map((a) => `${paint("accent", `[${numberOf(a)}]`)} ${clean(a.label)}`).join("  ");
}

export function renderReply(reply: Reply, options: RenderOptions): Rendered {
  const paint = painter(options.color);
  const width = Math.max(20, options.width);
  // Numbers follow reading order: each quote's buttons, then the reply's (e.g. "more" at the bottom).
  const choices: ReplyAction[] = [...reply.quotes.flatMap((q) => q.actions ?? []), ...reply.actions];
  const numberOf = (action: ReplyAction) => choices.indexOf(action) + 1;
  const sections: string[][] = [];

  if (reply.heading) sections.push(block([{ text: clean(reply.heading), style: "bold" }], width, paint));
  if (reply.body.length) {
    const style: Style | undefined = reply.kind === "error" ? "error" : undefined;
    sections.push(reply.body.flatMap((p) => block([{ text: clean(p), style }], width, paint)));
  }
  if (reply.entries?.length) {
    sections.push(
      reply.entries.flatMap((entry, i) => {
        const lines = block([{ text: `${i + 1}. ` }, { text: clean(entry.title), style: "bold" }], width, paint);
        lines.push(...block([{ text: clean(entry.details), style: "dim" }], width, paint, "   "));
        if (entry.url) lines.push(`   ${paint("accent", clean(entry.url))}`);
        return lines;
      }),
    );
  }
  for (const card of reply.quotes) sections.push(quoteLines(card, width, paint, numberOf));
  if (reply.suggestions.length) {
    const runs: Run[] = [{ text: tc(options.locale, "suggestions"), style: "dim" }];
    reply.suggestions.forEach((s, i) => {
      if (i > 0) runs.push({ text: " · ", style: "dim" });
      runs.push({ text: clean(s), style: "bold" });
    });
    sections.push(block(runs, width, paint));
  }
  const tail: string[] = [];
  if (reply.actions.length) tail.push(choiceLine(reply.actions, paint, numberOf));
  if (reply.footer) tail.push(...block([{ text: clean(reply.footer), style: "dim" }], width, paint));
  if (tail.length) sections.push(tail);

  return { text: sections.map((lines) => lines.join("\n")).join("\n\n") + "\n", choices };
}
