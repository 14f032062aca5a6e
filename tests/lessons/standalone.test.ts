import { describe, expect, it } from "vitest";
import { notStandalone, trimLeadIn } from "../../src/lessons/standalone.ts";
import { cleanHeading } from "../../src/lessons/headings.ts";

describe("trimLeadIn", () => {
  it("drops speaker labels and reporting clauses, and quote marks around the rest", () => {
    expect(trimLeadIn("李响:未来的云一定不是资源。")).toBe("未来的云一定不是资源。");
    expect(trimLeadIn("他认为,微服务架构的本质是用运维复杂度为代价去换取敏捷性。")).toBe("微服务架构的本质是用运维复杂度为代价去换取敏捷性。");
    expect(trimLeadIn("这很明显,但我还是要说:社区是扩展开源软件的唯一途径。")).toBe("社区是扩展开源软件的唯一途径。");
    expect(trimLeadIn("“其实中国的开发者完全有能力参与到开源项目的进程中。”")).toBe("其实中国的开发者完全有能力参与到开源项目的进程中。");
    expect(trimLeadIn("如果为了做差异性,不兼容会是个很大的问题。”")).toBe("如果为了做差异性,不兼容会是个很大的问题。");
  });

  it("leaves a sentence without a lead-in alone", () => {
    const sentence = "开源并不意味着降低了对产品的要求,产品的领先性是开源成功的关键因素之一。";
    expect(trimLeadIn(sentence)).toBe(sentence);
  });
});

describe("notStandalone", () => {
  it("accepts self-contained claims", () => {
    expect(notStandalone("雇主和雇员之间不匹配的期望是未来怨恨和倦怠的根本原因。")).toBeUndefined();
    expect(notStandalone("其实中国的开发者完全有能力参与到开源项目的进程中。")).toBeUndefined();
    expect(notStandalone("也许有争议的是,我认为他们需要把它想成一个企业。")).toBeUndefined();
  });

  it("rejects sentences that lean on their context or are not whole", () => {
    expect(notStandalone("这也许是前面两点的必然结果。")).toMatch(/earlier/);
    expect(notStandalone("因此,项目最初的公共基调极为关键。")).toMatch(/earlier/);
    expect(notStandalone("上述列表中的每一项都很关键。")).toBeDefined();
    expect(notStandalone("我在上面提到过这个问题,但倦怠很常见。")).toMatch(/page/);
    expect(notStandalone("以下是在开源项目之前要问的合理问题:")).toBeDefined();
    expect(notStandalone("今天我还会选择 C++ 吗?")).toMatch(/question/);
    expect(notStandalone("隔行如隔山。")).toMatch(/short/);
    expect(notStandalone("一个没有句号的片段,说到一半")).toMatch(/whole/);
    expect(notStandalone("“胡萝卜 “式的迁移几乎总是成功的。")).toMatch(/unbalanced/);
    expect(notStandalone("这是一个由维护者组成的社区。", { continues: true })).toBeUndefined();
  });
});

describe("cleanHeading", () => {
  it("removes numbering and part labels", () => {
    expect(cleanHeading("3.3 靠机制而不是靠人")).toBe("靠机制而不是靠人");
    expect(cleanHeading("PART. 2 漫长的学习、探索与实践")).toBe("漫长的学习、探索与实践");
    expect(cleanHeading("1. 以开源为核心的商业模式")).toBe("以开源为核心的商业模式");
    expect(cleanHeading("二、总结")).toBe("总结");
    expect(cleanHeading("不要忽视职业倦怠")).toBe("不要忽视职业倦怠");
  });
});
