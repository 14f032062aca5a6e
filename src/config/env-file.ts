import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Loads `.env` from `dir` into `process.env` when the file exists. Node's own loader never overrides a
 * variable that is already set (even to ""), so the real environment always wins over the file.
 * Returns the path it loaded, for the start-up log.
 */
export function loadDotEnv(dir = process.cwd()): string | undefined {
  const path = resolve(dir, ".env");
  if (!existsSync(path)) return undefined;
  process.loadEnvFile(path);
  return path;
}
