/**
 * The corpus model: what a corpus document (Markdown, text, HTML, Word, PDF) means once parsed.
 * Everything downstream (search, lessons) reads these types, never Markdown.
 */

/** A lesson added by hand in front matter (`lessons.add`). */
export interface LessonSpec {
  /** The lesson in one line, e.g. "靠机制而不是靠人". */
  title: string;
  /** Whole sentences that explain it. */
  text: string;
  /** Section heading it comes from, when it has one. */
  section?: string;
}

export interface ArticleMeta {
  /**
   * Stable slug of the path relative to the corpus folder (`envoy-5-years.md` → `envoy-5-years`,
   * `team/ceo/index.md` → `team-ceo`), unique in the folder, at most 40 characters.
   */
  id: string;
  title: string;
  /** Who wrote the article (for a translation or interview: the writer). */
  author?: string;
  /** Who is quoted: the person whose words the article carries (interviewee, original author). */
  speakers: string[];
  source?: string;
  /** Where this text can be read: front matter `url`, the page's canonical URL, or `CORPUS_BASE_URL` + its path. */
  url?: string;
  /** For a translation or repost: the original publication (`original_url` in front matter). */
  originalUrl?: string;
  /** A short teaser (`summary` in front matter); metadata, never quoted as the article's words. */
  summary?: string;
  /** ISO date `YYYY-MM-DD` when known. */
  date?: string;
  /** BCP 47 language of the text: front matter `lang`, else detected (`zh`, `en`, or `mul` for mixed). */
  lang: string;
  tags: string[];
  /** Open questions the importer could not decide; shown by `cli lessons`/`cli check`, never to chat users. */
  todo: string[];
  lessons: { add: LessonSpec[]; exclude: string[] };
}

/** A link in a block: its text as it reads in the sentence, and where it points (for citations). */
export interface Link {
  text: string;
  url: string;
}

export type Block =
  | { kind: "paragraph"; text: string; links?: Link[] }
  | { kind: "list"; items: string[]; links?: Link[] };

export interface Section {
  /** Heading text as written (`""` for text before the first heading). */
  heading: string;
  /** Headings from the top of the article down to this one. */
  path: string[];
  /** Markdown heading depth (1–6; 0 for the preamble). */
  level: number;
  blocks: Block[];
}

export interface Article {
  meta: ArticleMeta;
  /** Path of the source file, for error messages and reload. */
  path: string;
  /** Path relative to the corpus folder with `/` separators (`team/index.md`), when loaded from a folder. */
  relPath?: string;
  /** sha256 of the file's bytes: snapshot keys and reload use it. */
  hash: string;
  sections: Section[];
}

export interface CorpusError {
  path: string;
  reason: string;
  /**
   * Set when nothing is wrong with the file but nothing in it is served (an empty placeholder page, a
   * draft): listed by `check` and logged, but `check` still passes.
   */
  notice?: true;
}

export interface CorpusLoadResult {
  articles: Article[];
  /** Files that could not be used, each with what to do; notices (`notice: true`) among them. */
  errors: CorpusError[];
}
