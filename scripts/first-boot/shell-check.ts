/**
 * shellcheck over a node's shell code: every script file Ignition wrote (by its #! line) and
 * every `sh -c` string on an Exec line of a unit or drop-in. Each piece is written to a file of
 * its own, so one shellcheck run per shell reports them all with their origin.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { scriptShell, shellCommands } from "./exec-lines.ts";

export interface ShellPiece {
  /** Where it comes from: "/opt/bin/x.sh" or "/etc/systemd/system/a.service:12 ExecStartPre". */
  origin: string;
  shell: string;
  code: string;
}

/** Regular files under root written by Ignition, as node paths. */
function nodeFiles(root: string, at: string): string[] {
  const directory = path.join(root, at);
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name).slice(root.length));
}

const unitFilePattern = /\/systemd\/(system|user)\/.+\.(service|socket|timer|path|mount|conf)$/;

/** The shell code in the tree: scripts by their #! line, and `sh -c` strings in unit files. */
export function shellPieces(
  root: string,
  roots: readonly string[] = ["/etc", "/opt", "/usr/local", "/home", "/var"],
): ShellPiece[] {
  const pieces: ShellPiece[] = [];
  for (const file of roots.flatMap((at) => nodeFiles(root, at))) {
    const text = readFileSync(path.join(root, file), "utf8");
    const shell = scriptShell(text);
    if (shell) pieces.push({ origin: file, shell, code: text });
    if (unitFilePattern.test(file))
      for (const command of shellCommands(text))
        pieces.push({
          origin: `${file}:${command.line} ${command.key}`,
          shell: command.shell,
          code: command.script,
        });
  }
  return pieces;
}

/** shellcheck's findings, each naming the piece it is about; empty when all are clean. */
export async function checkShell(pieces: readonly ShellPiece[], work: string): Promise<string[]> {
  mkdirSync(work, { recursive: true });
  const byShell = new Map<string, { file: string; piece: ShellPiece }[]>();
  pieces.forEach((piece, index) => {
    const file = path.join(work, `piece-${index}.sh`);
    writeFileSync(file, piece.code.endsWith("\n") ? piece.code : `${piece.code}\n`);
    byShell.set(piece.shell, [...(byShell.get(piece.shell) ?? []), { file, piece }]);
  });
  const findings: string[] = [];
  for (const [shell, files] of byShell) {
    const output = await run("shellcheck", [
      "--format=gcc",
      `--shell=${shell === "ash" ? "sh" : shell}`,
      ...files.map((f) => f.file),
    ]);
    for (const line of output.split("\n").filter(Boolean)) {
      const match = files.find((f) => line.startsWith(`${f.file}:`));
      findings.push(match ? `${match.piece.origin}: ${line.slice(match.file.length + 1)}` : line);
    }
  }
  return findings;
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0 && output.trim() === "") output = `${command} exited ${code}`;
      resolve(output);
    });
  });
}
