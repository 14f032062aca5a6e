/**
 * A library as a team keeps it, written here (never the shared texts): nested folders, Markdown with and
 * without front matter (Hugo TOML, Jekyll YAML), mixed-case and Chinese file names, a saved web page with
 * its site's chrome, a text scrape, a Word file and a PDF made by the test, and files that must be
 * refused with a message: binary bytes in a `.md`, an empty file, an oversized file, malformed front
 * matter, a link out of the folder. Each one is loaded, or refused with its path and what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadCorpus } from "../../src/corpus/load.ts";
import type { Article, CorpusLoadResult } from "../../src/corpus/types.ts";
import { tempDir } from "./helpers.ts";
import { makeDocx, makePdf } from "./make-docs.ts";

const { dir: root, cleanup } = tempDir("library");
afterAll(cleanup);
const lib = join(root, "library");

const write = (rel: string, content: string | Buffer) => {
  mkdirSync(dirname(join(lib, rel)), { recursive: true });
  writeFileSync(join(lib, rel), content);
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <title>Why We Write Postmortems | Acme Engineering Blog</title>
  <meta property="og:site_name" content="Acme Engineering Blog">
  <link rel="canonical" href="https://blog.acme.example/postmortems">
</head>
<body>
  <header class="site-header"><nav><a href="/">Home</a> <a href="/blog">Blog</a> <a href="/careers">Careers</a> <a href="/about">About us</a></nav></header>
  <aside class="sidebar"><h3>Related posts</h3><ul><li><a href="/a">Ten tips for standups</a></li><li><a href="/b">Our hiring process</a></li></ul></aside>
  <main>
    <article>
      <h1>Why We Write Postmortems</h1>
      <p class="byline">By Jane Doe · November 8, 2025 · 14 min read</p>
      <p>Every outage teaches something, but only if somebody writes the lesson down while it is fresh. A postmortem is that record, and we write one for every incident that paged a human.</p>
      <h2>Blameless by default</h2>
      <p>People make mistakes when systems let them. The question in a postmortem is never who pressed the button, but why the button was there to press, and what would have stopped it.</p>
      <p>We name the systems, never the people, and we share the document with the whole company within a week.</p>
      <h2>What a good one contains</h2>
      <ul><li>A timeline with times in UTC.</li><li>The impact on customers, in numbers.</li><li>Actions with owners and dates.</li></ul>
      <pre><code>kubectl rollout undo deployment/api</code></pre>
    </article>
  </main>
  <footer><p>© 2025 Acme Inc. All rights reserved. Subscribe to our newsletter.</p></footer>
</body>
</html>`;

let result: CorpusLoadResult;
const byPath = (rel: string): Article => {
  const article = result.articles.find((a) => a.relPath === rel);
  if (!article) throw new Error(`${rel} did not load: ${JSON.stringify(result.errors)}`);
  return article;
};
const textOf = (article: Article) =>
  article.sections.flatMap((s) => [s.heading, ...s.blocks.flatMap((b) => (b.kind === "list" ? b.items : [b.text]))]).join("\n");
const reasonFor = (rel: string) => result.errors.find((e) => e.path === join(lib, rel));

beforeAll(async () => {
  write("handbook/index.md", "# Handbook Home\n\nWelcome to the team handbook. It describes how we work and why.\n");
  write("handbook/Team/On-Call_Guide.md", "## Before your shift\n\nCheck that your pager works and that you can reach the dashboards.\n");
  write(
    "blog/hugo-post.md",
    '+++\ntitle = "Shipping on Fridays"\ndate = 2021-09-14T10:00:00Z\nauthors = ["Ann Lee", "Bo Chen"]\ntags = ["release"]\ndraft = false\nurl = "/posts/shipping-on-fridays/"\nweight = 3\n+++\n\nWe ship on Fridays because our rollbacks take one minute.\n',
  );
  write(
    "blog/jekyll-post.md",
    "---\nlayout: post\ntitle: Code review etiquette\ndate: 2020-01-02 10:00:00 +0800\nauthor: Kim Park\ndescription: How we review code.\ntags: review, culture\npermalink: /blog/code-review/\n---\n\nReview the change, not the person who wrote it.\n",
  );
  write("blog/draft.md", "---\ntitle: Not yet\ndraft: true\n---\n\nUnfinished thoughts.\n");
  write("笔记/职业倦怠.md", "# 职业倦怠\n\n长期的压力会让人失去热情，\n所以要学会休息。\n");
  write("pages/postmortems.html", PAGE);
  write(
    "scrapes/interview.txt",
    "开源社区的长期主义\n作者：张三\n2023-05-12\n\n做开源不是一锤子买卖，社区的信任需要很多年慢慢积累，任何捷径最后都会付出代价。\n\n维护者要学会拒绝，不是每个功能请求都应该合并进来。\n",
  );
  write(
    "notes/wrapped.txt",
    "Release notes\n\nThis release moves the search index to a snapshot that is written after every\nbuild and read back at start, so a restart no longer rebuilds the index from\nthe files.\n\n- Faster start\n- Smaller memory use\n",
  );
  write("notes/one-line.txt", "Remember to rotate the signing keys every quarter.\n");
  write(
    "docs/report.docx",
    makeDocx([
      { text: "Quarterly Report", style: "Heading1" },
      { text: "Revenue grew because customers stayed longer than they did last year." },
      { text: "Next steps", style: "Heading2" },
      { text: "We will hire two more support engineers before the summer." },
    ]),
  );
  write("docs/slides.pdf", makePdf([["Incident review training.", "", "Write the timeline first, then the causes."], ["Share the review with everyone."]], "Incident Review"));
  write(
    "docs/handbook.pdf",
    makePdf([
      [{ text: "Onboarding Guide", size: 20 }, "Welcome to the team.", "", { text: "First week", size: 16 }, "Set up your laptop on day one.", "Meet your buddy,", "who answers your questions."],
      [{ text: "Security", size: 16 }, { text: "Passwords", size: 14 }, "Use a password manager for every account.", { text: "A sentence in large type goes on,", size: 16 }, "and is no heading."],
    ]),
  );
  write("assets/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  write(".git/HEAD.md", "# not a document of the team\n\nhidden folder\n");
  write("node_modules/pkg/README.md", "# a dependency\n\nnot the team's words\n");
  write("broken/binary.md", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  write("broken/empty.md", "");
  write("broken/huge.md", `# Huge\n\n${"All work and no play. ".repeat(100_000)}\n`);
  write("broken/bad-yaml.md", "---\ntitle: [unclosed\n---\n\nText.\n");
  write("broken/bad-toml.md", "+++\ntitle = \n+++\n\nText.\n");
  write("broken/fake.pdf", "this is not a PDF at all");
  mkdirSync(join(root, "outside"));
  writeFileSync(join(root, "outside", "secret.md"), "# Secret\n\nnot part of the library\n");
  symlinkSync(join(root, "outside", "secret.md"), join(lib, "linked-secret.md"));
  symlinkSync(join(root, "outside"), join(lib, "linked-folder"));
  symlinkSync(join(lib, "handbook", "index.md"), join(lib, "alias.md"));
  symlinkSync(join(lib, "handbook"), join(lib, "handbook-again"));
  write("Case/Notes.md", "Upper-case folder and name.\n");
  write("case/notes.md", "Lower-case twin of another file.\n");

  result = await loadCorpus(lib, { baseUrl: "https://handbook.example.com/" });
}, 60_000);

describe("loading a library as it is", () => {
  it("reads nested folders and skips hidden folders, node_modules and non-documents quietly", () => {
    const paths = result.articles.map((a) => a.relPath);
    expect(paths).toContain("handbook/Team/On-Call_Guide.md");
    expect(paths.some((p) => p?.startsWith(".git") || p?.includes("node_modules") || p?.endsWith(".png"))).toBe(false);
    expect(result.errors.some((e) => /\.git|node_modules|logo\.png/.test(e.path))).toBe(false);
  });

  it("titles a file without front matter by its first H1, else by its name made readable", () => {
    expect(byPath("handbook/index.md").meta.title).toBe("Handbook Home");
    expect(byPath("handbook/Team/On-Call_Guide.md").meta.title).toBe("On Call Guide");
    expect(byPath("笔记/职业倦怠.md").meta.title).toBe("职业倦怠");
  });

  it("gives every article a stable, readable, unique id from its relative path", () => {
    expect(byPath("handbook/index.md").meta.id).toBe("handbook");
    expect(byPath("handbook/Team/On-Call_Guide.md").meta.id).toBe("handbook-team-on-call-guide");
    expect(byPath("笔记/职业倦怠.md").meta.id).toMatch(/^doc-[a-z0-9]{6}$/);
    const ids = result.articles.map((a) => a.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(byPath("Case/Notes.md").meta.id).toBe("case-notes");
    expect(byPath("case/notes.md").meta.id).toMatch(/^case-notes-[a-z0-9]{6}$/);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("reads Hugo TOML front matter", () => {
    const meta = byPath("blog/hugo-post.md").meta;
    expect(meta).toMatchObject({ title: "Shipping on Fridays", date: "2021-09-14", author: "Ann Lee, Bo Chen", tags: ["release"], lang: "en" });
    expect(meta.url).toBe("https://handbook.example.com/posts/shipping-on-fridays/");
  });

  it("reads Jekyll YAML front matter, ignoring the site's own keys", () => {
    const meta = byPath("blog/jekyll-post.md").meta;
    expect(meta).toMatchObject({ title: "Code review etiquette", date: "2020-01-02", author: "Kim Park", summary: "How we review code.", tags: ["review", "culture"] });
    expect(meta.url).toBe("https://handbook.example.com/blog/code-review/");
  });

  it("links articles without a url to CORPUS_BASE_URL + their path", () => {
    expect(byPath("handbook/index.md").meta.url).toBe("https://handbook.example.com/handbook/");
    expect(byPath("handbook/Team/On-Call_Guide.md").meta.url).toBe("https://handbook.example.com/handbook/Team/On-Call_Guide");
    expect(byPath("笔记/职业倦怠.md").meta.url).toBe("https://handbook.example.com/%E7%AC%94%E8%AE%B0/%E8%81%8C%E4%B8%9A%E5%80%A6%E6%80%A0");
  });

  it("detects the language per article; English is never zh", () => {
    expect(byPath("handbook/index.md").meta.lang).toBe("en");
    expect(byPath("pages/postmortems.html").meta.lang).toBe("en");
    expect(byPath("笔记/职业倦怠.md").meta.lang).toBe("zh");
    expect(byPath("scrapes/interview.txt").meta.lang).toBe("zh");
  });

  it("joins hard-wrapped Chinese lines without a space", () => {
    expect(textOf(byPath("笔记/职业倦怠.md"))).toContain("长期的压力会让人失去热情，所以要学会休息。");
  });

  it("finds a web page's article among the site's chrome, with its title, byline, date, site and canonical address", () => {
    const article = byPath("pages/postmortems.html");
    expect(article.meta).toMatchObject({
      title: "Why We Write Postmortems",
      author: "Jane Doe",
      date: "2025-11-08",
      source: "Acme Engineering Blog",
      url: "https://blog.acme.example/postmortems",
    });
    expect(article.sections.map((s) => s.heading).filter(Boolean)).toEqual(["Blameless by default", "What a good one contains"]);
    const text = textOf(article);
    expect(text).toContain("A postmortem is that record");
    expect(text).toContain("A timeline with times in UTC.");
    for (const chrome of ["Careers", "Related posts", "Ten tips for standups", "All rights reserved", "kubectl", "14 min read"]) expect(text).not.toContain(chrome);
  });

  it("reads a text scrape: title line, byline and date become metadata, paragraphs become passages", () => {
    const article = byPath("scrapes/interview.txt");
    expect(article.meta).toMatchObject({ title: "开源社区的长期主义", author: "张三", date: "2023-05-12", lang: "zh" });
    const text = textOf(article);
    expect(text).toContain("社区的信任需要很多年慢慢积累");
    expect(text).toContain("维护者要学会拒绝");
    expect(text).not.toContain("作者");
  });

  it("reads plain text notes: hard-wrapped paragraphs joined, bullets as a list, a lone line as the text", () => {
    const notes = byPath("notes/wrapped.txt");
    expect(notes.meta.title).toBe("Release notes");
    expect(notes.sections).toEqual([
      {
        heading: "",
        path: [],
        level: 0,
        blocks: [
          { kind: "paragraph", text: "This release moves the search index to a snapshot that is written after every build and read back at start, so a restart no longer rebuilds the index from the files." },
          { kind: "list", items: ["Faster start", "Smaller memory use"] },
        ],
      },
    ]);
    const line = byPath("notes/one-line.txt");
    expect(line.meta.title).toBe("One line");
    expect(textOf(line)).toContain("Remember to rotate the signing keys every quarter.");
  });

  it("reads a Word file's headings and paragraphs", () => {
    const article = byPath("docs/report.docx");
    expect(article.meta.title).toBe("Quarterly Report");
    expect(article.sections.map((s) => s.path)).toEqual([["Quarterly Report"], ["Quarterly Report", "Next steps"]]);
    expect(textOf(article)).toContain("We will hire two more support engineers before the summer.");
  });

  it("reads a PDF's text as paragraphs, titled from its metadata", () => {
    const article = byPath("docs/slides.pdf");
    expect(article.meta.title).toBe("Incident Review");
    const paragraphs = article.sections.flatMap((s) => s.blocks.map((b) => (b.kind === "paragraph" ? b.text : "")));
    expect(paragraphs.join("\n")).toContain("Write the timeline first, then the causes.");
    expect(paragraphs.length).toBeGreaterThanOrEqual(2);
  });

  it("reads a PDF's headings off its type sizes: larger type opens a section, the largest the top level", () => {
    const article = byPath("docs/handbook.pdf");
    expect(article.sections.map((s) => s.path)).toEqual([
      ["Onboarding Guide"],
      ["Onboarding Guide", "First week"],
      ["Onboarding Guide", "Security"],
      ["Onboarding Guide", "Security", "Passwords"],
    ]);
    const text = (path: string) => article.sections.find((s) => s.path.join(" › ") === path)!.blocks.map((b) => (b.kind === "paragraph" ? b.text : "")).join("\n");
    expect(text("Onboarding Guide")).toBe("Welcome to the team.");
    expect(text("Onboarding Guide › First week")).toContain("Meet your buddy, who answers your questions.");
    // A line in large type that runs on is prose of the section it is in.
    expect(text("Onboarding Guide › Security › Passwords")).toContain("A sentence in large type goes on, and is no heading.");
  });

  it("skips a draft and an empty file with a notice saying what to do", () => {
    expect(result.articles.some((a) => a.relPath === "blog/draft.md")).toBe(false);
    expect(reasonFor("blog/draft.md")).toMatchObject({ notice: true, reason: expect.stringMatching(/draft: true.*draft: false/) });
    expect(reasonFor("broken/empty.md")).toMatchObject({ notice: true, reason: expect.stringMatching(/empty.*write some text/) });
  });

  it("refuses broken files, each with its path and what to do, and still loads the rest", () => {
    expect(reasonFor("broken/binary.md")?.reason).toMatch(/binary.*misnamed/);
    expect(reasonFor("broken/huge.md")?.reason).toMatch(/too large.*limit.*split it/);
    expect(reasonFor("broken/bad-yaml.md")?.reason).toMatch(/invalid YAML in front matter/);
    expect(reasonFor("broken/bad-toml.md")?.reason).toMatch(/invalid TOML in front matter/);
    expect(reasonFor("broken/fake.pdf")?.reason).toMatch(/not a PDF/);
    expect(reasonFor("linked-secret.md")?.reason).toMatch(/outside the corpus folder; not followed/);
    expect(reasonFor("linked-folder")?.reason).toMatch(/outside the corpus folder/);
    for (const error of result.errors.filter((e) => !e.notice)) expect(error.notice).toBeUndefined();
    expect(textOf(result.articles[0]!)).toBeTruthy();
    expect(result.articles.some((a) => textOf(a).includes("not part of the library"))).toBe(false);
    // Links within the folder are not followed (their targets load under their own paths), quietly.
    expect(result.articles.filter((a) => a.meta.title === "Handbook Home")).toHaveLength(1);
    expect(result.errors.some((e) => /alias|handbook-again/.test(e.path))).toBe(false);
    expect(result.articles).toHaveLength(14);
  });
});
