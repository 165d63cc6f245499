import { gunzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { base64 } from "./data-url.ts";
import { crc32, goGzip } from "./go-gzip.ts";

const enc = (s: string) => new TextEncoder().encode(s);

/** Deterministic pseudo-random bytes (xorshift), so the test is repeatable. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe("gzip as Go's compress/gzip writes it at BestCompression", () => {
  it("writes the bytes the reference Butane recorded for short runs", () => {
    // Data URLs written by Butane v0.25.1 for these inline strings.
    expect(base64(goGzip(enc("a".repeat(53))))).toBe("H4sIAAAAAAAC/0okBwACAAD//yyJs6o1AAAA");
    expect(base64(goGzip(enc("\n".repeat(118))))).toBe("H4sIAAAAAAAC/+IaEAAIAAD//wOWyb92AAAA");
  });

  it("has Go's header (no mtime, XFL 2, OS unknown) and an empty final stored block for empty input", () => {
    expect(Array.from(goGzip(new Uint8Array(0)))).toEqual([
      0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff, 1, 0, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it("round-trips through a standard gunzip across window shifts, block splits and stored blocks", () => {
    const words = Array.from({ length: 60000 }, (_, i) => `w${(i * 7919) % 5003} `).join("");
    const inputs = [
      enc("hello"),
      noise(100_000, 7), // incompressible: stored blocks, and the window shifts
      enc("abcabcabd".repeat(30_000)), // long matches across window shifts
      enc(words), // more than 16384 tokens: several blocks
      noise(70_000, 3).map((b) => b & 3), // few symbols, short matches
    ];
    for (const input of inputs) {
      const gz = goGzip(input);
      const back = gunzipSync(gz);
      // Compared as one Buffer: element-wise deep equality is slow on 300 KB.
      expect(Buffer.from(back).equals(Buffer.from(input))).toBe(true);
      expect(back.length).toBe(input.length);
    }
  });

  it("computes the standard CRC-32 check value", () => {
    expect(crc32(enc("123456789"))).toBe(0xcbf43926);
  });
});
