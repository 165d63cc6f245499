import { describe, expect, it } from "vitest";
import { parseSha256Sums, sha256SumsText } from "./sha256-sums";

describe("SHA256SUMS", () => {
  it("reads sha256sum lines, text and binary mode", () => {
    const sums = parseSha256Sums(`${"a".repeat(64)}  one.raw\n${"b".repeat(64)} *two.raw\nnoise\n`);
    expect([...sums]).toEqual([
      ["one.raw", "a".repeat(64)],
      ["two.raw", "b".repeat(64)],
    ]);
  });

  it("writes sha256sum's text format by name, and reads back what it wrote", () => {
    const sums = new Map([
      ["b.raw", "b".repeat(64)],
      ["a.raw", "a".repeat(64)],
    ]);
    const text = sha256SumsText(sums);
    expect(text).toBe(`${"a".repeat(64)}  a.raw\n${"b".repeat(64)}  b.raw\n`);
    expect(parseSha256Sums(text)).toEqual(sums);
  });
});
