import { describe, expect, it } from "vitest";
import { compileButane } from "./compile.ts";
import { goYamlSyntaxError } from "./go-yaml-syntax.ts";

describe("yaml.v3's syntax errors (scannerc.go, parserc.go, yaml.go's fail)", () => {
  it("names the line of a scanner error's context, counted from 1", () => {
    expect(goYamlSyntaxError('a: "abc\n')).toBe("yaml: line 2: found unexpected end of stream");
    expect(goYamlSyntaxError("a: |\n  x\n\ty\n")).toBe(
      "yaml: line 3: found a tab character where an indentation space is expected",
    );
    expect(goYamlSyntaxError("\ta: b\n")).toBe("yaml: found character that cannot start any token");
  });

  it("omits the line when the context is on the first line (line 0 reads as unset)", () => {
    expect(goYamlSyntaxError('a: "\\q"\n')).toBe("yaml: found unknown escape character");
    expect(goYamlSyntaxError("a: *\n")).toBe(
      "yaml: did not find expected alphabetic or numeric character",
    );
  });

  it("names the 0-based line of the collection for parser errors", () => {
    expect(goYamlSyntaxError("a:\n  b: 1\n c: 2\n")).toBe(
      "yaml: line 2: did not find expected key",
    );
    expect(goYamlSyntaxError("x: 1\nl:\n  - a\n  b: c\n")).toBe(
      "yaml: line 2: did not find expected '-' indicator",
    );
    expect(goYamlSyntaxError("a: [1, 2\n")).toBe("yaml: line 1: did not find expected ',' or ']'");
    expect(goYamlSyntaxError("a: {b: 1\n")).toBe("yaml: line 1: did not find expected ',' or '}'");
  });

  it("treats a key over 1024 characters as no key at all", () => {
    expect(goYamlSyntaxError(`k${"x".repeat(1100)}: v\n`)).toBe(
      "yaml: mapping values are not allowed in this context",
    );
    expect(goYamlSyntaxError(`k${"x".repeat(1000)}: v\n`)).toBeUndefined();
  });

  it("stops at the depth limit", () => {
    expect(goYamlSyntaxError("[".repeat(10001))).toBe("yaml: exceeded max depth of 10000");
  });

  it("reads only the first document", () => {
    expect(goYamlSyntaxError("a: b\n---\n: : :\n")).toBeUndefined();
    expect(compileButane('set -e\n\n# comment\ncert_dir="./certs"\n').stderr).toBe(
      "Error translating config: Error unmarshaling yaml: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `set -e` into config.commonFields\n",
    );
  });

  it("accepts YAML 1.1 directives only", () => {
    expect(goYamlSyntaxError("%YAML 1.1\n---\na: 1\n")).toBeUndefined();
    expect(goYamlSyntaxError("%YAML 1.2\n---\na: 1\n")).toBe(
      "yaml: found incompatible YAML document",
    );
  });
});
