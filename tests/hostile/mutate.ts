/**
 * Fuzzing by mutation: a valid payload with one field somewhere in it replaced by an arbitrary JSON value,
 * deleted, or its container replaced — the shapes a buggy proxy or a forger produces, which random JSON
 * alone almost never reaches (it fails the first check).
 */
import fc from "fast-check";

type Json = unknown;

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
export function pathsOf(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  if (depth > 6 || typeof value !== "object" || value === null) return out;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value as Record<string, Json>);
  for (const [key, inner] of entries) {
    const path = [...prefix, key];
    out.push(path);
    pathsOf(inner, path, out, depth + 1);
  }
  return out;
}

function setAt(value: Json, path: (string | number)[], replacement: Json | typeof DELETE): Json {
  if (path.length === 0) return replacement === DELETE ? undefined : replacement;
  const [head, ...rest] = path;
  const copy: Record<string | number, Json> = Array.isArray(value) ? [...(value as Json[])] as unknown as Record<number, Json> : { ...(value as Record<string, Json>) };
  if (rest.length === 0 && replacement === DELETE) delete copy[head!];
  else copy[head!] = setAt(copy[head!], rest, replacement);
  return copy;
}

const DELETE = Symbol("delete");

/** Hostile leaf values: wrong types, empties, huge and odd strings. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(null, "", 0, -1, 1e308, true, false, [], {}, "null", "__proto__", "constructor", "error", "x".repeat(5000), "\u0000", "\ud800", [null], { id: null }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** `base` with one to three fields replaced or deleted. */
export function mutated(base: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(base);
  const edit = fc.tuple(fc.constantFrom(...paths), fc.oneof({ weight: 4, arbitrary: hostileValue }, { weight: 1, arbitrary: fc.constant(DELETE) }));
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => edits.reduce<Json>((value, [path, replacement]) => setAt(value, path, replacement as Json), base));
}
