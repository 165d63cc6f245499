import type { Root, RootContent } from "hast";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import type { Language } from "./highlighter";

type Highlight = (text: string, language: Language) => Root;

let highlighter: Promise<Highlight> | undefined;
/** The highlighter is fetched once, after first paint; until then text shows plain. */
function loadHighlighter(): Promise<Highlight> {
  highlighter ??= import("./highlighter").then((module) => module.highlightTree);
  return highlighter;
}

/** hast -> React elements: text stays text, so nothing is ever parsed as HTML. */
function toReact(nodes: RootContent[], keyPrefix = ""): ReactNode[] {
  return nodes.map((node, index) => {
    const key = `${keyPrefix}${index}`;
    if (node.type === "text") return node.value;
    if (node.type !== "element") return null;
    const classes = node.properties.className;
    const className = Array.isArray(classes) ? classes.join(" ") : undefined;
    return (
      <span key={key} className={className}>
        {toReact(node.children, `${key}.`)}
      </span>
    );
  });
}

export function languageOf(fileName: string): Language {
  if (fileName.endsWith(".bu") || fileName.endsWith(".yaml")) return "yaml";
  if (fileName.endsWith(".ign") || fileName.endsWith(".json")) return "json";
  return "ini";
}

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
  const highlighted = useMemo(
    () => (highlight ? toReact(highlight(text, language).children) : text),
    [highlight, text, language],
  );
  return <>{highlighted}</>;
}
