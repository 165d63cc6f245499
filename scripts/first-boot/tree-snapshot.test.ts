import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { snapshotDifferences, treeSnapshot } from "./tree-snapshot.ts";

describe("treeSnapshot and snapshotDifferences", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "tree-snapshot-"));
    mkdirSync(path.join(root, "etc/extensions"), { recursive: true });
    writeFileSync(path.join(root, "etc/hostname"), "cp-1\n", { mode: 0o644 });
    symlinkSync("/opt/a.raw", path.join(root, "etc/extensions/kubernetes.raw"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("records type, mode, owner, a file's sha256 and a link's target", () => {
    const snapshot = treeSnapshot(root);
    expect(snapshot.get("etc/hostname")).toMatch(/^file 0644 \d+:\d+ [0-9a-f]{64}$/);
    expect(snapshot.get("etc/extensions/kubernetes.raw")).toMatch(/^link .* -> \/opt\/a\.raw$/);
    expect(snapshot.get("etc")).toMatch(/^dir /);
  });

  it("finds nothing between two snapshots of an untouched tree, even when a file is rewritten alike", () => {
    const before = treeSnapshot(root);
    writeFileSync(path.join(root, "etc/hostname"), "cp-1\n");
    expect(snapshotDifferences(before, treeSnapshot(root))).toEqual([]);
  });

  it("finds a changed file, mode and link, an added file and a removed one", () => {
    const before = treeSnapshot(root);
    writeFileSync(path.join(root, "etc/hostname"), "cp-2\n");
    chmodSync(path.join(root, "etc"), 0o700);
    unlinkSync(path.join(root, "etc/extensions/kubernetes.raw"));
    symlinkSync("/opt/b.raw", path.join(root, "etc/extensions/kubernetes.raw"));
    writeFileSync(path.join(root, "etc/new"), "");
    const differences = snapshotDifferences(before, treeSnapshot(root));
    expect(differences).toHaveLength(4);
    expect(differences.some((line) => line.startsWith("changed etc/hostname"))).toBe(true);
    expect(differences.some((line) => line.startsWith("changed etc:"))).toBe(true);
    expect(differences.some((line) => line.includes("-> /opt/b.raw"))).toBe(true);
    expect(differences).toContain(`added etc/new (${treeSnapshot(root).get("etc/new") ?? ""})`);
    rmSync(path.join(root, "etc/new"));
    rmSync(path.join(root, "etc/hostname"));
    expect(
      snapshotDifferences(before, treeSnapshot(root)).some((line) =>
        line.startsWith("removed etc/hostname"),
      ),
    ).toBe(true);
  });
});
