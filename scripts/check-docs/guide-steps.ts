/**
 * The walk-throughs of docs/getting-started.md, read as steps a browser test can follow
 * (e2e/getting-started.spec.ts). A walk-through is a numbered list whose first step starts
 * with "Open the page"; every one of its steps must start with a phrase this file knows, so a
 * guide that drifts from the page, or a step the test would silently skip, fails:
 *
 *   Open the page                          -> open the app
 *   Under **GROUP**, choose **OPTION**     -> check the radio OPTION in the group GROUP
 *   In **FIELD**, type `TEXT`              -> fill the field labelled FIELD
 *   In **FIELD**, choose **OPTION**        -> select OPTION in the select labelled FIELD
 *   In **FIELD**, paste your …             -> fill FIELD with the test's own value for it
 *   Keep **FIELD** as it is                -> FIELD is there, left alone
 *   Wait until **WHOSE** says **TEXT**     -> the page shows "WHOSE: TEXT"
 *   Press **BUTTON**                       -> click it; with "You get `NAME`" it downloads NAME
 *
 * A download of a zip lists its files in bullets under the step: the backticked names before
 * each bullet's first colon, all of them and no others. The lines of the ```sh blocks that
 * follow a walk-through in its section are what the last zip's README.md must contain.
 */

export type GuideAction =
  | { kind: "open" }
  | { kind: "radio"; group: string; option: string }
  | { kind: "type"; field: string; text: string }
  | { kind: "select"; field: string; option: string }
  | { kind: "paste"; field: string }
  | { kind: "keep"; field: string }
  | { kind: "wait"; whose: string; text: string }
  | { kind: "press"; button: string; download?: GuideDownload };

export interface GuideDownload {
  /** The file's name as the guide writes it, placeholders (`<version>`) included. */
  name: string;
  /** For a zip: every file in it, as the guide lists them. */
  files: string[];
}

export interface GuideStep {
  number: number;
  /** 1-based line of the step in the guide. */
  line: number;
  /** The step's text, continuation lines joined, without its bullets. */
  text: string;
  action: GuideAction;
}

export interface Walkthrough {
  /** The `## ` heading the walk-through is under. */
  heading: string;
  steps: GuideStep[];
  /** Lines of the ```sh blocks after the list, in the same section. */
  readmeLines: string[];
}

/** Every problem found, one per line, when the guide cannot be followed as written. */
export class GuideError extends Error {}

const bold = String.raw`\*\*(.+?)\*\*`;
const patterns: readonly [RegExp, (match: RegExpExecArray) => GuideAction][] = [
  [/^Open the page\b/, () => ({ kind: "open" })],
  [
    new RegExp(`^Under ${bold}, choose ${bold}`),
    (m) => ({ kind: "radio", group: m[1] ?? "", option: m[2] ?? "" }),
  ],
  [
    new RegExp(`^In ${bold}, type \`([^\`]+)\``),
    (m) => ({ kind: "type", field: m[1] ?? "", text: m[2] ?? "" }),
  ],
  [
    new RegExp(`^In ${bold}, choose ${bold}`),
    (m) => ({ kind: "select", field: m[1] ?? "", option: m[2] ?? "" }),
  ],
  [new RegExp(`^In ${bold}, paste your\\b`), (m) => ({ kind: "paste", field: m[1] ?? "" })],
  [new RegExp(`^Keep ${bold} as it is\\b`), (m) => ({ kind: "keep", field: m[1] ?? "" })],
  [
    new RegExp(`^Wait until ${bold} says ${bold}`),
    (m) => ({ kind: "wait", whose: m[1] ?? "", text: m[2] ?? "" }),
  ],
  [new RegExp(`^Press ${bold}`), (m) => ({ kind: "press", button: m[1] ?? "" })],
];

/** The backticked names before the first colon outside backticks: "`a` and `b`: what". */
export function bulletFileNames(bullet: string): string[] {
  const names: string[] = [];
  let inside = false;
  let current = "";
  for (const character of bullet) {
    if (character === "`") {
      if (inside) names.push(current);
      inside = !inside;
      current = "";
    } else if (inside) current += character;
    else if (character === ":") break;
  }
  return names;
}

interface RawStep {
  number: number;
  line: number;
  text: string[];
  bullets: string[][];
}

interface RawList {
  heading: string;
  steps: RawStep[];
  sectionEnd: number;
  endLine: number;
}

