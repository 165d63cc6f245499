import type { Root } from "hast";
import { memo, useEffect, useMemo, useState, type ReactNode } from "react";
import { highlightedLines, type HighlightedLine } from "./highlighted-lines";
import type { Language } from "./highlighter";

type Highlight = (text: string, language: Language) => Root;

/** The node files' grammars, or the shell's and Markdown's (the upgrade's scripts and runbook). */
type Family = "node" | "shell";
const familyOf = (language: Language): Family =>
  language === "bash" || language === "markdown" ? "shell" : "node";

const highlighters: Partial<Record<Family, Promise<Highlight>>> = {};
/** Each highlighter is fetched once, after first paint; until then text shows plain. */
function loadHighlighter(family: Family): Promise<Highlight> {
  highlighters[family] ??=
    family === "shell"
      ? import("./highlighter-shell").then((module) => module.highlightTree)
      : import("./highlighter").then((module) => module.highlightTree);
  return highlighters[family];
}

export function languageOf(fileName: string): Language {
  if (fileName.endsWith(".bu") || fileName.endsWith(".yaml")) return "yaml";
  if (fileName.endsWith(".ign") || fileName.endsWith(".json")) return "json";
  if (fileName.endsWith(".sh")) return "bash";
  if (fileName.endsWith(".md")) return "markdown";
  return "ini";
}

/**
 * One line as React elements: text stays text, so nothing is ever parsed as HTML. A line's
 * key is its content, so a line an edit did not change is not rendered again.
 */
const Line = memo(
  function Line({ line }: { line: HighlightedLine }) {
    return line.segments.map((segment, index) => {
      const [outer, ...inner] = segment.classes;
      if (outer === undefined) return segment.text;
      const content = inner.reduceRight<ReactNode>(
        (child, className) => <span className={className}>{child}</span>,
        segment.text,
      );
      return (
        <span key={index} className={outer}>
          {content}
        </span>
      );
    });
  },
  (before, after) => before.line.key === after.line.key,
);

export function HighlightedText({ text, language }: { text: string; language: Language }) {
  const family = familyOf(language);
  const [highlight, setHighlight] = useState<{ family: Family; run: Highlight } | undefined>(
    undefined,
  );
  useEffect(() => {
    let active = true;
    loadHighlighter(family).then(
      (run) => active && setHighlight({ family, run }),
      () => undefined, // Plain text is fine when the chunk cannot load.
    );
    return () => {
      active = false;
    };
  }, [family]);
  // Re-highlight only when the text changes, not on every keystroke elsewhere in the form.
  const lines = useMemo(
    () =>
      highlight?.family === family ? highlightedLines(highlight.run(text, language)) : undefined,
    [highlight, family, text, language],
  );
  // Each line in its own span: the stylesheet numbers them, so Butane's "line 12" can be found.
  if (!lines) {
    return plainLines(text).map((line, index) => (
      <span key={index} className="line">
        {line}
      </span>
    ));
  }
  return lines.map((line) => (
    <span key={line.key} className="line">
      <Line line={line} />
    </span>
  ));
}

/** The text's lines, each with its newline, before the highlighter has loaded. */
function plainLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
