import { describe, expect, it } from "vitest";
import { goQuoteJson, marshalGo } from "./go-json.ts";

describe("Go JSON writer", () => {
  it("escapes < > & and the line and paragraph separators like encoding/json", () => {
    expect(goQuoteJson("<a>&b \u2028 \u2029")).toBe('"\\u003ca\\u003e\\u0026b \\u2028 \\u2029"');
  });
  it("uses short escapes for \\n \\r \\t and \\u00XX for other control characters", () => {
    expect(goQuoteJson('\n\r\t\u0001\b"\\')).toBe('"\\n\\r\\t\\u0001\\u0008\\"\\\\"');
  });
  it("keeps non-ASCII text as is", () => {
    expect(goQuoteJson("héllo ✓ 日本")).toBe('"héllo ✓ 日本"');
  });
  it("indents like json.MarshalIndent with two spaces, keeping key order and false values", () => {
    expect(marshalGo({ b: false, a: [1, "x"], e: {} }, true)).toBe(
      '{\n  "b": false,\n  "a": [\n    1,\n    "x"\n  ],\n  "e": {}\n}',
    );
    expect(marshalGo({ b: false, a: [1] }, false)).toBe('{"b":false,"a":[1]}');
  });
});
