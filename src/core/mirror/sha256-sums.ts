/**
 * The listing a url-file source serves beside its images: sha256sum's format, "<hex>  <name>"
 * per line (" *<name>" for binary mode), which systemd-sysupdate reads from `<Path>SHA256SUMS`
 * (sysupdate.d(5)) and the bakery publishes for each extension folder.
 */

/** Digests by file name. */
export function parseSha256Sums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]{64}) [ *]?(.+)$/.exec(line.trim());
    if (match) sums.set(match[2] as string, match[1] as string);
  }
  return sums;
}

/** A listing of the given files (name → hex digest), by name. */
export function sha256SumsText(sums: ReadonlyMap<string, string>): string {
  const names = [...sums.keys()].sort();
  return `${names.map((name) => `${sums.get(name) ?? ""}  ${name}`).join("\n")}\n`;
}
