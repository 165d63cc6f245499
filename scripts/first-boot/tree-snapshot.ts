/**
 * A node's tree as a map of its entries (type, mode, owner, and a file's sha256 or a link's
 * target), to prove a script run changed nothing: a refused upgrade, or a second run of a done one.
 * Times are left out on purpose: reading a file is not a change.
 */
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";

/** Relative path ("." for the root) → "dir 0755 0:0", "file 0644 0:0 <sha256>", "link … -> target". */
export type TreeSnapshot = Map<string, string>;

export function treeSnapshot(root: string): TreeSnapshot {
  const snapshot: TreeSnapshot = new Map();
  const visit = (relative: string) => {
    const at = path.join(root, relative);
    const stat = lstatSync(at);
    const common = `${(stat.mode & 0o7777).toString(8).padStart(4, "0")} ${stat.uid}:${stat.gid}`;
    if (stat.isSymbolicLink()) snapshot.set(relative, `link ${common} -> ${readlinkSync(at)}`);
    else if (stat.isDirectory()) {
      snapshot.set(relative, `dir ${common}`);
      for (const name of readdirSync(at).sort()) visit(path.join(relative, name));
    } else if (stat.isFile())
      snapshot.set(
        relative,
        `file ${common} ${createHash("sha256").update(readFileSync(at)).digest("hex")}`,
      );
    else snapshot.set(relative, `other ${common}`);
  };
  visit(".");
  return snapshot;
}

/** What differs between two snapshots, one line per path: added, removed or changed. */
export function snapshotDifferences(before: TreeSnapshot, after: TreeSnapshot): string[] {
  const differences: string[] = [];
  for (const [at, entry] of before) {
    const now = after.get(at);
    if (now === undefined) differences.push(`removed ${at} (${entry})`);
    else if (now !== entry) differences.push(`changed ${at}: ${entry} → ${now}`);
  }
  for (const [at, entry] of after) if (!before.has(at)) differences.push(`added ${at} (${entry})`);
  return differences;
}
