/** Tables, in whatever format, read as sentences: one a row. */

/**
 * Rows as sentences: the header row (the first full-width row; a caption row spanning the table comes
 * before it and stays as it is) names each cell of the rows under it.
 */
export function rowsAsSentences(rows: string[][]): string[] {
  if (!rows.length) return [];
  const width = Math.max(...rows.map((r) => r.length));
  const headerAt = rows.length > 1 && width > 1 ? rows.findIndex((r) => r.length === width) : -1;
  const header = headerAt >= 0 ? rows[headerAt] : undefined;
  const before = headerAt > 0 ? rows.slice(0, headerAt).map((r) => r.filter(Boolean).join("; ")) : [];
  return [...before, ...(header ? rows.slice(headerAt + 1) : rows)
    .map((cells) =>
      cells
        .map((cell, i) => (cell && header?.[i] ? `${header[i]}: ${cell}` : cell))
        .filter(Boolean)
        .join("; "),
    )]
    .filter(Boolean);
}
