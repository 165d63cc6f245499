import type { Root } from "hast";
import { memo, useEffect, useMemo, useState, type ReactNode } from "react";
import { highlightedLines, type HighlightedLine } from "./highlighted-lines";
import type { Language } from "./highlighter";

type Highlight = (text: string, language: Language) => Root;

let highlighter: Promise<Highlight> | undefined;
/** The highlighter is fetched once, after first paint; until then text shows plain. */
function loadHighlighter(): Promise<Highlight> {
  highlighter ??= import("./highlighter").then((module) => module.highlightTree);
  return highlighter;
}

export function languageOf(fileName: string): Language {
  if (fileName.endsWith(".bu") || fileName.endsWith(".yaml")) return "yaml";
  if (fileName.endsWith(".ign") || fileName.endsWith(".json")) return "json";
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
  const [highlight, setHighlight] = useState<Highlight | undefined>(undefined);
  useEffect(() => {
    let active = true;
    loadHighlighter().then(
      (loaded) => active && setHighlight(() => loaded),
      () => undefined, // Plain text is fine when the chunk cannot load.
    );
    return () => {
      active = false;
    };
  }, []);
  // Re-highlight only when the text changes, not on every keystroke elsewhere in the form.
  const lines = useMemo(
    () => (highlight ? highlightedLines(highlight(text, language)) : undefined),
    [highlight, text, language],
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
