import type { Catalog } from "./index.ts";

/** Strings of the search, help, random, config, Q&A and button commands. */
export const coreMessages: Catalog = {
  zh: {
    "search.heading": "“{query}” · 第 {from}–{to} 条，共 {total} 条",
    "search.empty": "要找什么？在 /lesson 后面写下关键词或问题，例如：/lesson 职业倦怠",
    "search.truncated": "问题太长，只按前 {max} 个字搜索。",
    "search.noMatch": "没有找到与“{query}”相符的内容。",
    "search.tryThese": "可以试试：",
    "search.noMorePages": "没有更多结果了。",
    "search.expired": "这个按钮已过期，请重新搜索。",
    "qa.noMatch": "语料库里没有能很好回答这个问题的内容。",
    "qa.emptyMention": "你好！直接问我问题，我会从文章里找出最相关的原话。输入 /lesson help 查看用法。",
    "random.heading": "随手一读",
    "random.empty": "语料库是空的。",
    "share.footer": "由 {name} 分享",
    "share.missing": "这段内容已不在语料库中，无法分享。",
    "feedback.thanks.up": "谢谢反馈！",
    "feedback.thanks.down": "谢谢反馈，我们会改进。",
    "feedback.unknown": "这段内容不在这次的结果里，反馈没有记录。请对机器人给出的引文反馈。",
    "action.more": "更多",
    "action.share": "分享到频道",
    "action.helpful": "👍 有用",
    "action.notHelpful": "👎 没用",
    "config.denied": "只有能管理这个频道的人才能修改设置。",
    "config.usage": "用法：/lesson config respond mentions|questions|all（mentions：只回应 @ 我的消息；questions：也回答看起来是问题的消息；all：回应所有消息，但只在有好答案时开口）",
    "config.current": "本频道的回应方式：{mode}",
    "config.set": "好的，本频道的回应方式已改为：{mode}",
    "config.mode.mentions": "只回应 @ 提及",
    "config.mode.questions": "回答提问",
    "config.mode.all": "所有消息（只在有好答案时开口）",
    "error.internal": "出错了，请稍后再试。（参考编号 {ref}）",
    "loading": "正在加载文章索引，请稍后再试。",
    "help.heading": "lessonbot 用法",
    "help.body":
      "/lesson <关键词或问题> — 找出最相关的原话，例如 /lesson 职业倦怠\n" +
      "/lesson random — 随机一段\n" +
      "/lesson today — 本频道今天的每日一课\n" +
      "/lesson daily 09:00 Asia/Shanghai [weekdays] — 订阅每日一课（daily off 取消，daily status 查看）\n" +
      "/lesson sources [关键词] [页码] — 文章库里有哪些文章（标题、作者、日期、链接）\n" +
      "/lesson config respond mentions|questions|all — 设置本频道何时回答问题\n" +
      "/lesson stats [7d] — 本频道的提问、空白和反馈统计（管理频道的人可用）\n" +
      "在频道里 @ 我提问，我会在帖子里回复最相关的段落。",
    "help.corpus": "语料库：{articles} 篇文章，{passages} 个段落。用 /lesson sources 查看文章列表。",
  },
  en: {
    "search.heading": "“{query}” · {from}–{to} of {total}",
    "search.empty": "What should I look for? Add words or a question after /lesson, e.g. /lesson burnout",
    "search.truncated": "That was long; I searched its first {max} characters.",
    "search.noMatch": "Nothing in the library matches “{query}”.",
    "search.tryThese": "Try:",
    "search.noMorePages": "No more results.",
    "search.expired": "This button has expired; please search again.",
    "qa.noMatch": "Nothing in the library answers that well.",
    "qa.emptyMention": "Hi! Ask me a question and I'll find the passages that answer it. Type /lesson help for more.",
    "random.heading": "A random read",
    "random.empty": "The library is empty.",
    "share.footer": "Shared by {name}",
    "share.missing": "That passage is no longer in the library, so it can't be shared.",
    "feedback.thanks.up": "Thanks for the feedback!",
    "feedback.thanks.down": "Thanks, we'll use that to improve.",
    "feedback.unknown": "That passage wasn't among the results for this search, so the feedback wasn't recorded. Rate a quote the bot showed you.",
    "action.more": "More",
    "action.share": "Share to channel",
    "action.helpful": "👍 Helpful",
    "action.notHelpful": "👎 Not helpful",
    "config.denied": "Only people who manage this channel can change its settings.",
    "config.usage": "Usage: /lesson config respond mentions|questions|all (mentions: only when @mentioned; questions: also messages that read as questions; all: every message, speaking only when there is a good answer)",
    "config.current": "This channel answers: {mode}",
    "config.set": "Done: this channel now answers {mode}",
    "config.mode.mentions": "@mentions only",
    "config.mode.questions": "questions",
    "config.mode.all": "all messages (only when there is a good answer)",
    "error.internal": "Something went wrong; please try again. (ref {ref})",
    "loading": "Still loading the article index; please try again in a moment.",
    "help.heading": "How to use lessonbot",
    "help.body":
      "/lesson <words or a question> — the passages that answer it, e.g. /lesson burnout\n" +
      "/lesson random — a random passage\n" +
      "/lesson today — this channel's lesson of the day\n" +
      "/lesson daily 09:00 Asia/Shanghai [weekdays] — subscribe to a daily lesson (daily off, daily status)\n" +
      "/lesson sources [words] [page] — the library's articles (title, author, date, link)\n" +
      "/lesson config respond mentions|questions|all — when this channel gets answers\n" +
      "/lesson stats [7d] — this channel's questions, gaps and feedback (for channel managers)\n" +
      "@mention me with a question in a channel and I'll reply in a thread.",
    "help.corpus": "Library: {articles} articles, {passages} passages. /lesson sources lists them.",
  },
};
