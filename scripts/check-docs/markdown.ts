/**
 * Just enough Markdown for the docs check: where code is (so links in it are ignored), the
 * headings and the anchors GitHub gives them, the links and the fenced blocks. Not a full
 * CommonMark parser: what the docs here use, with line numbers kept.
 */

/** One problem the check found, at a line of a file. */
export interface Finding {
  file: string;
  line: number;
  message: string;
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}: ${finding.message}`;
}

/** A fenced code block: the fence's line (1-based), its info string and its content lines. */
export interface Fence {
  line: number;
  info: string;
  /** The content, de-indented by the opening fence's indentation. */
  lines: { line: number; text: string }[];
}

const fenceOpen = /^(\s*)(`{3,}|~{3,})(.*)$/;

/**
 * The fenced code blocks, and for each line whether it belongs to one (fence lines included).
 * Fences are found at any indentation, since list items indent theirs (docs/upgrading.md).
 */
export function fences(text: string): { fences: Fence[]; inFence: boolean[] } {
  const lines = text.split("\n");
  const inFence = lines.map(() => false);
  const found: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = fenceOpen.exec(lines[i] ?? "");
    if (!open) continue;
    const [, indent = "", marks = "", info = ""] = open;
    // A backtick fence's info string holds no backtick (CommonMark); else it is inline code.
    if (marks.startsWith("`") && info.includes("`")) continue;
    const fence: Fence = { line: i + 1, info: info.trim(), lines: [] };
    inFence[i] = true;
    let j = i + 1;
    for (; j < lines.length; j++) {
      inFence[j] = true;
      const current = lines[j] ?? "";
      const trimmed = current.trim();
      if (trimmed.startsWith(marks) && /^(`+|~+)$/.test(trimmed) && trimmed[0] === marks[0]) break;
      const dedented = current.startsWith(indent) ? current.slice(indent.length) : current.trim();
      fence.lines.push({ line: j + 1, text: dedented });
    }
    found.push(fence);
    i = j;
  }
  return { fences: found, inFence };
}

/**
 * The text with everything GitHub does not render as links blanked to spaces, newlines kept
 * (so offsets still give line numbers): fenced code, inline code spans, HTML comments.
 */
export function maskCode(text: string): string {
  const { inFence } = fences(text);
  const chars = text.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (chars[k] !== "\n") chars[k] = " ";
  };
  let offset = 0;
  for (const [index, line] of text.split("\n").entries()) {
    if (inFence[index]) blank(offset, offset + line.length);
    offset += line.length + 1;
  }
  const masked = chars.join("");
  // A code span ends at the next run of as many backticks within its paragraph.
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (masked.startsWith("<!--", i)) {
      const end = masked.indexOf("-->", i + 4);
      const stop = end < 0 ? masked.length : end + 3;
      blank(i, stop);
      i = stop - 1;
      continue;
    }
    if (c !== "`") continue;
    let run = 1;
    while (masked[i + run] === "`") run++;
    const paragraphEnd = nextBlankLine(masked, i);
    let close = -1;
    for (let j = i + run; j < paragraphEnd; j++) {
      if (masked[j] !== "`") continue;
      let other = 1;
      while (masked[j + other] === "`") other++;
      if (other === run) {
        close = j;
        break;
      }
      j += other - 1;
    }
    if (close < 0) {
      i += run - 1;
      continue;
    }
    blank(i, close + run);
    i = close + run - 1;
  }
  return chars.join("");
}

function nextBlankLine(text: string, from: number): number {
  const match = /\n[ \t]*\n/.exec(text.slice(from));
  return match ? from + match.index : text.length;
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

/*
 * GitHub's heading anchors, as github-slugger 2.0.0 computes them (the library GitHub's own
 * behaviour is reproduced by; https://github.com/Flet/github-slugger, index.js and
 * script/generate-regex.js): lower-case; remove every character in the Unicode categories
 * Other_Number, the punctuation ones except Connector_Punctuation (so `_` stays), Symbol,
 * Control, Private_Use, Format, Unassigned and Separator, except letters (Alphabetic), the
 * space and `-`; then each space becomes `-` (no trimming, no collapsing: "a -- b" is "a----b").
 * Repeats of a slug get "-1", "-2", … in document order. Node's Unicode tables are newer than
 * the Unicode 13 github-slugger's regex was generated from: only characters assigned since differ.
 */
const slugRemoved =
  /[\p{No}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{S}\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Z}]/gu;

export function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(slugRemoved, (c) => (c === " " || c === "-" || /\p{Alphabetic}/u.test(c) ? c : ""))
    .replace(/ /g, "-");
}

/** github-slugger's class: the same heading twice gets "-1" on its second slug. */
export class Slugger {
  private readonly occurrences = new Map<string, number>();

  slug(text: string): string {
    const original = githubSlug(text);
    let result = original;
    while (this.occurrences.has(result)) {
      const count = (this.occurrences.get(original) ?? 0) + 1;
      this.occurrences.set(original, count);
      result = `${original}-${count}`;
    }
    this.occurrences.set(result, 0);
    return result;
  }
}

/**
 * A heading's text as GitHub renders it, which is what it slugs: inline code keeps its
 * content, a link or image its text, emphasis and HTML tags go, `\x` escapes become `x`.
 */
export function headingText(source: string): string {
  return source
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/`+([^`]*)`+/g, "$1")
    .replace(/(^|[^\p{L}\p{N}])(\*{1,3}|_{1,3})(?=\S)/gu, "$1")
    .replace(/(\S)(\*{1,3}|_{1,3})(?=$|[^\p{L}\p{N}])/gu, "$1")
    .replace(/\\(.)/g, "$1")
    .trim();
}

export interface Heading {
  line: number;
  text: string;
  anchor: string;
}

/** ATX (`## x`) and setext (`x` over `===`/`---`) headings outside code, with their anchors. */
export function headings(text: string): Heading[] {
  const { inFence } = fences(text);
  const lines = text.split("\n");
  const slugger = new Slugger();
  const found: Heading[] = [];
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (inFence[i]) {
      previousBlank = false;
      continue;
    }
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    const next = lines[i + 1] ?? "";
    const setext =
      !atx &&
      !inFence[i + 1] &&
      line.trim() !== "" &&
      /^ {0,3}(=+|-+)[ \t]*$/.test(next) &&
      // A paragraph line, not a list item, quote or table row the underline would not make a heading.
      !/^\s*([-*+>|]|\d+[.)])\s/.test(line) &&
      !line.includes("|") &&
      previousBlank;
    if (atx || setext) {
      const source = atx ? (atx[1] ?? "") : line.trim();
      const textOf = headingText(source);
      found.push({ line: i + 1, text: textOf, anchor: slugger.slug(textOf) });
      if (setext) i++;
      previousBlank = false;
      continue;
    }
    previousBlank = line.trim() === "";
  }
  return found;
}

