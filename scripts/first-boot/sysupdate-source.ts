/**
 * What systemd-sysupdate reads from a url-file source, modelled for the first-boot check of a
 * mirror (local-mirror.ts) where the real systemd-sysupdate is not installed: a transfer file's
 * settings, and the SHA256SUMS entries its MatchPattern= selects, newest first.
 *
 * The matching follows sysupdate.d(5) and systemd's src/sysupdate/sysupdate-pattern.c: specifiers
 * (%a: the machine's architecture) are expanded when the file is read; in the pattern, a literal
 * must come next in the name, and a field such as @v runs to the first place the following
 * literal occurs (no backtracking), or to the end; a version is made of letters, digits and
 * ".,_-+". Only the parts the bakery's transfers use are modelled (@v, %a); anything else is
 * refused with a message rather than matched differently from systemd.
 */

/** A transfer file's settings: section → key → values in order (a key may repeat). */
export type TransferSettings = Map<string, Map<string, string[]>>;

export function transferSettings(text: string): TransferSettings {
  const sections: TransferSettings = new Map();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section) {
      const name = section[1] as string;
      current = sections.get(name) ?? new Map<string, string[]>();
      sections.set(name, current);
      continue;
    }
    const equals = line.indexOf("=");
    if (equals < 0 || !current) continue;
    const key = line.slice(0, equals).trim();
    current.set(key, [...(current.get(key) ?? []), line.slice(equals + 1).trim()]);
  }
  return sections;
}

export interface UrlFileSource {
  /** The folder URL systemd-sysupdate lists (Path + SHA256SUMS) and downloads from. */
  path: string;
  matchPatterns: string[];
}

/** The [Source] of a url-file transfer, or why it is not one. */
export function urlFileSource(settings: TransferSettings): UrlFileSource | string {
  const source = settings.get("Source");
  if (!source) return "the transfer has no [Source] section";
  const type = source.get("Type")?.at(-1);
  if (type !== "url-file") return `[Source] Type= is ${type ?? "missing"}, not url-file`;
  const path = source.get("Path")?.at(-1);
  if (!path) return "[Source] has no Path=";
  const matchPatterns = source.get("MatchPattern") ?? [];
  if (matchPatterns.length === 0) return "[Source] has no MatchPattern=";
  return { path, matchPatterns };
}

type PatternElement = { literal: string } | { field: "version" };

/** Expands %a (and %%) as systemd does when it loads the file; refuses other specifiers. */
export function expandSpecifiers(pattern: string, architecture: string): string {
  return pattern.replace(/%(.?)/g, (_all, letter: string) => {
    if (letter === "a") return architecture;
    if (letter === "%") return "%";
    throw new Error(`specifier %${letter} in ${pattern} is not modelled (only %a and %%)`);
  });
}

function patternElements(pattern: string): PatternElement[] {
  const elements: PatternElement[] = [];
  let literal = "";
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char !== "@") {
      literal += char;
      continue;
    }
    const next = pattern[index + 1];
    index++;
    if (next !== "v")
      throw new Error(`field @${next ?? ""} in ${pattern} is not modelled (only @v)`);
    if (literal !== "") elements.push({ literal });
    literal = "";
    elements.push({ field: "version" });
  }
  if (literal !== "") elements.push({ literal });
  if (!elements.some((element) => "field" in element))
    throw new Error(`${pattern} has no @v: systemd-sysupdate refuses it`);
  return elements;
}

/** A version as sysupdate accepts it (version_is_valid). */
export function isSysupdateVersion(text: string): boolean {
  return /^[A-Za-z0-9.,_+-]+$/.test(text) && text !== "." && text !== "..";
}

/** The version a name carries under the (expanded) pattern, or undefined when it does not match. */
export function matchVersion(pattern: string, name: string): string | undefined {
  const elements = patternElements(pattern);
  let rest = name;
  let version: string | undefined;
  for (const [index, element] of elements.entries()) {
    if ("literal" in element) {
      if (!rest.startsWith(element.literal)) return undefined;
      rest = rest.slice(element.literal.length);
      continue;
    }
    const following = elements[index + 1];
    const end = following && "literal" in following ? rest.indexOf(following.literal) : rest.length;
    if (end < 0) return undefined;
    const value = rest.slice(0, end);
    if (!isSysupdateVersion(value)) return undefined;
    version = value;
    rest = rest.slice(end);
  }
  return rest === "" ? version : undefined;
}

/**
 * Orders versions as sysupdate sorts instances, for the versions the bakery uses: runs of
 * digits compare as numbers, anything else as text (a simplification of strverscmp_improved).
 */
export function compareVersions(a: string, b: string): number {
  const runs = (text: string) => text.match(/\d+|\D+/g) ?? [];
  const left = runs(a);
  const right = runs(b);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const x = left[index];
    const y = right[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    const order = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (order !== 0) return order;
  }
  return 0;
}

export interface SourceEntry {
  name: string;
  version: string;
  sha256: string;
}

/** The SHA256SUMS entries any of the patterns match on a machine of `architecture`, newest first. */
export function matchingEntries(
  sums: ReadonlyMap<string, string>,
  patterns: readonly string[],
  architecture: string,
): SourceEntry[] {
  const expanded = patterns.map((pattern) => expandSpecifiers(pattern, architecture));
  const entries: SourceEntry[] = [];
  for (const [name, sha256] of sums) {
    for (const pattern of expanded) {
      const version = matchVersion(pattern, name);
      if (version === undefined) continue;
      entries.push({ name, version, sha256 });
      break;
    }
  }
  return entries.sort((a, b) => compareVersions(b.version, a.version));
}
