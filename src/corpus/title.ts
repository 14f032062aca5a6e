/**
 * A title for a file that states none: its name made readable (`team/ceo/index.md` → "Ceo",
 * `Leaving_Sourcegraph_resources.md` → "Leaving Sourcegraph resources", `职业倦怠.md` → "职业倦怠").
 */
export function titleFromPath(relPath: string): string {
  const segments = relPath.split("/").filter(Boolean);
  let name = (segments.pop() ?? relPath).replace(/\.[^.]*$/, "");
  // `index.md` / `README.md` name their folder.
  if (/^(index|_index|readme)$/i.test(name) && segments.length) name = segments.pop()!;
  const words = name.replace(/[_-]+/g, " ").replace(/\s+/g, " ").trim();
  if (!words) return relPath;
  return words[0]!.toUpperCase() + words.slice(1);
}
