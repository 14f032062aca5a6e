/** `cli import` end to end on files, HTML input, inputs without a title, and the overwrite guard. */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../../src/cli/import.ts";
import { run as check } from "../../src/cli/check.ts";
import { importArticle } from "../../src/ingest/import-article.ts";
import { importHtml } from "../../src/ingest/import-html.ts";
import { loadCorpus } from "../../src/corpus/load.ts";
import { tempDir } from "../corpus/helpers.ts";
import { captureOutput, type CapturedOutput } from "../support/output.ts";

const FIXTURES = join(import.meta.dirname, "../fixtures");
const { dir, cleanup } = tempDir("import-cli");
afterAll(cleanup);

let output: CapturedOutput;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

const NO_TITLE = [
  "2019 年秋,MOSN 的工作已持续了近两年,期间我们逐步完成了在支付宝核心链路的形态验证。",
  "",
  "隔行如隔山。",
  "",
  "没有过语言设计研发的经验,也没有过开放自动化系统设计的经验,项目开展之初,我们就陷入了举步维艰的困境。",
].join("\n");

describe("HTML input", () => {
  it("keeps the article's headings, paragraphs and list, decodes entities and drops head, scripts, nav, aside and footer", () => {
    const html = readFileSync(join(FIXTURES, "corpus-import/page.html"), "utf8");
    const result = importHtml(html);
    expect(result.meta.title).toBe("开源项目的治理 & 社区");
    expect(result.meta.date).toBe("2022-05-06");
    expect(result.blocks).toEqual([
      { kind: "heading", level: 2, text: "为什么要谈治理" },
      { kind: "paragraph", text: "开源治理是非常困难的，没有一个适合所有项目的方法… 每个项目都必须找到自己的方向。" },
      { kind: "paragraph", text: "最重要的是提前思考治理问题，写下规则。" },
      { kind: "heading", level: 2, text: "常见的治理模式" },
      { kind: "list", items: ["BDFL/CEO 类型的模式", "指导委员会", "类似 Apache PMC 的程序"] },
      { kind: "paragraph", text: "所有的治理模式都有优点和缺点。" },
    ]);
    for (const chrome of ["站点名", "analytics", "首页", "相关文章", "Steam Deck", "发布评论", "热门资讯", "font-family"]) {
      expect(result.markdown).not.toContain(chrome);
    }
  });

  it("cuts a related-articles block and a comment box when the page has no <article>", () => {
    const html = `<html><body><h1>标题</h1><p>第一段正文，讲的是开源社区的基调。</p><h2>小节</h2><p>${"第二段正文。".repeat(20)}</p>
      <div class="related"><h3>相关文章</h3><ul><li>在 Steam Deck 上玩游戏</li></ul></div><div class="comment-box">发布评论</div></body></html>`;
    const result = importHtml(html);
    expect(result.meta.title).toBe("标题");
    expect(result.markdown).not.toMatch(/Steam Deck|发布评论|相关文章/);
    expect(result.markdown).toContain("## 小节");
  });

  it("decodes numeric and named entities, never producing lone surrogates", () => {
    const result = importHtml("<html><head><title>T</title></head><body><p>a&amp;b &#x4E2D;&#25991; &ldquo;q&rdquo; &#xD800; &unknown;</p></body></html>");
    expect(result.blocks).toEqual([{ kind: "paragraph", text: "a&b 中文 “q” \uFFFD &unknown;" }]);
  });

  const page = (head: string, top: string, body: string) =>
    `<!doctype html><html><head>${head}</head><body><header><nav><ul><li><a href="/">首页</a></li><li><a href="/news">资讯</a></li><li><a href="/login">登录</a></li></ul></nav></header>` +
    `<div class="content"><h1>${top}</h1>${body}</div><footer>版权所有 © 站点</footer></body></html>`;
  const PARAGRAPHS = "<p>第一段：开源项目的维护者每天都要面对大量的问题和请求，需要学会分清轻重缓急，把时间留给最重要的事情。</p><p>第二段：社区的信任来自长期稳定的投入，而不是一次性的宣传活动，这一点对任何项目都适用。</p><p>第三段：当项目逐渐成长，治理结构也要随之演进，让更多人参与决策。</p>";

  it.each([
    ["2016-10-16 11:15:34", { date: "2016-10-16" }],
    ["张三 · 来源：开源中国 · 2023-05-12", { author: "张三", source: "开源中国", date: "2023-05-12" }],
  ])("splits the byline %j into its parts, never taking a navigation line as the title", (byline, expected) => {
    const result = importHtml(page("<title>站点 - 资讯</title>", "维护者的长期主义", `<p>${byline}</p>${PARAGRAPHS}`));
    expect(result.meta).toMatchObject({ title: "维护者的长期主义", lang: "zh", ...expected });
    expect(result.markdown).not.toMatch(/首页|登录|版权所有/);
    expect(result.markdown).not.toContain(byline);
    expect(result.markdown).toContain("社区的信任来自长期稳定的投入");
  });

  it("reads an English page: byline with reading time, English language", () => {
    const english =
      "<p>Most teams discover that their on-call rotation is the first thing to break as they grow, because nobody owns the runbooks and alerts fire for things nobody can fix.</p>" +
      "<p>The fix is boring: delete alerts that nobody acts on, write a runbook for every alert that stays, and review both every quarter with the people who carry the pager.</p>" +
      "<p>After a year of doing this, our pages per week dropped by two thirds and nobody misses the alerts we deleted.</p>";
    const result = importHtml(
      `<!doctype html><html lang="en"><head><title>On-call that scales – Example Blog</title></head><body><nav><a href="/">Home</a><a href="/about">About</a></nav><article><h1>On-call that scales</h1><p>Sam Rivera · November 8, 2025 · 14 min read</p>${english}</article></body></html>`,
    );
    expect(result.meta).toMatchObject({ title: "On-call that scales", author: "Sam Rivera", date: "2025-11-08", lang: "en" });
    expect(result.markdown).not.toContain("min read");
  });
});

