import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkLinks } from "./links.ts";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A repository in miniature: README.md, docs/guide.md, an image and a source folder. */
function repo(readme: string): string {
  const root = mkdtempSync(path.join(tmpdir(), "fkw-docs-links-"));
  roots.push(root);
  mkdirSync(path.join(root, "docs/screenshots"), { recursive: true });
  mkdirSync(path.join(root, "src/core"), { recursive: true });
  writeFileSync(path.join(root, "docs/screenshots/a.png"), "");
  writeFileSync(path.join(root, "src/core/version.ts"), "");
  writeFileSync(
    path.join(root, "docs/guide.md"),
    [
      "# The guide",
      "## What upgrade.sh does",
      "## Notes",
      "## Notes",
      "Back to [the top](../README.md#top) and [setup](#what-upgradesh-does).",
    ].join("\n"),
  );
  writeFileSync(path.join(root, "README.md"), readme);
  return root;
}

const check = (root: string, file = "README.md") =>
  checkLinks(root, file, readFileSync(path.join(root, file), "utf8"));

describe("links in the docs", () => {
  it("accepts files, folders, images, anchors (repeats numbered), same-file anchors and URLs", () => {
    const root = repo(
      [
        "# Top",
        "![shot](docs/screenshots/a.png) [core](src/core) [version](/src/core/version.ts#L3)",
        "[guide](docs/guide.md) [step](./docs/guide.md#what-upgradesh-does)",
        "[second notes](docs/guide.md#notes-1) [here](#top) [site](https://www.flatcar.org/)",
        "[wiki](https://en.wikipedia.org/wiki/Ignition_(software)) <https://example.com/>",
        "`[in code](missing.md)`",
        "```md",
        "[in a fence](missing.md#nowhere)",
        "```",
      ].join("\n"),
    );
    expect(check(root)).toEqual([]);
    expect(check(root, "docs/guide.md")).toEqual([]);
  });

  it("reports a planted broken link with its file, line and the missing path", () => {
    const root = repo("# Top\n\nSee\n[the upgrade docs](docs/upgrade.md) for more.\n");
    expect(check(root)).toEqual([
      {
        file: "README.md",
        line: 4,
        message: "link docs/upgrade.md: no such file or folder docs/upgrade.md",
      },
    ]);
  });

  it("reports a planted broken anchor, in another file and in the same file", () => {
    const root = repo(
      [
        "# Top",
        "[step](docs/guide.md#what-upgrade.sh-does)",
        "[third notes](docs/guide.md#notes-2)",
        "[here](#Top) [gone](#bottom)",
      ].join("\n"),
    );
    expect(check(root)).toEqual([
      {
        file: "README.md",
        line: 2,
        message:
          "link docs/guide.md#what-upgrade.sh-does: no heading in docs/guide.md has the anchor #what-upgrade.sh-does",
      },
      {
        file: "README.md",
        line: 3,
        message: "link docs/guide.md#notes-2: no heading in docs/guide.md has the anchor #notes-2",
      },
      {
        file: "README.md",
        line: 4,
        message:
          "link #Top: no heading in README.md has the anchor #Top (did you mean #top? anchors are lower-case)",
      },
      {
        file: "README.md",
        line: 4,
        message: "link #bottom: no heading in README.md has the anchor #bottom",
      },
    ]);
  });

  it("reports links outside the repository, malformed URLs and other schemes", () => {
    const root = repo(
      [
        "[shared](../shared/vectors/README.md)",
        "[bad](https://exa mple.com) [no host](https:///path) [ftp](ftp://example.com/x)",
        "[empty]() [hash](docs/guide.md#) [spaced](<https://exa mple.com>)",
      ].join("\n"),
    );
    expect(check(root).map((f) => `${f.line}: ${f.message}`)).toEqual([
      "1: link ../shared/vectors/README.md: points outside the repository (../shared/vectors/README.md)",
      "2: not a link as written: ](https://exa mple.com) (a destination holds no space: write %20, or <…> around it)",
      "2: link https:///path: not a well-formed URL (no host)",
      "2: link ftp://example.com/x: only relative links and http(s) URLs are expected in the docs",
      "3: empty link target",
      "3: link docs/guide.md#: empty #anchor",
      "3: link https://exa mple.com: not a well-formed URL",
    ]);
  });
});
