/**
 * Docs that cannot rot: checks README.md and every docs/**\/*.md. Every relative link must
 * name a file of the repository and its #anchor a heading there (GitHub's slugs), every
 * http(s) link must be a well-formed URL (not fetched), and every example block marked
 * ```sh example must run as written against the bundled CLI (built first when missing or
 * stale). Prints each problem as FILE:LINE: what, and exits 1 on any.
 *   npx tsx scripts/check-docs/main.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cliBundle, ensureCliBundle } from "../cli.mjs";
import { exampleBlocks, runExampleBlock, type ExampleBlock } from "./examples.ts";
import { AnchorCache, checkLinks } from "./links.ts";
import { formatFinding, links, type Finding } from "./markdown.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** README.md and docs/**\/*.md, relative to the root, in a stable order. */
export function docFiles(root: string): string[] {
  const found = ["README.md"];
  const walk = (directory: string) => {
    for (const entry of readdirSync(path.join(root, directory), { withFileTypes: true })) {
      const file = path.posix.join(directory, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".md")) found.push(file);
    }
  };
  walk("docs");
  return found.sort();
}

function main(): void {
  const findings: Finding[] = [];
  const blocks: ExampleBlock[] = [];
  const cache = new AnchorCache();
  let linkCount = 0;
  const files = docFiles(repoRoot);
  for (const file of files) {
    const text = readFileSync(path.join(repoRoot, file), "utf8");
    linkCount += links(text).length;
    findings.push(...checkLinks(repoRoot, file, text, cache));
    const examples = exampleBlocks(file, text);
    findings.push(...examples.findings);
    blocks.push(...examples.blocks);
  }
  ensureCliBundle();
  let commands = 0;
  for (const block of blocks) {
    commands += block.steps.filter((s) => s.kind === "cli").length;
    findings.push(...runExampleBlock(block, { cli: cliBundle }));
  }
  for (const finding of findings) console.error(formatFinding(finding));
  console.log(
    `docs: ${files.length} files, ${linkCount} links, ${blocks.length} example blocks (${commands} commands run): ${findings.length} problems`,
  );
  if (findings.length > 0) process.exitCode = 1;
}

main();
