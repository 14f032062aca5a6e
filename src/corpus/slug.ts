/**
 * Article ids: a slug of the file's path in the corpus folder, kept short, ASCII and free of `:`/`|`
 * because the store keys lesson history by it and button tokens (≤ 100 characters) carry it.
 */
export const MAX_ID_LENGTH = 40;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(text: string): boolean {
  return text.length <= MAX_ID_LENGTH && SLUG.test(text);
}

/**
 * A slug from free text: ASCII letters and digits kept, everything else a hyphen.
 * Chinese titles yield little or nothing, so callers must handle `""`.
 */
export function slugify(text: string): string {
  const ascii = slugifyAll(text);
  if (ascii.length <= MAX_ID_LENGTH) return ascii;
  const cut = ascii.slice(0, MAX_ID_LENGTH + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut.slice(0, MAX_ID_LENGTH)).replace(/-+$/, "");
}

/** Short, stable digest of a text, for ids that must stay unique after shortening. */
function digest(text: string, length = 6): string {
  // FNV-1a, 32 bits, twice with different seeds: enough spread for ids, no crypto needed (and sync, no import).
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return (a.toString(36) + b.toString(36)).padStart(length, "0").slice(-length);
}

/**
 * An article's id from its path relative to the corpus folder: the slug of the path without its
 * extension, folders joined by `-` (`team/ceo/index.md` → `team-ceo`, `envoy-5-years.md` →
 * `envoy-5-years`). A path whose slug is too long keeps its most specific (last) words and a digest of
 * the whole path; a name with no ASCII letters (a Chinese file name) becomes `doc-` and a digest.
 * Stable: the same relative path always gives the same id.
 */
export function articleIdOf(relPath: string): string {
  const segments = relPath.replace(/\.[^./]*$/, "").split("/").filter(Boolean);
  if (segments.length > 1 && /^(index|_index)$/i.test(segments.at(-1)!)) segments.pop();
  const words = segments.map((s) => slugifyAll(s)).filter(Boolean).join("-");
  const lastSegmentLost = segments.length > 0 && slugifyAll(segments.at(-1)!) === "";
  if (!lastSegmentLost && words.length <= MAX_ID_LENGTH && words.length > 0) return words;
  const tag = digest(relPath);
  const room = MAX_ID_LENGTH - tag.length - 1;
  const tail = lastSegmentLost ? "doc" : tailWords(words, room);
  return `${tail || "doc"}-${tag}`;
}

/**
 * Ids for a whole folder, unique: when two paths give the same id (`A.md` and `a.md`), the first in
 * path order keeps it and the others get a digest of their own path.
 */
export function assignArticleIds(relPaths: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const relPath of relPaths) {
    let id = articleIdOf(relPath);
    if (taken.has(id)) id = `${tailWords(id, MAX_ID_LENGTH - 7)}-${digest(relPath)}`;
    for (let n = 2; taken.has(id); n += 1) id = `${tailWords(id, MAX_ID_LENGTH - 7)}-${digest(`${relPath}#${n}`)}`;
    taken.add(id);
    ids.set(relPath, id);
  }
  return ids;
}

/** `slugify` without its length cut (the caller shortens the joined path). */
function slugifyAll(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\+\+/g, "pp")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The last hyphen-separated words of a slug that fit in `room` characters. */
function tailWords(slug: string, room: number): string {
  if (slug.length <= room) return slug;
  const words = slug.split("-");
  let out = "";
  for (let i = words.length - 1; i >= 0; i -= 1) {
    const next = out ? `${words[i]}-${out}` : words[i]!;
    if (next.length > room) break;
    out = next;
  }
  return out || slug.slice(-room).replace(/^-+/, "");
}
