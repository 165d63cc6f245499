/**
 * Shell code hidden in systemd units: the string after `sh -c` on an Exec line. Lines are read
 * as systemd reads them (systemd.service(5) "Command lines", systemd.syntax(7)): continuation
 * lines joined, the prefixes @-:+! dropped, words split with C-style escapes and quotes, a lone
 * ";" separating commands, "%%" and "$$" turned back into the "%" and "$" the shell will see.
 */

export interface ShellCommand {
  /** 1-based line of the unit file where the Exec line starts. */
  line: number;
  /** ExecStart, ExecStartPre, … */
  key: string;
  /** The shell that runs it: sh, bash, … */
  shell: string;
  script: string;
}

const shells = new Set(["sh", "bash", "dash", "ash", "ksh"]);
const escapes: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  s: " ",
};

/** Splits one command line into words as systemd does; throws on an unterminated quote. */
export function splitCommandLine(value: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let index = 0; index < value.length; index++) {
    const char = value[index] as string;
    if (char === "\\" && index + 1 < value.length) {
      const next = value[++index] as string;
      if (next === "x") {
        word = (word ?? "") + String.fromCharCode(parseInt(value.slice(index + 1, index + 3), 16));
        index += 2;
      } else if (/[0-7]/.test(next)) {
        word = (word ?? "") + String.fromCharCode(parseInt(value.slice(index, index + 3), 8));
        index += 2;
      } else word = (word ?? "") + (escapes[next] ?? next);
    } else if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else word = (word ?? "") + char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= "";
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? "") + char;
  }
  if (quote !== undefined) throw new Error(`unterminated ${quote} quote in: ${value}`);
  if (word !== undefined) words.push(word);
  return words;
}

/** Logical lines of a unit file: continuations joined, each with the line it starts on. */
function logicalLines(unitText: string): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  let pending: { line: number; text: string } | undefined;
  unitText.split("\n").forEach((raw, index) => {
    const text = raw.trimEnd();
    if (pending === undefined && /^\s*[#;]/.test(text)) return;
    const current = pending ?? { line: index + 1, text: "" };
    if (text.endsWith("\\")) {
      current.text += text.slice(0, -1) + " ";
      pending = current;
    } else {
      current.text += text;
      result.push(current);
      pending = undefined;
    }
  });
  if (pending) result.push(pending);
  return result;
}

const unescapeSpecifiers = (word: string) => word.replaceAll("%%", "%").replaceAll("$$", "$");

export interface ExecCommand {
  /** 1-based line of the unit file where the Exec line starts. */
  line: number;
  /** ExecStart, ExecStartPre, … */
  key: string;
  /** The program, its prefixes (@-:+!|) dropped. */
  program: string;
  /** The words after the program. */
  args: string[];
}

/** Every command on the unit's Exec lines (a line may hold several, split by a lone ";"). */
export function execCommands(unitText: string): ExecCommand[] {
  const found: ExecCommand[] = [];
  for (const { line, text } of logicalLines(unitText)) {
    const match = /^\s*(Exec[A-Za-z]+)\s*=\s*(.*)$/.exec(text);
    if (!match) continue;
    let words: string[];
    try {
      words = splitCommandLine(match[2] as string);
    } catch {
      continue; // unbalanced quotes: systemd-analyze verify reports the line itself
    }
    const commands: string[][] = [[]];
    for (const word of words) {
      if (word === ";") commands.push([]);
      else commands[commands.length - 1]?.push(word);
    }
    for (const [first, ...args] of commands) {
      if (first !== undefined)
        found.push({
          line,
          key: match[1] as string,
          program: first.replace(/^[@\-:+!|]+/, ""),
          args,
        });
    }
  }
  return found;
}

/** Every `sh -c` (or bash -c, …) script on the unit's Exec lines. */
export function shellCommands(unitText: string): ShellCommand[] {
  return execCommands(unitText).flatMap(({ line, key, program, args }) => {
    const shell = program.split("/").pop() ?? "";
    if (!shells.has(shell)) return [];
    // `sh -c script`, also with other options grouped in (sh -ec, sh -xc).
    const flag = args.findIndex((word) => /^-[a-z]*c[a-z]*$/.test(word));
    const script = flag >= 0 ? args[flag + 1] : undefined;
    return script === undefined ? [] : [{ line, key, shell, script: unescapeSpecifiers(script) }];
  });
}

/** The shell a script file is written for, from its #! line; undefined for other files. */
export function scriptShell(contents: string): string | undefined {
  const match = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(contents);
  if (!match) return undefined;
  const program = (match[1] as string).split("/").pop() as string;
  const shell = program === "env" ? match[2] : program;
  return shell !== undefined && shells.has(shell) ? shell : undefined;
}
