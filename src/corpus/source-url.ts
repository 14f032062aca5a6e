/**
 * Links back to the source: with `CORPUS_BASE_URL` set (the site the folder is published as), an article
 * without its own `url` links to the base plus its relative path, the way static site generators map
 * files to pages: `a/b.md` → `<base>a/b`, `a/index.md` → `<base>a/`, `README.md` in a folder → that
 * folder. A site path from front matter (`permalink: /blog/x/`) is resolved against the base instead.
 */
import { httpUrl } from "../reply/url.ts";

export function corpusBaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.CORPUS_BASE_URL?.trim();
  return value && httpUrl(value) ? value : undefined;
}

export function sourceUrlFor(baseUrl: string | undefined, relPath: string, sitePath?: string): string | undefined {
  if (!baseUrl) return undefined;
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  if (sitePath) return new URL(sitePath.replace(/^\/+/, ""), base).href;
  const withoutExt = relPath.replace(/\.[^./]*$/, "");
  const page = /(^|\/)(index|_index|readme)$/i.test(withoutExt) ? withoutExt.replace(/(index|_index|readme)$/i, "") : withoutExt;
  const encoded = page.split("/").map(encodeURIComponent).join("/");
  return new URL(encoded, base).href;
}
