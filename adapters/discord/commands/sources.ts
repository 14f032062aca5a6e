import type { LessonSubcommand } from "./types.ts";
import { localized } from "./types.ts";
import { SOURCES_PAGE_SIZE } from "../../../src/commands/sources.ts";

/** `/lesson sources [filter:<words>] [page:<n>]`: the library's articles, a page at a time (buttons page on). */
export const sources: LessonSubcommand = {
  name: "sources",
  define(builder) {
    const description = { en: "The library's articles: title, author, date, link", zh: "文章库里的文章：标题、作者、日期、链接", zhTW: "文章庫裡的文章：標題、作者、日期、連結" };
    const filter = { en: "Only articles whose title, author or path has these words", zh: "只列标题、作者或路径含这些词的文章", zhTW: "只列標題、作者或路徑含這些詞的文章" };
    const n = SOURCES_PAGE_SIZE;
    const page = { en: `Page number (${n} articles a page)`, zh: `页码（每页 ${n} 篇）`, zhTW: `頁碼（每頁 ${n} 篇）` };
    builder.addSubcommand((sub) =>
      sub
        .setName("sources")
        .setDescription(description.en)
        .setDescriptionLocalizations(localized(description))
        .addStringOption((option) =>
          option.setName("filter").setDescription(filter.en).setDescriptionLocalizations(localized(filter)).setMaxLength(100),
        )
        .addIntegerOption((option) =>
          option.setName("page").setDescription(page.en).setDescriptionLocalizations(localized(page)).setMinValue(1).setMaxValue(100_000),
        ),
    );
  },
  invocation: (options) => ({
    name: "sources",
    filter: options.getString("filter") ?? "",
    page: Math.max(0, (options.getInteger("page") ?? 1) - 1),
  }),
  ephemeral: () => true,
};
