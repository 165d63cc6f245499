import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleBlocks, isMarked, runExampleBlock } from "./examples.ts";

/**
 * A stand-in CLI, so these tests need no bundle: `write F` writes F, `read F` fails without
 * F, `exit N` exits N, `fetch` reaches for the network, `args` prints its arguments.
 */
const fakeCli = `
import { existsSync, writeFileSync } from "node:fs";
const [command, ...rest] = process.argv.slice(2);
if (command === "write") writeFileSync(rest[0], "x");
if (command === "read" && !existsSync(rest[0])) {
  console.error("no such file " + rest[0]);
  process.exit(1);
}
if (command === "exit") process.exit(Number(rest[0]));
if (command === "fetch") await fetch("https://api.github.com/");
if (command === "args") console.log(JSON.stringify(rest));
`;

let work = "";
let cli = "";
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "fkw-docs-examples-"));
  cli = path.join(work, "cli.mjs");
  writeFileSync(cli, fakeCli);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Checks a doc's marked examples as the checker does: the parse's findings, then each run's. */
function check(text: string, file = "docs/guide.md") {
  const { blocks, findings } = exampleBlocks(file, text);
  return [...findings, ...blocks.flatMap((block) => runExampleBlock(block, { cli }))];
}

describe("the example marker", () => {
  it("is the info string `sh example`; a plain sh block is prose", () => {
    expect(isMarked("sh example")).toBe(true);
    expect(isMarked("bash example")).toBe(true);
    expect(isMarked("sh")).toBe(false);
    expect(isMarked("example")).toBe(false);
    expect(isMarked("js example")).toBe(false);
  });

  it("runs only marked blocks, in list items too, with comments, assignments and continuations", () => {
    const text = [
      "```sh",
      "npm run --silent cli -- exit 1",
      "curl https://example.com/",
      "```",
      "- In a list:",
      "",
      "  ```sh example",
      "  # a comment",
      "  Q='a b'",
      '  npm run --silent cli -- args "$Q" \\',
      "    --out out/",
      "  ```",
    ].join("\n");
    const { blocks, findings } = exampleBlocks("README.md", text);
    expect(findings).toEqual([]);
    expect(blocks).toEqual([
      {
        file: "README.md",
        line: 7,
        steps: [
          { kind: "assign", line: 9, text: "Q='a b'" },
          {
            kind: "cli",
            line: 10,
            text: 'npm run --silent cli -- args "$Q" --out out/',
            expectedExit: 0,
          },
        ],
      },
    ]);
    expect(check(text)).toEqual([]);
  });
});

// Each line is a shell and a Node start: slow on a loaded machine, so a longer time limit.
describe("running marked examples", { timeout: 30_000 }, () => {
  it("reports a planted failing example with its file, line, exit status and stderr", () => {
    const text = ["# Guide", "", "```sh example", "npm run --silent cli -- read missing.bu", "```"];
    expect(check(text.join("\n"))).toEqual([
      {
        file: "docs/guide.md",
        line: 4,
        message:
          "example exited 1, expected 0: npm run --silent cli -- read missing.bu\n    stderr: no such file missing.bu",
      },
    ]);
  });

  it("expects the status a `# exit N` comment states, and reports any other", () => {
    const text = [
      "```sh example",
      "npm run --silent cli -- exit 3   # exit 3",
      "npm run --silent cli -- exit 0   # exit 1",
      "```",
    ];
    expect(check(text.join("\n")).map((f) => [f.line, f.message])).toEqual([
      [3, "example exited 0, expected 1: npm run --silent cli -- exit 0   # exit 1"],
    ]);
  });

  it("shares one fresh folder within a block, never across blocks", () => {
    const text = [
      "```sh example",
      "npm run --silent cli -- write out.bu",
      "npm run --silent cli -- read out.bu",
      "```",
      "```sh example",
      "npm run --silent cli -- read out.bu",
      "```",
    ];
    expect(check(text.join("\n")).map((f) => f.line)).toEqual([6]);
  });

  it("refuses the network", () => {
    const text = ["```sh example", "npm run --silent cli -- fetch", "```"].join("\n");
    const [finding] = check(text);
    expect(finding?.line).toBe(2);
    expect(finding?.message).toContain("docs examples run without network");
  });

  it("reports lines of a marked block that cannot run, and runs none of them", () => {
    const text = [
      "```sh example",
      "npm run --silent cli -- butane --pretty [--files-dir DIR] config.bu",
      "curl -fsS https://extensions.flatcar.org/ > sums",
      "npm run --silent cli -- render --preset 'a=[--b c]' --out …/",
      "```",
    ].join("\n");
    expect(check(text)).toEqual([
      {
        file: "docs/guide.md",
        line: 2,
        message:
          "marked example has the placeholder [--files-dir DIR], which cannot run: npm run --silent cli -- butane --pretty [--files-dir DIR] config.bu",
      },
      {
        file: "docs/guide.md",
        line: 3,
        message:
          'marked example line is not "npm run --silent cli -- …", a NAME=value or a comment: curl -fsS https://extensions.flatcar.org/ > sums (make it runnable or leave the block unmarked)',
      },
      {
        file: "docs/guide.md",
        line: 4,
        message:
          "marked example has the placeholder …, which cannot run: npm run --silent cli -- render --preset 'a=[--b c]' --out …/",
      },
    ]);
  });
});