/** Every anchor a link may name in a file: its headings' and explicit HTML ids and names. */
export function anchors(text: string): Set<string> {
  const result = new Set(headings(text).map((h) => h.anchor));
  for (const match of maskCode(text).matchAll(/<[a-z][^>]*\s(?:id|name)\s*=\s*"([^"]+)"/gi))
    if (match[1]) result.add(match[1]);
  return result;
}

export type LinkKind = "inline" | "reference definition" | "html" | "autolink" | "malformed";

export interface Link {
  line: number;
  target: string;
  kind: LinkKind;
}

/**
 * The links of a file outside code and comments: inline links and images (`[x](t)`,
 * `![x](t)`, `[x](<t> "title")`), reference definitions (`[x]: t`), `href`/`src` in HTML and
 * `<https://…>` autolinks.
 */
export function links(text: string): Link[] {
  const masked = maskCode(text);
  const found: Link[] = [];
  for (let i = masked.indexOf("]("); i >= 0; i = masked.indexOf("](", i + 1)) {
    const destination = inlineDestination(masked, i + 2);
    if (destination)
      found.push({
        line: lineAt(masked, i),
        target: destination.target,
        kind: destination.closed ? "inline" : "malformed",
      });
  }
  for (const match of masked.matchAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*(?:<([^>\n]*)>|(\S+))/gm))
    found.push({
      line: lineAt(masked, match.index),
      target: match[1] ?? match[2] ?? "",
      kind: "reference definition",
    });
  for (const match of masked.matchAll(/<[a-z][^>]*?\s(?:href|src)\s*=\s*"([^"]*)"/gi))
    found.push({ line: lineAt(masked, match.index), target: match[1] ?? "", kind: "html" });
  for (const match of masked.matchAll(/<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>/gi))
    found.push({ line: lineAt(masked, match.index), target: match[1] ?? "", kind: "autolink" });
  return found.sort((a, b) => a.line - b.line);
}

/**
 * The destination of an inline link whose `(` is just before `from`, and whether a title and
 * `)` properly follow it; GitHub shows a link whose destination holds a space as plain text.
 */
function inlineDestination(
  text: string,
  from: number,
): { target: string; closed: boolean } | undefined {
  let i = from;
  const skipSpace = () => {
    while (text[i] === " " || text[i] === "\t" || text[i] === "\n") i++;
  };
  skipSpace();
  let target: string;
  if (text[i] === "<") {
    const end = text.indexOf(">", i);
    if (end < 0) return undefined;
    target = text.slice(i + 1, end);
    i = end + 1;
  } else {
    // Parentheses inside a destination must balance (CommonMark), as in Wikipedia's URLs.
    let depth = 0;
    const start = i;
    for (; i < text.length; i++) {
      const c = text[i] ?? "";
      if (c === "\\") {
        i++;
        continue;
      }
      if (/\s/.test(c)) break;
      if (c === "(") depth++;
      if (c === ")") {
        if (depth === 0) break;
        depth--;
      }
    }
    target = text.slice(start, i);
  }
  skipSpace();
  const quote = text[i];
  if (quote === '"' || quote === "'" || quote === "(") {
    const end = text.indexOf(quote === "(" ? ")" : quote, i + 1);
    if (end < 0) return { target, closed: false };
    i = end + 1;
    skipSpace();
  }
  if (text[i] === ")") return { target, closed: true };
  // Not a link as written: report what the author meant, up to the line's next ")".
  const lineEnd = text.indexOf("\n", from);
  const close = text.indexOf(")", from);
  const stop =
    close >= 0 && (lineEnd < 0 || close < lineEnd) ? close : lineEnd < 0 ? text.length : lineEnd;
  return { target: text.slice(from, stop).trim(), closed: false };
}
