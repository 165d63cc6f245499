import { gunzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { escapeDataUrl, makeDataUrl } from "./data-url.ts";

const enc = (s: string) => new TextEncoder().encode(s);

describe("data URLs by Butane's rule", () => {
  it("percent-encodes short text, keeping RFC 2396 unreserved characters", () => {
    expect(escapeDataUrl(enc("a-b_c.d!e~f*g'h(i) j/k:l"))).toBe("a-b_c.d!e~f*g'h(i)%20j%2Fk%3Al");
    expect(makeDataUrl(enc("hello world"), undefined)).toEqual({
      source: "data:,hello%20world",
      compression: "",
    });
  });
  it("uses base64 when it is shorter", () => {
    expect(makeDataUrl(enc("üüüü"), undefined).source).toBe("data:;base64,w7zDvMO8w7w=");
  });
  it("uses gzip when that is shorter still, and the bytes round-trip", () => {
    const text = "KEY=value-value-value\n".repeat(40);
    const url = makeDataUrl(enc(text), undefined);
    expect(url.compression).toBe("gzip");
    const b64 = url.source.slice("data:;base64,".length);
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(gunzipSync(bytes))).toBe(text);
  });
  it("never compresses again when the user set a compression, and leaves the field alone", () => {
    const url = makeDataUrl(enc("x".repeat(500)), "gzip");
    expect(url.compression).toBeUndefined();
    expect(url.source.startsWith("data:;base64,") || url.source.startsWith("data:,")).toBe(true);
  });
  it('keeps text percent-encoded when gzip is shorter by no more than the word "gzip"', () => {
    // ";base64," and Go's gzip of 45 x's is 44 characters, ",xxx…" 46: 44 + 4 is not less.
    expect(makeDataUrl(enc("x".repeat(45)), undefined)).toEqual({
      source: "data:," + "x".repeat(45),
      compression: "",
    });
  });
  it("answers the same for contents seen before, per compression, and a caller's change to an answer stays its own", () => {
    const text = "KEY=value-value-value\n".repeat(40);
    const first = makeDataUrl(enc(text), undefined);
    first.source = "changed by the caller";
    const again = makeDataUrl(enc(text), undefined);
    expect(again.compression).toBe("gzip");
    expect(again.source).not.toBe("changed by the caller");
    // The same contents with the user's own compression: not the answer kept for none.
    expect(makeDataUrl(enc(text), "gzip")).toEqual({
      source: `data:,${encodeURIComponent(text).replaceAll("=", "%3D")}`,
      compression: undefined,
    });
    expect(makeDataUrl(enc(`${text}!`), undefined).source).not.toBe(again.source);
  });
});
