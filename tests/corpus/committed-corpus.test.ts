/**
 * The bundled corpus: it loads cleanly, keeps the articles' structure, carries no site chrome,
 * and every sentence in it is the article's own (found verbatim in the scraped seed).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCorpus } from "../../src/corpus/load.ts";
import type { Article } from "../../src/corpus/types.ts";

const CORPUS = join(import.meta.dirname, "../../corpus");
/** Copies of `../shared/seeds`: the scraped pages the corpus was imported from. */
const SEEDS = join(import.meta.dirname, "../fixtures/corpus-seeds");

/** Strings that only site chrome contains; none may reach a user. */
const BOILERPLATE = [
  "Steam Deck", "发布评论", "热门资讯", "相关文章", "相关内容", "相关实践学习", "目录", "了解更多", "Star 一下",
  "点击文末阅读原文", "【参考链接】", "【本周推荐阅读】", "Matt Klein 发表的推特", "本文 2580 字", "简介:", "作者 |", "来源 |",
  "71.3k", "70.7k", "03:54:15", "穿山甲专访”栏目", "KubeSphere 部署向量数据库", "Epic 游戏商店", "12天前",
];

let articles: Article[];
const byId = (id: string) => {
  const article = articles.find((a) => a.meta.id === id);
  if (!article) throw new Error(`no article ${id}`);
  return article;
};
const headings = (id: string) => byId(id).sections.map((s) => s.heading);
const allText = (article: Article) =>
  article.sections.flatMap((s) => [s.heading, ...s.blocks.flatMap((b) => (b.kind === "list" ? b.items : [b.text]))]);

beforeAll(async () => {
  const result = await loadCorpus(CORPUS);
  expect(result.errors).toEqual([]);
  articles = result.articles;
});

describe("the committed corpus", () => {
  it("has the five articles, in file-name order, with titles, speakers and language", () => {
    expect(articles.map((a) => a.meta.id)).toEqual([
      "alauda-chen-kai-interview",
      "envoy-5-years",
      "kubesphere-tob-open-source",
      "kusionstack-road-to-open-source",
      "li-xiang-open-source-cloud-native",
    ]);
    for (const a of articles) {
      expect(a.meta.title.length).toBeGreaterThan(4);
      expect(a.meta.lang).toBe("zh");
    }
    expect(byId("envoy-5-years").meta.speakers).toEqual(["Matt Klein"]);
    expect(byId("alauda-chen-kai-interview").meta.speakers).toEqual(["陈恺"]);
    expect(byId("li-xiang-open-source-cloud-native").meta).toMatchObject({ speakers: ["李响"], author: "禾易", source: "凌云时刻" });
    expect(byId("kusionstack-road-to-open-source").meta.author).toBe("朵晓东");
  });

  it("keeps the articles' section structure with heading paths", () => {
    const envoy = byId("envoy-5-years");
    const path = (heading: string) => envoy.sections.find((s) => s.heading === heading)?.path;
    expect(path("前传")).toEqual(["前传和历史", "前传"]);
    expect(path("捐赠给 CNCF 且感到倦怠")).toEqual(["前传和历史", "捐赠给 CNCF 且感到倦怠"]);
    expect(path("不要忽视职业倦怠")).toEqual(["经验教训", "不要忽视职业倦怠"]);
    expect(path("代理容易,API 难")).toEqual(["经验教训", "代理容易,API 难"]);
    expect(path("感谢")).toEqual(["感谢"]);
    expect(headings("envoy-5-years")).toEqual(expect.arrayContaining(["前言", "成功的开源软件就像创办一个企业", "不要跟风,要跟随客户", "基金会是很棘手的", "提前考虑治理问题"]));

    const kube = byId("kubesphere-tob-open-source");
    expect(kube.sections.find((s) => s.heading === "3.3 靠机制而不是靠人")?.path).toEqual(["3. 一些关于组织和经营策略的思考", "3.3 靠机制而不是靠人"]);
    expect(kube.sections.find((s) => s.heading === "架构解耦有难度")?.path).toEqual(["2. KubeSphere 的开源之路", "2.1 产品研发", "架构解耦有难度"]);
    expect(headings("kubesphere-tob-open-source")).toEqual(expect.arrayContaining(["1. 以开源为核心的商业模式", "2.1 产品研发", "风格惯性很强"]));

    expect(headings("kusionstack-road-to-open-source")).toEqual(expect.arrayContaining(["前言", "PART. 1 为了一个理想的运维体系", "PART. 6 期待与你共成长"]));
    expect(headings("alauda-chen-kai-interview")).toEqual(expect.arrayContaining(["缘起", "云原生吞噬一切,Kubernetes 编排一切", "源于开源,茁壮于开源", "尾声"]));
    expect(headings("li-xiang-open-source-cloud-native")).toEqual(expect.arrayContaining(["开源,从“使用”到“融入”", "关于开源治理", "Q:未来,云原生会如何发展?"]));
  });

  it("keeps real lists as lists and no fake bullets", () => {
    const envoy = byId("envoy-5-years");
    const cncf = envoy.sections.find((s) => s.heading === "捐赠给 CNCF 且感到倦怠")!;
    const list = cncf.blocks.find((b) => b.kind === "list");
    expect(list).toEqual({ kind: "list", items: [expect.stringMatching(/^Envoy 已经超出/), expect.stringMatching(/^我很快就完全倦怠了/)] });
    expect(cncf.blocks.some((b) => b.kind === "paragraph" && b.text.startsWith("为了解决第一点"))).toBe(true);
    const business = envoy.sections.find((s) => s.heading === "成功的开源软件就像创办一个企业")!;
    expect(business.blocks.find((b) => b.kind === "list")).toMatchObject({ items: expect.arrayContaining(["文档和技术写作", "公共关系", "市场营销"]) });
    const stages = byId("kubesphere-tob-open-source").sections.find((s) => s.heading === "2.2 发展阶段")!;
    expect(stages.blocks.find((b) => b.kind === "list")).toMatchObject({ items: ["Sandbox, 沙箱, 创新者", "Incubating, 孵化, 早期采纳者", "Graduated, 毕业,早期大众"] });
  });

  it("contains no boilerplate in any corpus file", () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith(".md"));
    expect(files).toHaveLength(5);
    for (const file of files) {
      const text = readFileSync(join(CORPUS, file), "utf8");
      for (const marker of BOILERPLATE) expect(text, `${file} contains ${marker}`).not.toContain(marker);
    }
  });

  it("quotes only the articles' own words: every heading, paragraph and item is verbatim in a seed", () => {
    const squash = (s: string) => s.replace(/\s+/g, " ");
    // Footnote markers like [1] pointed into a removed reference list; they are the one deliberate edit.
    const seeds = readdirSync(SEEDS).map((f) => squash(readFileSync(join(SEEDS, f), "utf8")).replace(/\[\d+\]/g, ""));
    for (const article of articles) {
      for (const text of allText(article)) {
        expect(seeds.some((seed) => seed.includes(squash(text))), `${article.meta.id}: ${text.slice(0, 40)}`).toBe(true);
      }
    }
  });
});
