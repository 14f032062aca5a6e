/** The console's start-up text: what it is, how to use it, how to connect Slack and Discord. */
import type { Locale } from "../../src/commands/types.ts";
import { tc } from "../../src/i18n/console.ts";
import { painter } from "./ansi.ts";

export interface BannerOptions {
  locale: Locale;
  color: boolean;
  corpusDir: string;
  /** Chat adapters that are configured but not started because the console was forced. */
  skipped: string[];
}

export function consoleBanner(options: BannerOptions): string {
  const { locale } = options;
  const paint = painter(options.color);
  const parts = [paint("bold", tc(locale, "title", { corpus: options.corpusDir })), tc(locale, "usage")];
  if (options.skipped.length) parts.push(paint("dim", tc(locale, "forced", { adapters: options.skipped.join(" + ") })));
  else parts.push(paint("dim", tc(locale, "connect")));
  return `${parts.join("\n\n")}\n`;
}
