/**
 * Command-line examples in the docs that are marked to run. A fence whose info string is
 * `sh example` (GitHub highlights it as sh and shows nothing of the second word) holds lines
 * that must run as written:
 *   - `npm run --silent cli -- ARGS` runs the bundled CLI with ARGS, through `sh`, so quotes,
 *     `$VAR`, `> file` and a trailing `\` work as in a terminal; it must exit 0, or N when the
 *     line ends in the comment `# exit N`;
 *   - `NAME=value` sets a shell variable for the lines after it;
 *   - blank lines and `# comments` are prose.
 * Anything else in a marked block (curl, cd, `[--flag]` optional syntax) is reported, never
 * silently skipped: such a block is left unmarked. The lines of one block share a fresh
 * temporary folder, so `--out out/` of one line is there for the next; fetch is refused, so
 * an example never depends on the network (the CLI's embedded catalogue is used).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fences, type Finding } from "./markdown.ts";

export const exampleMarker = "example";
const cliPrefix = "npm run --silent cli --";
const assignment = /^[A-Za-z_][A-Za-z0-9_]*=/;

export interface ExampleCommand {
  line: number;
  /** The line as written in the docs (continuations joined). */
  text: string;
  expectedExit: number;
}

export interface ExampleBlock {
  file: string;
  line: number;
  /** Shell lines in order: variable assignments and CLI calls. */
  steps: ({ kind: "assign"; line: number; text: string } | ({ kind: "cli" } & ExampleCommand))[];
}

/** Whether a fence's info string marks it to run: `sh example` (or bash/shell). */
export function isMarked(info: string): boolean {
  const words = info.split(/\s+/);
  return ["sh", "bash", "shell"].includes(words[0] ?? "") && words.includes(exampleMarker);
}

/** The marked blocks of a file, and the problems of lines in them that cannot run. */
export function exampleBlocks(
  file: string,
  text: string,
): { blocks: ExampleBlock[]; findings: Finding[] } {
  const blocks: ExampleBlock[] = [];
  const findings: Finding[] = [];
  for (const fence of fences(text).fences) {
    if (!isMarked(fence.info)) continue;
    const block: ExampleBlock = { file, line: fence.line, steps: [] };
    const lines = [...fence.lines];
    for (let first = lines.shift(); first; first = lines.shift()) {
      let joined = first.text;
      // A trailing backslash continues the command on the next line, as in sh.
      for (let next = lines[0]; /\\\s*$/.test(joined) && next; next = lines[0]) {
        joined = `${joined.replace(/\s*\\\s*$/, "")} ${next.text.trim()}`;
        lines.shift();
      }
      const trimmed = joined.trim();
      if (trimmed === "" || trimmed.startsWith("#")) continue;
      if (assignment.test(trimmed)) {
        block.steps.push({ kind: "assign", line: first.line, text: trimmed });
        continue;
      }
      if (!trimmed.startsWith(`${cliPrefix} `)) {
        findings.push({
          file,
          line: first.line,
          message: `marked example line is not "${cliPrefix} …", a NAME=value or a comment: ${trimmed} (make it runnable or leave the block unmarked)`,
        });
        continue;
      }
      const placeholder = /\[--?[\w-]+[^\]]*\]|…|<[A-Z][A-Z_-]*>/.exec(
        trimmed.replace(/'[^']*'|"[^"]*"/g, ""),
      );
      if (placeholder) {
        findings.push({
          file,
          line: first.line,
          message: `marked example has the placeholder ${placeholder[0]}, which cannot run: ${trimmed}`,
        });
        continue;
      }
      const exit = /#\s*exit\s+(\d+)\s*$/.exec(trimmed);
      block.steps.push({
        kind: "cli",
        line: first.line,
        text: trimmed,
        expectedExit: exit ? Number(exit[1]) : 0,
      });
    }
    blocks.push(block);
  }
  return { blocks, findings };
}

export interface RunOptions {
  /** The CLI's entry file, run with this Node (dist-cli/cli.mjs). */
  cli: string;
  timeoutMs?: number;
}

/** Refuses fetch in the example's Node, so no example reaches the network. */
export const noNetworkModule = fileURLToPath(new URL("./no-network.mjs", import.meta.url));

/** Runs one marked block in a fresh temporary folder; a finding for each line that fails. */
export function runExampleBlock(block: ExampleBlock, options: RunOptions): Finding[] {
  const findings: Finding[] = [];
  const work = mkdtempSync(path.join(tmpdir(), "fkw-docs-example-"));
  try {
    const assignments: string[] = [];
    for (const step of block.steps) {
      if (step.kind === "assign") {
        assignments.push(step.text);
        continue;
      }
      // The docs' `npm run --silent cli --` is what scripts/cli.mjs runs: the bundle itself.
      const command = `fkw_cli${step.text.slice(cliPrefix.length)}`;
      const script = [
        'fkw_cli() { "$FKW_NODE" --import "$FKW_NO_NETWORK" "$FKW_CLI" "$@"; }',
        ...assignments,
        command,
      ].join("\n");
      const run = spawnSync("sh", ["-c", script], {
        cwd: work,
        encoding: "utf8",
        timeout: options.timeoutMs ?? 120_000,
        env: {
          ...process.env,
          FKW_NODE: process.execPath,
          FKW_NO_NETWORK: noNetworkModule,
          FKW_CLI: path.resolve(options.cli),
        },
      });
      const status = run.status ?? (run.signal ? `signal ${run.signal}` : "no status");
      if (status === step.expectedExit) continue;
      const stderr = errorLines(run.stderr ?? "").join(" | ");
      findings.push({
        file: block.file,
        line: step.line,
        message: `example exited ${status}, expected ${step.expectedExit}: ${step.text}${stderr ? `\n    stderr: ${stderr}` : ""}`,
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return findings;
}

/** What stderr says went wrong, in up to 3 lines: its error lines, else its last lines. */
export function errorLines(stderr: string): string[] {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^at |^Node\.js v|^\^+$/.test(line));
  const errors = lines.filter((line) => /\berror\b/i.test(line));
  return (errors.length > 0 ? errors : lines).slice(-3);
}