/** Numbered lists at the left margin, by section, outside code blocks and HTML comments. */
function numberedLists(lines: readonly string[]): RawList[] {
  const lists: RawList[] = [];
  let heading = "";
  let fence = false;
  let comment = false;
  let list: RawList | undefined;
  let step: RawStep | undefined;
  const close = (at: number) => {
    if (list) {
      list.endLine = at;
      lists.push(list);
    }
    list = undefined;
    step = undefined;
  };
  lines.forEach((line, index) => {
    if (comment) {
      if (line.includes("-->")) comment = false;
      return;
    }
    if (line.startsWith("```")) {
      close(index);
      fence = !fence;
      return;
    }
    if (fence) return;
    if (line.trimStart().startsWith("<!--")) {
      close(index);
      comment = !line.includes("-->");
      return;
    }
    const headingMatch = /^## (.+)$/.exec(line);
    if (headingMatch) {
      close(index);
      heading = headingMatch[1] ?? "";
      for (const earlier of lists) if (earlier.sectionEnd < 0) earlier.sectionEnd = index;
      return;
    }
    // A blank line inside a list (a loose list) neither ends it nor adds to the step.
    if (list && line.trim() === "") return;
    const numbered = /^(\d+)\. (.*)$/.exec(line);
    if (numbered) {
      // Numbering that starts again at 1 is a new list.
      if (numbered[1] === "1") close(index);
      list ??= { heading, steps: [], sectionEnd: -1, endLine: -1 };
      step = {
        number: Number(numbered[1]),
        line: index + 1,
        text: [numbered[2] ?? ""],
        bullets: [],
      };
      list.steps.push(step);
      return;
    }
    if (step && /^\s+\S/.test(line)) {
      const bullet = /^\s+- (.*)$/.exec(line);
      if (bullet) step.bullets.push([bullet[1] ?? ""]);
      else (step.bullets.at(-1) ?? step.text).push(line.trim());
      return;
    }
    close(index);
  });
  close(lines.length);
  for (const earlier of lists) if (earlier.sectionEnd < 0) earlier.sectionEnd = lines.length;
  return lists;
}

/** The lines of ```sh blocks between two line indexes. */
function shellLines(lines: readonly string[], from: number, to: number): string[] {
  const found: string[] = [];
  let inside = false;
  for (const line of lines.slice(from, to)) {
    if (line.startsWith("```")) inside = !inside && line.trim() === "```sh";
    else if (inside && line.trim() !== "") found.push(line.trim());
  }
  return found;
}

/** The guide's walk-throughs; throws GuideError naming every step it cannot follow. */
export function guideWalkthroughs(markdown: string): Walkthrough[] {
  const lines = markdown.split("\n");
  const problems: string[] = [];
  const walkthroughs: Walkthrough[] = [];
  for (const list of numberedLists(lines)) {
    if (!/^Open the page\b/.test(list.steps[0]?.text[0] ?? "")) continue;
    const steps: GuideStep[] = [];
    list.steps.forEach((raw, index) => {
      const text = raw.text.join(" ");
      const where = `line ${raw.line}, step ${raw.number} of "${list.heading}"`;
      if (raw.number !== index + 1)
        problems.push(`${where}: numbered ${raw.number}, expected ${index + 1}`);
      const found = patterns
        .map(([pattern, make]) => {
          const match = pattern.exec(text);
          return match ? make(match) : undefined;
        })
        .find((action) => action !== undefined);
      if (!found) {
        problems.push(`${where}: no step the browser test knows starts "${text.slice(0, 60)}"`);
        return;
      }
      const gets = /You get `([^`]+)`/.exec(text);
      if (found.kind === "press" && gets) {
        const files = raw.bullets.flatMap((bullet) => bulletFileNames(bullet.join(" ")));
        if (gets[1]?.endsWith(".zip") && files.length === 0)
          problems.push(`${where}: the zip ${gets[1]} lists no files`);
        found.download = { name: gets[1] ?? "", files };
      } else if (raw.bullets.length > 0) {
        problems.push(`${where}: bullets under a step that downloads nothing`);
      }
      steps.push({ number: raw.number, line: raw.line, text, action: found });
    });
    walkthroughs.push({
      heading: list.heading,
      steps,
      readmeLines: shellLines(lines, list.endLine, list.sectionEnd),
    });
  }
  if (problems.length > 0) throw new GuideError(problems.join("\n"));
  return walkthroughs;
}
