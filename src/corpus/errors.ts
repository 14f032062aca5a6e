/** Why one corpus file could not be loaded; `loadCorpus` turns it into a `{ path, reason }` entry. */
export class CorpusFileError extends Error {
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = "CorpusFileError";
    this.path = path;
    this.reason = reason;
  }
}

/** A reason without a path yet: thrown by the pure parsers, wrapped with the path by `parseArticle`. */
export class FormatError extends Error {
  override name = "FormatError";
}

/** A file that is fine but is not to be served (a draft): listed, never counted as broken. */
export class SkippedFile extends Error {
  override name = "SkippedFile";
}
