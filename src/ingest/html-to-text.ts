/**
 * Scraped HTML → the same line-per-block text a copy-paste scrape gives, without a parser
 * dependency: block tags become line breaks, list items `• ` bullets, `<h1>`–`<h6>` Markdown
 * `#` headings, entities are decoded, and script/style/head and comments are dropped. Good enough for article pages; it does not
 * attempt to render tables or layout.
 */

/** Never article text: code, styling, page navigation and side/foot bars (related lists live there). */
const DROPPED_ELEMENTS = ["script", "style", "noscript", "template", "head", "svg", "iframe", "button", "form", "select", "nav", "aside", "footer"];
const BLOCK_TAGS = new Set([
  "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure",
  "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "summary",
  "table", "tbody", "thead", "tfoot", "tr", "ul", "li", "td", "th", "caption",
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ensp: " ", emsp: " ", thinsp: " ",
  hellip: "…", mdash: "—", ndash: "–", lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", laquo: "«", raquo: "»",
  middot: "·", bull: "•", copy: "©", reg: "®", trade: "™", times: "×", divide: "÷", deg: "°", yen: "¥",
  euro: "€", pound: "£", cent: "¢", sect: "§", para: "¶", zwj: "\u200d", zwnj: "\u200c", shy: "",
};

/** Decodes named (common set) and numeric character references; unknown names are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : "\uFFFD";
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** True when the input looks like HTML markup rather than scraped plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<(!doctype\s+html|html[\s>]|body[\s>]|p[\s>]|div[\s>]|article[\s>]|h[1-6][\s>])/i.test(text.slice(0, 4000));
}

/** The page's `<article>` (or `<main>`) when it has exactly one: the rest of a page is chrome. */
function mainContent(html: string): string {
  for (const tag of ["article", "main"]) {
    const matches = [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}\\s*>`, "gi"))];
    if (matches.length === 1) return matches[0]![1]!;
  }
  return html;
}

export function htmlToText(html: string): string {
  let text = mainContent(html).replace(/<!--[\s\S]*?(-->|$)/g, "").replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "");
  for (const tag of DROPPED_ELEMENTS) {
    text = text.replace(new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?</${tag}\\s*>`, "gi"), "\n");
  }
  // Source whitespace is layout, not content (except inside <pre>, which articles rarely need).
  text = text.replace(/\s+/g, " ");
  text = text.replace(/<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g, (tag: string, rawName: string) => {
    const name = rawName.toLowerCase();
    const closing = tag.startsWith("</");
    if (name === "br") return "\n";
    if (name === "li" && !closing) return "\n• ";
    // Real heading tags are kept as Markdown headings: the strongest structure signal a page has.
    if (/^h[1-6]$/.test(name)) return closing ? "\n\n" : `\n\n${"#".repeat(Number(name[1]))} `;
    if (name === "img") return " ";
    return BLOCK_TAGS.has(name) ? "\n\n" : "";
  });
  text = decodeEntities(text.replace(/<[^>]*>/g, ""));
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/•\s*\n+/g, "• ")
    .trim();
}
