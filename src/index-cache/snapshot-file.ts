/**
 * Snapshot files: `index-<folder tag>-<key>.snap` in the snapshot folder. One file = a small binary
 * preamble, a JSON head (format, key, the cache's JSON data, section sizes) and binary sections (typed
 * arrays as they are, 8-byte aligned so a reader makes views over the bytes it read). Written atomically
 * (a temp file renamed into place), so a reader sees a whole snapshot or none; when a new one is written,
 * the same corpus folder's older snapshots are removed. Reading never throws: anything short of a
 * well-formed snapshot with the expected key comes back as a reason to rebuild.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { sha256 } from "./corpus-files.ts";

/** The envelope every snapshot file has; `data` is the cache's own payload, `sections` its binary parts. */
export interface SnapshotEnvelope<T> {
  format: typeof FORMAT;
  key: string;
  corpusDir: string;
  createdAt: string;
  data: T;
  sections: Uint8Array[];
}

const FORMAT = "lessonbot-index-snapshot";
/** Magic (8 bytes), head length (u32 LE), reserved (u32). */
const MAGIC = Buffer.from("LBSNAP2\n", "latin1");
const PREAMBLE = 16;
const EXTENSION = ".snap";
/** Snapshots of earlier versions (removed when a new one is written). */
const OLD_EXTENSIONS = [".json"];

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
  return join(snapshotDir, `index-${folderTag(corpusDir)}-${key}${EXTENSION}`);
}

const align = (n: number) => (n + 7) & ~7;

/** A snapshot file's bytes (exported for tests that edit a snapshot). */
export function encodeSnapshot<T>(envelope: SnapshotEnvelope<T>): Buffer[] {
  const { sections, ...rest } = envelope;
  const head = Buffer.from(JSON.stringify({ ...rest, sections: sections.map((section) => section.byteLength) }), "utf8");
  const preamble = Buffer.alloc(PREAMBLE);
  MAGIC.copy(preamble, 0);
  preamble.writeUInt32LE(head.length, MAGIC.length);
  const parts: Buffer[] = [preamble, head];
  let at = PREAMBLE + head.length;
  const pad = () => {
    const gap = align(at) - at;
    if (gap > 0) parts.push(Buffer.alloc(gap));
    at += gap;
  };
  pad();
  for (const section of sections) {
    parts.push(Buffer.from(section.buffer, section.byteOffset, section.byteLength));
    at += section.byteLength;
    pad();
  }
  return parts;
}

/** Reads a snapshot file's bytes; throws with the reason when they are not a whole snapshot. */
export function decodeSnapshot<T>(bytes: Buffer): SnapshotEnvelope<T> {
  if (bytes.length < PREAMBLE || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error("not a lessonbot index snapshot");
  const headLength = bytes.readUInt32LE(MAGIC.length);
  if (PREAMBLE + headLength > bytes.length) throw new Error("truncated head");
  let head: Omit<SnapshotEnvelope<T>, "sections"> & { sections: number[] };
  try {
    head = JSON.parse(bytes.toString("utf8", PREAMBLE, PREAMBLE + headLength)) as typeof head;
  } catch (error) {
    throw new Error(`head is not JSON: ${(error as Error).message}`);
  }
  if (!head || typeof head !== "object" || head.format !== FORMAT || !Array.isArray(head.sections)) throw new Error("not a lessonbot index snapshot");
  let at = align(PREAMBLE + headLength);
  const sections = head.sections.map((length) => {
    if (!Number.isInteger(length) || length < 0 || at + length > bytes.length) throw new Error("truncated sections");
    const section = new Uint8Array(bytes.buffer, bytes.byteOffset + at, length);
    at = align(at + length);
    return section;
  });
  return { ...head, sections };
}

export async function readSnapshot<T>(snapshotDir: string, corpusDir: string, key: string): Promise<SnapshotRead<T>> {
  const path = snapshotPath(snapshotDir, corpusDir, key);
  const unusable = (reason: string): SnapshotMiss => ({ ok: false, kind: "unusable", path, reason });
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return unusable(`cannot read: ${(error as Error).message}`);
    const stale = await snapshotsOf(snapshotDir, corpusDir);
    if (stale.length > 0) return { ok: false, kind: "stale", path: join(snapshotDir, stale[0]!), reason: "made from other corpus files or by another pipeline version" };
    return { ok: false, kind: "missing", path, reason: "no snapshot for this corpus folder yet" };
  }
  let envelope: SnapshotEnvelope<T>;
  try {
    envelope = decodeSnapshot<T>(bytes);
  } catch (error) {
    return unusable(`corrupt (${(error as Error).message})`);
  }
  if (envelope.key !== key) return unusable("key mismatch (the file's key is not the one its name says)");
  if (envelope.data === undefined || envelope.data === null) return unusable("corrupt (no data)");
  return { ok: true, path, bytes: bytes.length, snapshot: envelope };
}

/** Names of the snapshot files this corpus folder has in `snapshotDir`. */
async function snapshotsOf(snapshotDir: string, corpusDir: string): Promise<string[]> {
  const prefix = `index-${folderTag(corpusDir)}-`;
  const names = await readdir(snapshotDir).catch(() => [] as string[]);
  return names.filter((name) => name.startsWith(prefix) && [EXTENSION, ...OLD_EXTENSIONS].some((ext) => name.endsWith(ext))).sort();
}

/**
 * Writes the snapshot (temp file + rename) and removes this folder's other snapshots. Returns the path
 * and size written.
 */
export async function writeSnapshot<T>(snapshotDir: string, corpusDir: string, key: string, data: T, sections: Uint8Array[] = []): Promise<{ path: string; bytes: number }> {
  await mkdir(snapshotDir, { recursive: true });
  const path = snapshotPath(snapshotDir, corpusDir, key);
  const envelope: SnapshotEnvelope<T> = { format: FORMAT, key, corpusDir: resolve(corpusDir), createdAt: new Date().toISOString(), data, sections };
  const parts = encodeSnapshot(envelope);
  const bytes = parts.reduce((sum, part) => sum + part.length, 0);
  const temp = `${path}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    const file = await open(temp, "w");
    try {
      // writev takes a bounded number of buffers at a time.
      for (let i = 0; i < parts.length; i += 64) {
        const batch = parts.slice(i, i + 64);
        const { bytesWritten } = await file.writev(batch);
        if (bytesWritten !== batch.reduce((sum, part) => sum + part.length, 0)) throw new Error("short write");
      }
    } finally {
      await file.close();
    }
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
        } else if (![EXTENSION, ...OLD_EXTENSIONS].some((ext) => name.endsWith(ext))) return;
        await rm(path, { force: true });
      }),
  );
}
