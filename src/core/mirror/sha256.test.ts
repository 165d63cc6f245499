import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./sha256";

describe("sha256Hex", () => {
  it("agrees with Node's SHA-256 across block boundaries and non-ASCII text", () => {
    const texts = [
      "",
      "abc",
      "é€𝄞",
      ...[55, 56, 63, 64, 65, 119, 120, 1000].map((n) => "x".repeat(n)),
    ];
    for (const text of texts) {
      expect(sha256Hex(text), JSON.stringify(text)).toBe(
        createHash("sha256").update(text, "utf8").digest("hex"),
      );
    }
  });

  it("gives the published digest of 'abc' (FIPS 180-4 example)", () => {
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});
