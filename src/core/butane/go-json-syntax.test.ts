import { describe, expect, it } from "vitest";
import { compileButane } from "./compile.ts";
import { goJsonSyntaxError } from "./go-json-syntax.ts";

describe("Go's encoding/json syntax errors (scanner.go)", () => {
  it("accepts valid JSON", () => {
    expect(goJsonSyntaxError('{"a": [1, -2.5e+3, true, null, "x\\u00e9"]}')).toBeUndefined();
  });
  it("names the character and where it was met", () => {
    expect(goJsonSyntaxError("hello")).toBe("invalid character 'h' looking for beginning of value");
    expect(goJsonSyntaxError('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(goJsonSyntaxError('{"a": 1 "b": 2}')).toBe(
      "invalid character '\"' after object key:value pair",
    );
    expect(goJsonSyntaxError("[1 2]")).toBe("invalid character '2' after array element");
    expect(goJsonSyntaxError("{a: 1}")).toBe(
      "invalid character 'a' looking for beginning of object key string",
    );
    expect(goJsonSyntaxError("[tru]")).toBe(
      "invalid character ']' in literal true (expecting 'e')",
    );
    expect(goJsonSyntaxError("[01]")).toBe("invalid character '1' after array element");
    expect(goJsonSyntaxError("{} x")).toBe("invalid character 'x' after top-level value");
    expect(goJsonSyntaxError('"a\tb"')).toBe("invalid character '\\t' in string literal");
    expect(goJsonSyntaxError('"\\q"')).toBe("invalid character 'q' in string escape code");
    expect(goJsonSyntaxError("[1.]")).toBe(
      "invalid character ']' after decimal point in numeric literal",
    );
    expect(goJsonSyntaxError("{")).toBe("unexpected end of JSON input");
    expect(goJsonSyntaxError("")).toBe("unexpected end of JSON input");
  });
});

describe("inline child configs", () => {
  const head = "variant: flatcar\nversion: 1.1.0\n";
  const merge = (inline: string) =>
    compileButane(`${head}ignition:\n  config:\n    merge:\n      - inline: '${inline}'\n`);

  it("reports a JSON error at the YAML root, as vcontext's Correlate places a pathless entry", () => {
    expect(merge('{"ignition": x}').stderr).toBe(
      "error at line 1 col 1: invalid character 'x' looking for beginning of value\nerror at $.ignition.config.merge.0.inline, line 6 col 17: config is not valid\nError translating config: source config is invalid\n",
    );
  });

  it("validates a child of the same Ignition version, reporting the child's own paths", () => {
    const r = merge(
      '{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "rel"}, {"path": "/a/"}]}}',
    );
    expect(r.exitCode).toBe(1);
    expect(r.reports.map((x) => `${x.path}: ${x.message}`)).toEqual([
      "$.storage.files.0.path: path not absolute",
      "$.storage.files.1.path: path is not fully simplified",
    ]);
  });

  it("refuses a child that is not a JSON object with json.Unmarshal's type error", () => {
    expect(merge("[1]").stderr).toBe(
      "error at line 1 col 1: json: cannot unmarshal array into Go value of type types.Config\nerror at $.ignition.config.merge.0.inline, line 6 col 17: config is not valid\nError translating config: source config is invalid\n",
    );
  });
});
