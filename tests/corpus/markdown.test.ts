import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseMarkdownBody } from "../../src/corpus/markdown.ts";
import { escapeInline, escapeLineStart } from "../../src/corpus/inline.ts";

/** The text of a one-paragraph body, as the parser reads it. */
const paragraphText = (markdown: string) => {
  const block = parseMarkdownBody(markdown)[0]?.blocks[0];
  return block?.kind === "paragraph" ? block.text : undefined;
};

describe("parseMarkdownBody", () => {
  it("builds sections with heading paths, a preamble, and empty parent sections", () => {
    const sections = parseMarkdownBody(
      ["导语。", "", "## 前传和历史", "### 前传", "第一段。", "", "### 开放源码", "第二段。", "## 经验教训 ##", "#### 深一层", "第三段。"].join("\n"),
    );
    expect(sections.map((s) => [s.level, s.path.join(" > ")])).toEqual([
      [0, ""],
      [2, "前传和历史"],
      [3, "前传和历史 > 前传"],
      [3, "前传和历史 > 开放源码"],
      [2, "经验教训"],
      [4, "经验教训 > 深一层"],
    ]);
    expect(sections[0]!.blocks).toEqual([{ kind: "paragraph", text: "导语。" }]);
    expect(sections[1]!.blocks).toEqual([]);
  });

  it("separates paragraphs by blank lines and joins wrapped lines (no space between CJK, one between words)", () => {
    const [section] = parseMarkdownBody("第一行\n第二行。\n\nfirst line\nsecond line\n\n混合 text\n继续");
    expect(section!.blocks).toEqual([
      { kind: "paragraph", text: "第一行第二行。" },
      { kind: "paragraph", text: "first line second line" },
      { kind: "paragraph", text: "混合 text 继续" },
    ]);
  });

  it("reads bullet and ordered lists with continuation lines, ending at a blank line + text", () => {
    const [section] = parseMarkdownBody(
      ["前文:", "", "- 招聘", "- 获取客户", "  （用户）", "* 文档", "", "1. 第一", "2) 第二", "", "后文。"].join("\n"),
    );
    expect(section!.blocks).toEqual([
      { kind: "paragraph", text: "前文:" },
      { kind: "list", items: ["招聘", "获取客户（用户）", "文档", "第一", "第二"] },
      { kind: "paragraph", text: "后文。" },
    ]);
  });

  it("strips inline syntax inside blocks and headings", () => {
    const [section] = parseMarkdownBody("## **代理**容易\n\n这是 *重点* 和 [链接文字](https://x.y/(a)) 与 `code` 。");
    expect(section!.heading).toBe("代理容易");
    expect(section!.blocks).toEqual([{ kind: "paragraph", text: "这是 重点 和 链接文字 与 code 。", links: [{ text: "链接文字", url: "https://x.y/(a)" }] }]);
  });

  it("never quotes code or raw HTML as prose; drops quote markers and thematic breaks", () => {
    const [section] = parseMarkdownBody("> 引用的话。\n\n---\n\n```\nconst a = 1;\n```\n\n    indented code\n\n<div class=\"note\">\nraw html block\n</div>\n\n结尾。");
    expect(section!.blocks).toEqual([
      { kind: "paragraph", text: "引用的话。" },
      { kind: "paragraph", text: "结尾。" },
    ]);
  });

  it("drops paragraphs that are only site-generator directives, keeps prose that mentions one", () => {
    const [section] = parseMarkdownBody("{{< figure src=\"a.png\" >}}\n\n{% include toc.html %}\n\n{{generator:team_list}}\n\nUse `{{generator:x}}` to insert a list.\n");
    expect(section!.blocks).toEqual([{ kind: "paragraph", text: "Use {{generator:x}} to insert a list." }]);
  });

  it("reads setext headings like ATX ones", () => {
    const sections = parseMarkdownBody("Title\n=====\n\nIntro.\n\nPart one\n--------\n\nBody text.\n");
    expect(sections.map((s) => [s.level, s.path.join(" > "), s.blocks])).toEqual([
      [1, "Title", [{ kind: "paragraph", text: "Intro." }]],
      [2, "Title > Part one", [{ kind: "paragraph", text: "Body text." }]],
    ]);
  });

  it("puts nested list items after their parent item", () => {
    const [section] = parseMarkdownBody("- parent\n  - child one\n  - child two\n    1. grandchild\n- next\n");
    expect(section!.blocks).toEqual([{ kind: "list", items: ["parent", "child one", "child two", "grandchild", "next"] }]);
  });

  it("reads a table row as a sentence naming its columns", () => {
    const [section] = parseMarkdownBody("| Tool | Owner | Notes |\n|---|---|---|\n| **Slack** | IT | chat |\n| Zoom | IT | |\n");
    expect(section!.blocks).toEqual([{ kind: "list", items: ["Tool: Slack; Owner: IT; Notes: chat", "Tool: Zoom; Owner: IT"] }]);
  });

  it("drops images, keeps link text and address, and keeps footnote text without its marker", () => {
    const [section] = parseMarkdownBody("![diagram](a.png)\n\nSee [the guide](https://example.com/guide) ![icon](i.png) now[^1].\n\n[^1]: The footnote text.\n");
    expect(section!.blocks).toEqual([
      { kind: "paragraph", text: "See the guide now.", links: [{ text: "the guide", url: "https://example.com/guide" }] },
      { kind: "paragraph", text: "The footnote text." },
    ]);
  });

  it("joins hard-wrapped CJK lines without spaces, also across emphasis", () => {
    expect(paragraphText("这是第一行，\n**这是**第二行。\nAnd English\nwords.")).toBe("这是第一行，这是第二行。 And English words.");
  });
});

describe("inline syntax / escapeInline", () => {
  it.each([
    ["**粗体**与 __粗__", "粗体与 粗"],
    ["*斜*与 _斜_", "斜与 斜"],
    ["与_斜_", "与_斜_"],
    ["snake_case_name 不变", "snake_case_name 不变"],
    ["5 * 3 * 2", "5 * 3 * 2"],
    ["[Envoy](https://envoyproxy.io) 与 ![图](a.png)", "Envoy 与"],
    ["<https://example.com>", "https://example.com"],
    ["``a ` b``", "a ` b"],
    ["~~删~~ 1~2", "删 1~2"],
    ["\\*不是强调\\*", "*不是强调*"],
    ["[1] 不是链接", "[1] 不是链接"],
    ["“胡萝卜 “式的迁移", "“胡萝卜 “式的迁移"],
  ])("%j reads as %j", (input, expected) => {
    expect(paragraphText(input)).toBe(expected);
  });

  it("round-trips any text through escapeInline", () => {
    const text = fc
      .string({ unit: fc.constantFrom("*", "_", "`", "[", "]", "(", ")", "~", "\\", "<", ">", "!", "a", "中", " ", "h", ":", "&", ";", "/") })
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    fc.assert(
      fc.property(text, (input) => {
        expect(paragraphText(escapeLineStart(escapeInline(input)))).toBe(input);
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips any paragraph through the block parser", () => {
    const line = fc
      .string({ unit: fc.constantFrom("#", "-", "+", "*", "1", ".", ")", ">", " ", "中", "a", "_", "`", "~") })
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    fc.assert(
      fc.property(line, (text) => {
        const body = escapeLineStart(escapeInline(text));
        const sections = parseMarkdownBody(body);
        expect(sections).toHaveLength(1);
        expect(sections[0]!.blocks).toEqual([{ kind: "paragraph", text }]);
      }),
      { numRuns: 2000 },
    );
  });
});
