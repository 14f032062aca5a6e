/** Article ids from relative paths: stable, readable, ASCII, at most 40 characters, unique in a folder. */
import { describe, expect, it } from "vitest";
import { articleIdOf, assignArticleIds } from "../../src/corpus/slug.ts";

describe("article ids", () => {
  it.each([
    ["envoy-5-years.md", "envoy-5-years"],
    ["team/index.md", "team"],
    ["team/ceo/index.md", "team-ceo"],
    ["Navan.md", "navan"],
    ["docs/GCP_Marketplace_Guidance.md", "docs-gcp-marketplace-guidance"],
    ["weekly/issue-12.md", "weekly-issue-12"],
  ])("%s → %s", (path, id) => {
    expect(articleIdOf(path)).toBe(id);
  });

  it("shortens a long path to its last words plus a digest of the whole path, the same every time", () => {
    const path = "handbook/content/departments/people-talent/people-ops/process/Leaving_Sourcegraph_resources_for_managers.md";
    const id = articleIdOf(path);
    expect(id.length).toBeLessThanOrEqual(40);
    expect(id).toMatch(/^[a-z0-9-]*for-managers-[a-z0-9]{6}$/);
    expect(articleIdOf(path)).toBe(id);
    expect(articleIdOf(path.replace("managers", "directors"))).not.toBe(id);
  });

  it("names a Chinese file doc-<digest>, distinct per path", () => {
    expect(articleIdOf("笔记/职业倦怠.md")).toMatch(/^doc-[a-z0-9]{6}$/);
    expect(articleIdOf("笔记/职业倦怠.md")).not.toBe(articleIdOf("笔记/开源治理.md"));
  });

  it("keeps ids unique when two paths slug alike: the first in order keeps the plain id", () => {
    const ids = assignArticleIds(["A.md", "a.md", "a b.md", "team.md", "team/index.md"]);
    expect(ids.get("A.md")).toBe("a");
    expect(ids.get("a.md")).toMatch(/^a-[a-z0-9]{6}$/);
    expect(ids.get("a b.md")).toBe("a-b");
    expect(ids.get("team.md")).toBe("team");
    expect(ids.get("team/index.md")).toMatch(/^team-[a-z0-9]{6}$/);
    expect(new Set(ids.values()).size).toBe(5);
  });
});
