import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { makeDataUrl } from "../../src/core/butane/data-url.ts";
import { decodeDataUrl } from "./data-url.ts";

describe("decodeDataUrl", () => {
  it("reads percent-encoded and base64 data URLs", () => {
    expect(decodeDataUrl("data:,a%20b%0A").toString()).toBe("a b\n");
    expect(decodeDataUrl("data:text/plain;base64,aGk=").toString()).toBe("hi");
    expect(decodeDataUrl("data:,%E2%9C%93").toString()).toBe("✓");
  });

  it("reads back what the compiler writes, gzipped or not", () => {
    const texts = [
      "short",
      "[Service]\nExecStart=/usr/bin/true\n".repeat(40),
      "\u00e9\u0000\u00ff binary-ish",
    ];
    for (const text of texts) {
      const bytes = new TextEncoder().encode(text);
      const { source, compression } = makeDataUrl(bytes, undefined);
      const decoded = decodeDataUrl(source);
      expect((compression === "gzip" ? gunzipSync(decoded) : decoded).toString()).toBe(text);
    }
  });

  it("refuses what is not a data URL", () => {
    expect(() => decodeDataUrl("https://example.com/x")).toThrow(/not a data URL/);
  });
});
