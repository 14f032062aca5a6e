/**
 * Snapshot files: `index-<folder tag>-<key>.json` in the snapshot folder. Written atomically (a temp
 * file renamed into place), so a reader sees a whole snapshot or none; when a new one is written, the
 * same corpus folder's older snapshots are removed. Reading never throws: anything short of a
 * well-formed snapshot with the expected key comes back as a reason to rebuild.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { sha256 } from "./corpus-files.ts";

/** The envelope every snapshot file has; `data` is the cache's own payload. */
export interface SnapshotEnvelope<T> {
  format: typeof FORMAT;
  key: string;
  corpusDir: string;
  createdAt: string;
  data: T;
}

const FORMAT = "lessonbot-index-snapshot";

/**
 * Why a snapshot was not read: `missing` (none for this corpus folder yet), `stale` (one for this folder,
 * but made from other files or by another pipeline: `path` names it), `unusable` (the file for this key is
 * unreadable, corrupt or not ours).
 */
export type SnapshotMiss = { ok: false; kind: "missing" | "stale" | "unusable"; reason: string; path: string };

export type SnapshotRead<T> = { ok: true; snapshot: SnapshotEnvelope<T>; path: string; bytes: number } | SnapshotMiss;

/** A short tag for a corpus folder: one snapshot folder can serve several corpora without mixing them. */
export function folderTag(corpusDir: string): string {
  return sha256(resolve(corpusDir)).slice(0, 12);
}

export function snapshotPath(snapshotDir: string, corpusDir: string, key: string): string {
  return join(snapshotDir, `index-${folderTag(corpusDir)}-${key}.json`);
}

export async function readSnapshot<T>(snapshotDir: string, corpusDir: string, key: string): Promise<SnapshotRead<T>> {
  const path = snapshotPath(snapshotDir, corpusDir, key);
  const unusable = (reason: string): SnapshotMiss => ({ ok: false, kind: "unusable", path, reason });
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return unusable(`cannot read: ${(error as Error).message}`);
    const stale = await snapshotsOf(snapshotDir, corpusDir);
    if (stale.length > 0) return { ok: false, kind: "stale", path: join(snapshotDir, stale[0]!), reason: "made from other corpus files or by another pipeline version" };
    return { ok: false, kind: "missing", path, reason: "no snapshot for this corpus folder yet" };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return unusable(`corrupt (not JSON: ${(error as Error).message})`);
  }
  const envelope = parsed as Partial<SnapshotEnvelope<T>> | null;
  if (!envelope || typeof envelope !== "object" || envelope.format !== FORMAT) return unusable("corrupt (not a lessonbot index snapshot)");
  if (envelope.key !== key) return unusable("key mismatch (the file's key is not the one its name says)");
  if (envelope.data === undefined || envelope.data === null) return unusable("corrupt (no data)");
  return { ok: true, path, bytes: Buffer.byteLength(text), snapshot: envelope as SnapshotEnvelope<T> };
}

/** Names of the snapshot files this corpus folder has in `snapshotDir`. */
async function snapshotsOf(snapshotDir: string, corpusDir: string): Promise<string[]> {
  const prefix = `index-${folderTag(corpusDir)}-`;
  const names = await readdir(snapshotDir).catch(() => [] as string[]);
  return names.filter((name) => name.startsWith(prefix) && name.endsWith(".json")).sort();
}

/**
 * Writes the snapshot (temp file + rename) and removes this folder's other snapshots. Returns the path
 * and size written.
 */
export async function writeSnapshot<T>(snapshotDir: string, corpusDir: string, key: string, data: T): Promise<{ path: string; bytes: number }> {
  await mkdir(snapshotDir, { recursive: true });
  const path = snapshotPath(snapshotDir, corpusDir, key);
  const envelope: SnapshotEnvelope<T> = { format: FORMAT, key, corpusDir: resolve(corpusDir), createdAt: new Date().toISOString(), data };
  const text = JSON.stringify(envelope);
  const bytes = Buffer.byteLength(text);
  const temp = `${path}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await removeOthers(snapshotDir, corpusDir, path);
  return { path, bytes };
}

/** A crashed writer's temp file is left for this long before it counts as garbage. */
const STALE_TEMP_MS = 10 * 60_000;

/** Older snapshots of the same corpus folder (and temp files a crash left behind) are of no further use. */
async function removeOthers(snapshotDir: string, corpusDir: string, keep: string): Promise<void> {
  const prefix = `index-${folderTag(corpusDir)}-`;
  const names = await readdir(snapshotDir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && join(snapshotDir, name) !== keep)
      .map(async (name) => {
        const path = join(snapshotDir, name);
        if (name.endsWith(".tmp")) {
          const info = await stat(path).catch(() => undefined);
          if (!info || Date.now() - info.mtimeMs < STALE_TEMP_MS) return;
        } else if (!name.endsWith(".json")) return;
        await rm(path, { force: true });
      }),
  );
}