describe("cli import", () => {
  it("writes corpus/<slug>.md that the loader reads, and prints the path and warnings", async () => {
    const out = join(dir, "out1");
    const code = await run([join(FIXTURES, "corpus-seeds/002_fbf9cd21358e4e7b.txt"), "--out", out, "--slug", "kubesphere"]);
    expect(code).toBe(0);
    expect(output.stdout.trim()).toBe(join(out, "kubesphere.md"));
    expect(output.stderr).toMatch(/warning: removed \(page trailer/);
    expect(output.stderr).toMatch(/todo: author:/);
    const loaded = await loadCorpus(out);
    expect(loaded.errors).toEqual([]);
    expect(loaded.articles[0]!.meta).toMatchObject({ id: "kubesphere", title: "ToB 创业公司的开源之路 KubeSphere", date: "2023-01-04" });
  });

  it("derives the file name from the title, in Chinese for a Chinese title, and the loader reads it", async () => {
    const out = join(dir, "out2");
    expect(await run([join(FIXTURES, "corpus-import/page.html"), "--out", out, "--title", "Open source governance"])).toBe(0);
    expect(existsSync(join(out, "open-source-governance.md"))).toBe(true);
    expect(await run([join(FIXTURES, "corpus-import/page.html"), "--corpus", out])).toBe(0);
    expect(existsSync(join(out, "开源项目的治理 & 社区.md"))).toBe(true);
    const loaded = await loadCorpus(out);
    expect(loaded.errors).toEqual([]);
    expect(loaded.articles.map((a) => a.meta.title).sort()).toEqual(["Open source governance", "开源项目的治理 & 社区"]);
  });

  it("answers --help with every flag and exit 0", async () => {
    expect(await run(["--help"])).toBe(0);
    for (const flag of ["--title", "--slug", "--lang", "--corpus", "--out", "--force", "--help"]) expect(output.stdout).toContain(flag);
    output.clear();
    expect(await check(["--help"])).toBe(0);
    for (const flag of ["--corpus", "--todo", "--help"]) expect(output.stdout).toContain(flag);
  });

  it("splits a text scrape's byline into author, source and date", () => {
    const result = importArticle("维护者的长期主义\n张三 · 来源：开源中国 · 2023-05-12\n\n社区的信任来自长期稳定的投入，而不是一次性的宣传活动。\n\n这一点对任何项目都适用。\n");
    expect(result.meta).toMatchObject({ title: "维护者的长期主义", author: "张三", source: "开源中国", date: "2023-05-12", lang: "zh" });
  });

  it("refuses an input without a title line unless --title is given, writing nothing", async () => {
    const out = join(dir, "out3");
    const file = join(dir, "no-title.txt");
    writeFileSync(file, NO_TITLE);
    expect(await run([file, "--out", out, "--slug", "kusion"])).toBe(2);
    expect(output.stderr).toMatch(/no title found; pass --title/);
    expect(existsSync(join(out, "kusion.md"))).toBe(false);

    expect(await run([file, "--out", out, "--slug", "kusion", "--title", "Kusion 的故事"])).toBe(0);
    const text = readFileSync(join(out, "kusion.md"), "utf8");
    expect(text).toMatch(/^---\ntitle: Kusion 的故事\n/);
    expect(text).toContain("2019 年秋,MOSN 的工作已持续了近两年");
  });

  it("never overwrites without --force", async () => {
    const out = join(dir, "out4");
    const args = [join(FIXTURES, "corpus-seeds/004_c89a90a6fa62e629.txt"), "--out", out, "--slug", "li-xiang"];
    expect(await run(args)).toBe(0);
    writeFileSync(join(out, "li-xiang.md"), readFileSync(join(out, "li-xiang.md"), "utf8") + "\n手工修改。\n");
    expect(await run(args)).toBe(1);
    expect(output.stderr).toMatch(/already exists; pass --force/);
    expect(readFileSync(join(out, "li-xiang.md"), "utf8")).toContain("手工修改。");
    expect(await run([...args, "--force"])).toBe(0);
    expect(readFileSync(join(out, "li-xiang.md"), "utf8")).not.toContain("手工修改。");
  });

  it("rejects bad usage with exit 2 and a usage line", async () => {
    expect(await run([])).toBe(2);
    expect(await run(["a.txt", "--bogus"])).toBe(2);
    expect(await run(["a.txt", "--title"])).toBe(2);
    expect(output.stderr).toMatch(/usage: npm run -s cli -- import/);
    expect(await run([join(dir, "missing.txt")])).toBe(1);
  });
});

describe("cli check", () => {
  it("prints one line of counts for a good corpus", async () => {
    expect(await check([join(import.meta.dirname, "../../corpus")])).toBe(0);
    expect(output.stdout).toMatch(/^.*corpus: 5 articles, \d+ sections/);
    expect(output.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("prints each broken file with its reason and exits 1", async () => {
    const bad = join(dir, "bad");
    await run([join(FIXTURES, "corpus-seeds/003_12d55778bfa2e659.txt"), "--out", bad, "--slug", "alauda"]);
    writeFileSync(join(bad, "broken.md"), "---\ntitle: [\n---\n正文\n");
    output.clear();
    expect(await check([bad])).toBe(1);
    expect(output.stdout).toContain(`${join(bad, "broken.md")}: invalid YAML in front matter`);
    expect(output.stdout).toMatch(/1 article, \d+ sections, 1 broken/);
  });
});
