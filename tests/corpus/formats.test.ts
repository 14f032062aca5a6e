/** Web page metadata (meta tags, JSON-LD, <time>, <title>) and damaged Word/PDF files. */
import { describe, expect, it } from "vitest";
import { extractHtmlArticle } from "../../src/corpus/formats/html.ts";
import { parseByline } from "../../src/corpus/formats/byline.ts";
import { CorpusFileError, parseDocument } from "../../src/corpus/load.ts";

const BODY =
  "<p>Good documentation is written for the reader who arrives from a search engine with one question and five minutes to spare.</p>" +
  "<p>That reader needs the answer first, then the reasons, and only then the history of how the team got there.</p>" +
  "<p>Everything else belongs in an appendix that nobody is forced to read.</p>";

describe("web page metadata", () => {
  it("reads title, author, date, publisher and address from JSON-LD", () => {
    const ld = JSON.stringify({
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "WebSite", name: "Docs Weekly" },
        { "@type": "NewsArticle", headline: "Write for the reader", author: [{ "@type": "Person", name: "Ada Park" }], datePublished: "2024-02-29T09:30:00+08:00", publisher: { name: "Docs Weekly" }, url: "https://docs.example.com/reader" },
      ],
    });
    const page = extractHtmlArticle(`<html><head><title>Home | Docs Weekly</title><script type="application/ld+json">${ld}</script></head><body><article>${BODY}</article></body></html>`);
    expect(page).toMatchObject({ title: "Write for the reader", author: "Ada Park", date: "2024-02-29", site: "Docs Weekly", url: "https://docs.example.com/reader" });
  });

  it("takes the date from <time> and the title from <title> without the site's name when nothing else says", () => {
    const page = extractHtmlArticle(`<html><head><title>Write for the reader – Docs Weekly</title></head><body><article><p><time datetime="2023-05-12">May 12</time></p>${BODY}</article></body></html>`);
    expect(page.title).toBe("Write for the reader");
    expect(page.date).toBe("2023-05-12");
  });

  it("ignores malformed JSON-LD and an author given as a profile URL", () => {
    const page = extractHtmlArticle(`<html><head><meta name="author" content="https://social.example/@ada"><script type="application/ld+json">{ not json</script><meta property="og:title" content="Write for the reader"></head><body><article>${BODY}</article></body></html>`);
    expect(page.title).toBe("Write for the reader");
    expect(page.author).toBeUndefined();
  });
});

describe("bylines outside the article", () => {
  it("reads author, source and date from a byline element above the article", () => {
    const page = extractHtmlArticle(
      `<html><head><title>开源社区的长期主义</title></head><body><div class="post-header"><h1>开源社区的长期主义</h1><div class="article-meta">张三 · 来源：开源中国 · 2023-05-12</div></div>` +
        `<article><p>做开源不是一锤子买卖，社区的信任需要很多年慢慢积累，任何捷径最后都会付出代价。</p><p>维护者要学会拒绝，不是每个功能请求都应该合并进来，这样项目才能长期保持清晰的方向。</p><p>第三段：治理结构也要随之演进，让更多人参与决策。</p></article></body></html>`,
    );
    expect(page).toMatchObject({ title: "开源社区的长期主义", author: "张三", site: "开源中国", date: "2023-05-12" });
  });

  it("takes a lone name only from an element marked as the author", () => {
    const page = extractHtmlArticle(`<html><body><div class="info-box">Weekly digest</div><span class="author-name">Ada Park</span><article>${BODY}</article></body></html>`);
    expect(page.author).toBe("Ada Park");
  });
});

describe("saved pages in other charsets", () => {
  it("decodes a GBK page as its <meta> declares", async () => {
    const text = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"><title>开源社区的长期主义</title></head><body><article><h1>开源社区的长期主义</h1><p>做开源不是一锤子买卖，社区的信任需要很多年慢慢积累，任何捷径最后都会付出代价。维护者要学会拒绝，不是每个功能请求都应该合并进来。</p></article></body></html>";
    // GBK bytes, written by hand: Node can decode GBK but not encode it.
    const gbk = Buffer.from(new Uint8Array(encodeGbk(text)));
    const article = await parseDocument("page.html", gbk);
    expect(article.meta.title).toBe("开源社区的长期主义");
    expect(article.sections.flatMap((s) => s.blocks.map((b) => (b.kind === "paragraph" ? b.text : ""))).join("")).toContain("社区的信任需要很多年慢慢积累");
  });
});

/** GBK encoding by inverting Node's GBK decoder over the two-byte range (test helper, slow but small). */
function encodeGbk(text: string): number[] {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder("gbk");
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([hi, lo]));
      if (char.length === 1 && !table.has(char)) table.set(char, [hi, lo]);
    }
  }
  return [...text].flatMap((char) => (char.charCodeAt(0) < 0x80 ? [char.charCodeAt(0)] : table.get(char) ?? [0x3f]));
}

describe("bylines", () => {
  it.each([
    ["2016-10-16 11:15:34", { date: "2016-10-16" }],
    ["November 8, 2025 · 14 min read", { date: "2025-11-08" }],
    ["张三 · 来源：开源中国 · 2023-05-12", { author: "张三", source: "开源中国", date: "2023-05-12" }],
    ["By Jane Doe | 3 March 2024", { author: "Jane Doe", date: "2024-03-03" }],
    ["作者：李四 2023年5月12日 阅读 1.2k", { author: "李四", date: "2023-05-12" }],
  ])("%j", (line, expected) => {
    expect(parseByline(line)).toEqual(expected);
  });
});

describe("damaged documents", () => {
  const reason = async (name: string, bytes: Buffer) => {
    try {
      await parseDocument(name, bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(CorpusFileError);
      return (error as CorpusFileError).reason;
    }
    throw new Error("expected a CorpusFileError");
  };

  it("names a damaged .docx and an old .doc renamed, and a PDF that is not one", async () => {
    expect(await reason("a.docx", Buffer.from("PK\u0003\u0004 then garbage that is not a zip"))).toMatch(/cannot be read as a document.*damaged/);
    expect(await reason("b.docx", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toMatch(/not a Word document.*\.docx/);
    expect(await reason("c.pdf", Buffer.from("%PDF-1.4\nbroken"))).toMatch(/cannot be read as a document|no text layer/);
  });
});
