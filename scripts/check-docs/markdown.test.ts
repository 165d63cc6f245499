import { describe, expect, it } from "vitest";
import { githubSlug, headings, headingText, links, maskCode, Slugger } from "./markdown.ts";

describe("GitHub's heading anchors (github-slugger 2.0.0)", () => {
  it.each([
    ["Upgrading a cluster, certificates and tokens", "upgrading-a-cluster-certificates-and-tokens"],
    ["What upgrade.sh does on a node", "what-upgradesh-does-on-a-node"],
    // `_` (connector punctuation) stays; spaces are not collapsed, `-` is kept.
    ["snake_case and C++ -- ok", "snake_case-and-c----ok"],
    ["1.34 → 1.36 (a skip)", "134--136-a-skip"],
    ["Ünïcödé 日本語", "ünïcödé-日本語"],
    ["🚀 Launch!", "-launch"],
    ["Don't “quote” me?", "dont-quote-me"],
  ])("%s → #%s", (text, anchor) => {
    expect(githubSlug(text)).toBe(anchor);
  });

  it("numbers repeats -1, -2 in order, skipping a slug a heading already took", () => {
    const slugger = new Slugger();
    expect(["Notes", "Notes", "Notes-1", "Notes"].map((t) => slugger.slug(t))).toEqual([
      "notes",
      "notes-1",
      "notes-1-1",
      "notes-2",
    ]);
  });

  it("slugs a heading's rendered text: code keeps its content, links their text, emphasis goes", () => {
    expect(headingText("`cli render` and [the link](x.md) **bold** _it_ snake_case \\#1")).toBe(
      "cli render and the link bold it snake_case #1",
    );
  });

  it("reads ATX and setext headings, not `#` lines in code or list items over ---", () => {
    const text = [
      "# Title #",
      "",
      "```sh",
      "# a comment, not a heading",
      "```",
      "",
      "Setext",
      "------",
      "",
      "- an item",
      "---",
      "## Title",
    ].join("\n");
    expect(headings(text).map((h) => [h.line, h.anchor])).toEqual([
      [1, "title"],
      [7, "setext"],
      [12, "title-1"],
    ]);
  });
});

describe("links outside code", () => {
  it("finds inline links, images, nested images, reference definitions, HTML and autolinks", () => {
    const text = [
      "See [a](docs/a.md#x) and ![img](p.png 'title').",
      "[![badge](b.svg)](https://example.com/a_(b))",
      "[ref]: <docs/b.md>",
      '<img src="c.png"> <https://example.org/x>',
      "[split",
      "text](d.md)",
    ].join("\n");
    expect(links(text).map((l) => [l.line, l.target])).toEqual([
      [1, "docs/a.md#x"],
      [1, "p.png"],
      [2, "b.svg"],
      [2, "https://example.com/a_(b)"],
      [3, "docs/b.md"],
      [4, "c.png"],
      [4, "https://example.org/x"],
      [6, "d.md"],
    ]);
  });

  it("ignores links in fenced code, inline code (also across lines) and HTML comments", () => {
    const text = [
      "```md",
      "[in a fence](nope.md)",
      "```",
      "  ~~~",
      "  [in an indented fence](nope.md)",
      "  ~~~",
      "`[inline](nope.md)` and ``a ` [double](nope.md)``, `across",
      "[lines](nope.md)` <!-- [comment](nope.md) -->",
      "[kept](yes.md)",
    ].join("\n");
    expect(links(text).map((l) => l.target)).toEqual(["yes.md"]);
    expect(maskCode(text)).toHaveLength(text.length);
    expect(maskCode(text).split("\n")).toHaveLength(9);
  });

  it("an unmatched backtick is literal, and a blank line ends a code span", () => {
    const text = "a ` b [x](one.md)\n\n`c` [y](two.md)";
    expect(links(text).map((l) => l.target)).toEqual(["one.md", "two.md"]);
  });
});
