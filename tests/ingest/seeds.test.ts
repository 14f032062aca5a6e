/** The importer on each of the five scraped seeds: chrome gone, metadata and structure found, output loadable. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importArticle, type ImportResult } from "../../src/ingest/import-article.ts";
import { parseArticle } from "../../src/corpus/load.ts";
import type { DraftBlock } from "../../src/ingest/structure.ts";

const seed = (name: string) => readFileSync(join(import.meta.dirname, "../fixtures/corpus-seeds", name), "utf8");
const ENVOY = seed("000_0f8df0bcaee94865.txt");
const KUSION = seed("001_bf6c6285c037dbe1.txt");
const KUBESPHERE = seed("002_fbf9cd21358e4e7b.txt");
const ALAUDA = seed("003_12d55778bfa2e659.txt");
const LIXIANG = seed("004_c89a90a6fa62e629.txt");

const CHROME = [
  "Steam Deck", "发布评论", "热门资讯", "相关文章", "相关内容", "相关实践学习", "目录", "了解更多", "Star 一下", "阅读原文",
  "【参考链接】", "【本周推荐阅读】", "Matt Klein 发表的推特", "本文 2580 字", "简介", "作者 |", "来源 |", "71.3k", "70.7k",
  "03:54:15", "栏目是 Linux 中国", "12天前", "KubeSphere 部署向量数据库",
];

function headingsOf(blocks: DraftBlock[]): Array<[number, string]> {
  return blocks.flatMap((b) => (b.kind === "heading" ? [[b.level, b.text] as [number, string]] : []));
}
function listsOf(blocks: DraftBlock[]): string[][] {
  return blocks.flatMap((b) => (b.kind === "list" ? [b.items] : []));
}
function body(result: ImportResult): string {
  return result.markdown.slice(result.markdown.indexOf("\n---\n", 4) + 5);
}
function expectClean(result: ImportResult): void {
  for (const marker of CHROME) expect(result.markdown, `output contains ${marker}`).not.toContain(marker);
  // The loader accepts what the importer writes.
  const article = parseArticle("corpus/imported.md", Buffer.from(result.markdown));
  expect(article.sections.length).toBeGreaterThan(3);
}

describe("importer on the Envoy seed (blank-line separated, date + counters, repeated captions, trailer)", () => {
  const result = importArticle(ENVOY);

  it("finds title and date, drops the view counter", () => {
    expect(result.meta.title).toBe("网络代理 Envoy 开源五周年,创始人 Matt Klein 亲述开源心路历程及经验教训");
    expect(result.meta.date).toBe("2023-07-09");
    expect(result.meta.todo).toEqual(expect.arrayContaining([expect.stringMatching(/^author:/), expect.stringMatching(/^speakers:/)]));
  });

  it("finds the section headings, nesting the ones under a heading-only parent", () => {
    const headings = headingsOf(result.blocks);
    expect(headings).toEqual(
      expect.arrayContaining([
        [2, "编者的话"], [2, "前言"], [2, "前传和历史"], [3, "前传"], [3, "加入 Lyft 和创建“Lyft 代理”"],
        [3, "捐赠给 CNCF 且感到倦怠"], [3, "不要跟风,要跟随客户"], [3, "代理容易,API 难"], [3, "不要忽视职业倦怠"],
      ]),
    );
    expect(headings.map(([, t]) => t)).not.toContain("到 2017 年秋天,有两件事是清楚的。");
  });

  it("keeps bullet lists and warns about the list that swallowed following text", () => {
    expect(listsOf(result.blocks)).toEqual(expect.arrayContaining([expect.arrayContaining(["文档和技术写作", "公共关系", "市场营销"])]));
    expect(result.warnings.some((w) => /indented as if inside the list/.test(w))).toBe(true);
  });

  it("removes the repeated image captions and the related-articles trailer", () => {
    expectClean(result);
    expect(result.warnings.filter((w) => /repeated image caption/.test(w)).length).toBeGreaterThanOrEqual(2);
    expect(body(result)).toMatch(/向前迈进!\n$/);
  });
});

describe("importer on the KusionStack seed (no title line, byline + bio, PART headings, reference list)", () => {
  it("does not guess a title: it leaves a todo and the CLI asks for --title", () => {
    const result = importArticle(KUSION);
    expect(result.meta.title).toBeUndefined();
    expect(result.meta.todo?.[0]).toMatch(/^title: the scrape has no title line; pass --title/);
  });

  const result = importArticle(KUSION, { title: "KusionStack 的开源之路" });

  it("reads the byline into author and drops the bio and reading-time lines", () => {
    expect(result.meta).toMatchObject({ title: "KusionStack 的开源之路", author: "朵晓东" });
    expect(result.meta.date).toBeUndefined();
    expect(result.meta.todo).toEqual(expect.arrayContaining([expect.stringMatching(/^date: no date line/)]));
    expect(result.markdown).not.toContain("蚂蚁集团高级技术专家");
    expect(result.markdown).not.toContain("花名");
  });

  it("joins PART. N with its title line and reads |前言| as a heading", () => {
    expect(headingsOf(result.blocks)).toEqual([
      [2, "前言"],
      [2, "PART. 1 为了一个理想的运维体系"],
      [2, "PART. 2 漫长的学习、探索与实践"],
      [2, "PART. 3 痛并快乐的孵化之旅"],
      [2, "PART. 4 突破与进展"],
      [2, "PART. 5 走上开源之路"],
      [2, "PART. 6 期待与你共成长"],
    ]);
    expect(result.blocks).toContainEqual({ kind: "paragraph", text: "隔行如隔山。" });
  });

  it("cuts the promo trailer and the reference list together with its [n] markers", () => {
    expectClean(result);
    expect(result.markdown).not.toMatch(/\[\d\]|pdos\.csail|github\.com\/KusionStack/);
    expect(result.markdown).toContain("技术开放 Borg运维能力的实践,当时感觉");
    expect(body(result)).toMatch(/与我们共同成长!\n$/);
  });
});

describe("importer on the KubeSphere seed (numbered headings, fake bullets, URL-only reference section)", () => {
  const result = importArticle(KUBESPHERE);

  it("finds title, date and numbered headings with their depth", () => {
    expect(result.meta.title).toBe("ToB 创业公司的开源之路 KubeSphere");
    expect(result.meta.date).toBe("2023-01-04");
    expect(headingsOf(result.blocks)).toEqual(
      expect.arrayContaining([
        [2, "1. 以开源为核心的商业模式"], [2, "2. KubeSphere 的开源之路"], [3, "2.1 产品研发"], [3, "2.2 发展阶段"],
        [2, "3. 一些关于组织和经营策略的思考"], [3, "3.3 靠机制而不是靠人"], [3, "3.5 分区办公要根据职责划分"],
      ]),
    );
  });

  it("turns a short bullet followed by a long bullet into a sub-heading and its paragraph", () => {
    const headings = headingsOf(result.blocks);
    expect(headings).toContainEqual([4, "架构解耦有难度"]);
    expect(headings).toContainEqual([4, "风格惯性很强"]);
    const i = result.blocks.findIndex((b) => b.kind === "heading" && b.text === "架构解耦有难度");
    expect(result.blocks[i + 1]).toMatchObject({ kind: "paragraph", text: expect.stringMatching(/^如果你看过 KubeSphere 源码/) });
  });

  it("keeps the real lists", () => {
    expect(listsOf(result.blocks)).toEqual(
      expect.arrayContaining([
        ["主仓库 kubesphere/kubesphere 超 5.1K star", "安装工具 ks-installer 下载量达 1M+", "中文论坛/Slack/微信群均达到了 1~2 K 人"],
        ["Sandbox, 沙箱, 创新者", "Incubating, 孵化, 早期采纳者", "Graduated, 毕业,早期大众"],
      ]),
    );
  });

  it("drops the URL-only reference section and the trailer", () => {
    expectClean(result);
    expect(result.markdown).not.toContain("4. 参考");
    expect(result.markdown).not.toContain("chenshaowen.com");
  });
});

describe("importer on the Alauda interview seed (title split over two lines, timestamp, column promo, hot news)", () => {
  const result = importArticle(ALAUDA);

  it("finds title and date, and asks about the stray header line instead of guessing", () => {
    expect(result.meta.title).toBe("酌一杯云之酒,以开源佐之 ——专访灵雀云陈恺");
    expect(result.meta.date).toBe("2024-03-02");
    expect(result.meta.todo).toEqual(expect.arrayContaining([expect.stringMatching(/"创始人" was dropped/)]));
  });

  it("finds the standalone subheads and keeps the lead sentence as text", () => {
    const texts = headingsOf(result.blocks).map(([, t]) => t);
    expect(texts).toEqual(expect.arrayContaining(["缘起", "云原生吞噬一切,Kubernetes 编排一切", "灵雀云的 Kubernetes 生态", "源于开源,茁壮于开源", "尾声"]));
    expect(result.blocks).toContainEqual({ kind: "paragraph", text: "滥觞始于云计算。" });
  });

  it("drops the photo caption and says where its heading nesting is a guess", () => {
    expect(result.markdown).not.toContain("上演讲");
    expect(result.warnings).toContainEqual(expect.stringMatching(/"云原生吞噬一切,Kubernetes 编排一切" is followed directly by a heading/));
  });

  it("cuts the column promo, related content and hot news", () => {
    expectClean(result);
    expect(result.markdown).not.toContain("穿山甲");
    expect(body(result)).toMatch(/也是灵雀云一直以来的风格吧。\n$/);
  });
});

describe("importer on the Li Xiang interview seed (teaser, byline, source, Q&A, Aliyun chrome)", () => {
  const result = importArticle(LIXIANG);

  it("moves teaser, author and source lines into front matter", () => {
    expect(result.meta).toMatchObject({ title: "我们找阿里云资深技术专家李响聊了聊开源和云原生", author: "禾易", source: "凌云时刻" });
    expect(result.meta.summary).toMatch(/^在第十五届“开源中国开源世界”高峰论坛上/);
    expect(body(result)).not.toContain("荣获2020中国开源杰出人物贡献奖");
    expect(result.meta.speakers).toEqual([]);
  });

  it("reads questions as sub-headings of their section", () => {
    expect(headingsOf(result.blocks)).toEqual(
      expect.arrayContaining([
        [2, "前言"], [2, "关于开源治理"], [2, "云原生:企业的顾虑与不可抵挡的行业趋势"],
        [3, "Q:国内外云原生的发展,有多大的差距?"], [3, "Q:未来,云原生会如何发展?"],
      ]),
    );
    expect(headingsOf(result.blocks).map(([, t]) => t)).not.toContain("开源可以从三个部分来理解。");
  });

  it("cuts the practice-course, table-of-contents and related-article chrome", () => {
    expectClean(result);
    expect(result.markdown).not.toMatch(/天前|Kafka 版 V3|灰度发布/);
    expect(body(result)).toMatch(/完成解耦。\n$/);
  });
});
