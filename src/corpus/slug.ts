/**
 * Article ids: the corpus file name's stem, kept short and URL/filename safe because the
 * store keys lesson history by it.
 */
export const MAX_ID_LENGTH = 40;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(text: string): boolean {
  return text.length <= MAX_ID_LENGTH && SLUG.test(text);
}

/**
 * A slug from free text: ASCII letters and digits kept, everything else a hyphen.
 * Chinese titles yield little or nothing, so callers must handle `""` (ask for `--slug`).
 */
export function slugify(text: string): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\+\+/g, "pp")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (ascii.length <= MAX_ID_LENGTH) return ascii;
  const cut = ascii.slice(0, MAX_ID_LENGTH + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut.slice(0, MAX_ID_LENGTH)).replace(/-+$/, "");
}
