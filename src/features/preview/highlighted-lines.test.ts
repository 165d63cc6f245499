import { describe, expect, it } from "vitest";
import { highlightTree } from "./highlighter";
import { highlightedLines } from "./highlighted-lines";

const text = (lines: ReturnType<typeof highlightedLines>) =>
  lines.flatMap((line) => line.segments.map((segment) => segment.text)).join("");

describe("highlightedLines", () => {
  const yaml = "variant: flatcar\nstorage:\n  files:\n    - path: /a\n    - path: /a\n";

  it("gives back the text exactly, one line each, newline included", () => {
    const lines = highlightedLines(highlightTree(yaml, "yaml"));
    expect(text(lines)).toBe(yaml);
    expect(lines).toHaveLength(5);
    expect(lines.every((line) => line.segments.at(-1)?.text.endsWith("\n"))).toBe(true);
  });

  it("keeps each run's highlight classes, and a string spanning lines on every line", () => {
    const json = '{\n  "a": "x",\n  "b": 1\n}';
    const lines = highlightedLines(highlightTree(json, "json"));
    expect(text(lines)).toBe(json);
    const second = lines[1]?.segments ?? [];
    expect(second.find((s) => s.text === '"a"')?.classes).toEqual(["hljs-attr"]);
    expect(second.find((s) => s.text === '"x"')?.classes).toEqual(["hljs-string"]);

    const block = highlightedLines(highlightTree("a: |\n  one\n  two\n", "yaml"));
    expect(text(block)).toBe("a: |\n  one\n  two\n");
  });

  it("keys lines by content, repeats counted, so an unchanged line keeps its key", () => {
    const before = highlightedLines(highlightTree(yaml, "yaml")).map((l) => l.key);
    const after = highlightedLines(highlightTree(`hostname: x\n${yaml}`, "yaml")).map((l) => l.key);
    expect(new Set(before).size).toBe(before.length);
    expect(after.slice(1)).toEqual(before);
    expect(before[3]).not.toBe(before[4]);
  });
});
