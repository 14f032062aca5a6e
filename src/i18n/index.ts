/**
 * Fixed strings in zh and en. Each feature keeps its strings in its own file (`core.ts`, `daily.ts`, …)
 * as `{ zh: {...}, en: {...} }` with the same keys; `t()` looks a key up in the chosen language.
 */
import type { Locale } from "../commands/types.ts";

export type Messages = Record<string, string>;
export interface Catalog {
  zh: Messages;
  en: Messages;
}

/** Fills `{name}` placeholders. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** A translator bound to one catalog: `t("zh", "key", { n: 3 })`. */
export function translator(catalog: Catalog) {
  return (locale: Locale, key: string, params?: Record<string, string | number>): string => {
    const template = catalog[locale][key] ?? catalog.en[key];
    if (template === undefined) throw new Error(`missing message: ${key}`);
    return format(template, params);
  };
}

/** Maps a platform locale (`zh-CN`, `zh-TW`, `en-US`, …) to a reply language, else the default. */
export function pickLocale(platformLocale: string | undefined, fallback: Locale): Locale {
  const lang = platformLocale?.toLowerCase().split(/[-_]/)[0];
  if (lang === "zh") return "zh";
  if (lang === "en") return "en";
  return fallback;
}
