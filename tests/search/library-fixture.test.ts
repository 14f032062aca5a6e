/**
 * A small library written for this test, shaped like a real one: English handbook pages, Chinese weekly
 * issues that repeat an editor's note and link past issues, a README that lists every issue's title.
 * Each case names the part of the pipeline that makes it pass (stemming, the dictionary, the priors…).
 */
import { describe, expect, it } from "vitest";
import { buildEngine } from "../../src/search/engine.ts";
import { passagePriors } from "../../src/search/priors.ts";
import { buildPassages } from "../../src/search/passages.ts";
import type { Article } from "../../src/corpus/types.ts";
import { article } from "./helpers.ts";

const NOTE = "这里记录每周值得分享的科技内容，周五发布，欢迎投稿。";

function issue(n: number, title: string, body: string[]): Article {
  return article(
    `issue-${n}`,
    [
      { heading: "", blocks: [NOTE] },
      { heading: `本周话题：${title}`, blocks: body },
      { heading: "往年回顾", blocks: [`${TITLES[(n + 1) % TITLES.length]}（2021 #${n + 1}）\n${TITLES[(n + 2) % TITLES.length]}（2020 #${n + 2}）\n${TITLES[(n + 3) % TITLES.length]}（2019 #${n + 3}）`] },
    ],
    { title: `科技周刊（第 ${n} 期）：${title}`, lang: "zh" } as Partial<Article["meta"]>,
  );
}

const TITLES = ["带宽的价格", "奇迹定律", "远程办公的得失", "程序员的退休金", "城市的气候", "开源许可证"];

const library: Article[] = [
  issue(1, TITLES[0]!, [
    "云服务商的流量很贵。机房的带宽批发价每兆只要几分钱，云服务商转手卖给开发者，价格高出八十倍。",
  ]),
  issue(2, TITLES[1]!, ["一位数学家算过，普通人平均每月会遇到一次奇迹，因为每天遇到的事件太多了。"]),
  issue(3, TITLES[2]!, ["远程办公省下了通勤时间，但团队沟通变慢了，很多公司又要求员工回到办公室。"]),
  issue(4, TITLES[3]!, ["这家公司规定，员工工作满十五年就可以领取退休福利，金额是六个月的工资。"]),
  issue(5, TITLES[4]!, ["这座城市地处河谷，四周都是高山，所以冬天不冷，夏天也不热。"]),
  issue(6, TITLES[5]!, ["采用这种许可证的软件允许商用，但修改后的代码必须同样开源。"]),
  article("readme", [{ heading: "科技周刊", blocks: [TITLES.map((t, i) => `第 ${i + 1} 期：${t}`)] }], { title: "科技周刊" }),
  article(
    "handbook-travel",
    [
      { heading: "Hotels", blocks: ["When you travel, keep your laptop in the safe of your hotel room and never leave devices unattended."] },
      { heading: "Meals", blocks: ["Meals are reimbursed up to a daily amount; keep the receipts for every dinner."] },
    ],
    { title: "Business travel policy", lang: "en" } as Partial<Article["meta"]>,
  ),
  article(
    "handbook-reviews",
    [
      {
        heading: "Reviewing changes",
        blocks: ["Reviewers aim to finish their reviews within one working day.", "The rules for reviewers are:", ["Read the description first.", "Run the change locally.", "Approve only what you understand."]],
      },
    ],
    { title: "Code review guidelines", lang: "en" } as Partial<Article["meta"]>,
  ),
];

const engine = buildEngine(library);
const top = (query: string) => engine.search(query, { limit: 3 }).hits;

describe("a library of English and Chinese articles", () => {
  it("stemming: an inflected English question finds the page written with other forms", () => {
    const [hit] = top("How quickly are reviews finished?");
    expect(hit?.articleId).toBe("handbook-reviews");
    expect(hit?.quote).toContain("within one working day");
  });

  it("dictionary: an English question finds a Chinese passage (bandwidth → 带宽, wholesale → 批发)", () => {
    const [hit] = top("How expensive is bandwidth compared with the wholesale price?");
    expect(hit?.articleId).toBe("issue-1");
    expect(hit?.quote).toContain("批发价");
  });

  it("dictionary: a Chinese question finds an English passage (酒店 → hotel, 笔记本电脑 → laptop)", () => {
    const [hit] = top("住酒店时笔记本电脑放在哪里？");
    expect(hit?.articleId).toBe("handbook-travel");
    expect(hit?.quote).toContain("safe of your hotel room");
  });

  it("dictionary: a translation the library also uses inside a product name still counts (hotel, and HotelBooker)", () => {
    // The camel-case part only vetoes a word the library has nowhere else (rocket of RocketMQ).
    const named = buildEngine([
      ...library,
      article("handbook-tools", [{ heading: "Booking", blocks: ["Book rooms with HotelBooker and LaptopLocker, our internal tools."] }], { title: "Tools", lang: "en" } as Partial<Article["meta"]>),
    ]);
    const [hit] = named.search("住酒店时笔记本电脑放在哪里？", { limit: 3 }).hits;
    expect(hit?.articleId).toBe("handbook-travel");
  });

  it("without the dictionary the cross-language question finds nothing in the other language", () => {
    const plain = buildEngine(library, { dictionary: false });
    expect(plain.search("住酒店时笔记本电脑放在哪里？").hits.some((h) => h.articleId === "handbook-travel")).toBe(false);
  });

  it("priors: the editor's note every issue repeats and title lists rank below content", () => {
    const passages = buildPassages(library);
    const priors = passagePriors(library, passages);
    const of = (test: (text: string) => boolean) => passages.map((p, i) => ({ p, prior: priors[i]! })).filter(({ p }) => test(p.text));
    for (const { prior } of of((t) => t.startsWith(NOTE))) expect(prior).toBeLessThan(0.2);
    for (const { prior } of of((t) => t.includes("（2021 #"))) expect(prior).toBeLessThan(0.5);
    for (const { prior } of of((t) => t.includes("第 1 期："))) expect(prior).toBeLessThan(0.5);
    for (const { prior } of of((t) => t.includes("批发价"))) expect(prior).toBe(1);
    // A question in the README's and the past-issue lists' words is answered by the issue itself.
    const [hit] = top("程序员的退休金");
    expect(hit?.articleId).toBe("issue-4");
  });

  it("quotes: a sentence announcing a list brings the list", () => {
    const hit = top("rules for reviewers").find((h) => h.articleId === "handbook-reviews");
    expect(hit?.quote).toContain("The rules for reviewers are:");
    expect(hit?.quote).toContain("Approve only what you understand.");
  });

  it("suggestions: an English user is offered English topics, a Chinese user Chinese ones", () => {
    const english = engine.search("???").suggestions;
    expect(english.length).toBeGreaterThan(0);
    expect(english[0]).not.toMatch(/\p{Script=Han}/u);
    const chinese = engine.search("？？啊").suggestions;
    expect(chinese[0]).toMatch(/\p{Script=Han}/u);
  });
});
