import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { vectorProblems } from "./check-vectors.mjs";

let root: string;
const put = (file: string, text = "") => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
const row = (name: string, rc = 0) => JSON.stringify({ name, version: "1.0.0", rc }) + "\n";

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "vectors-"));
  put("butane/manifest.jsonl", row("a") + row("b", 1));
  for (const file of ["a.bu", "a.ign", "a.stderr", "b.bu", "b.stderr"]) put(`butane/${file}`);
  put("butane-real/manifest.jsonl", row("web-001"));
  put("butane-real/manifest-filesdir.jsonl", row("ha-002"));
  for (const file of [
    "web-001.bu",
    "web-001.ign",
    "web-001.stderr",
    "ha-002.bu",
    "ha-002.ign",
    "ha-002.stderr",
  ])
    put(`butane-real/${file}`);
  put("gzip/cases.jsonl", JSON.stringify({ name: "gz-0000" }) + "\n");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("vectorProblems", () => {
  it("accepts whole vector folders", () => {
    expect(vectorProblems(root)).toEqual([]);
  });

  it("names the vectors folder itself when it is missing", () => {
    rmSync(root, { recursive: true });
    expect(vectorProblems(root)).toEqual([
      `${root} is missing: the shared test vectors (butane, butane-real, gzip) cannot run`,
    ]);
  });

  it("names a missing folder", () => {
    rmSync(path.join(root, "butane-real"), { recursive: true });
    expect(vectorProblems(root)).toEqual([
      `${path.join(root, "butane-real")} is missing: the butane-real vectors cannot run`,
    ]);
  });

  it("names a folder holding fewer cases than its manifest, and a missing manifest", () => {
    rmSync(path.join(root, "butane/a.ign"));
    rmSync(path.join(root, "butane-real/manifest-filesdir.jsonl"));
    put("gzip/cases.jsonl", "");
    expect(vectorProblems(root)).toEqual([
      `${path.join(root, "butane")} holds 1 of the 2 cases manifest.jsonl lists (first missing: a)`,
      `${path.join(root, "butane-real", "manifest-filesdir.jsonl")} is missing`,
      `${path.join(root, "gzip", "cases.jsonl")} lists no cases`,
    ]);
  });
});
