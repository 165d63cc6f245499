import type { Root, RootContent } from "hast";

/** A run of text inside its highlight classes, outermost first (each a span's className). */
export interface Segment {
  classes: string[];
  text: string;
}

/** One line of highlighted text, its newline included; `key` is unique and says what it shows. */
export interface HighlightedLine {
  key: string;
  segments: Segment[];
}

/**
 * Splits a highlighted tree into lines, so the preview can keep the lines an edit did not
 * change: a line's key is its content (with a count for repeats), so React moves or keeps
 * its DOM instead of rebuilding the whole text.
 */
export function highlightedLines(tree: Root): HighlightedLine[] {
  const lines: Segment[][] = [[]];
  const walk = (nodes: RootContent[], classes: string[]) => {
    for (const node of nodes) {
      if (node.type === "element") {
        const className = node.properties.className;
        const own = Array.isArray(className) ? className.join(" ") : "";
        walk(node.children, own ? [...classes, own] : classes);
      } else if (node.type === "text") {
        const parts = node.value.split("\n");
        parts.forEach((part, index) => {
          const text = index < parts.length - 1 ? `${part}\n` : part;
          if (text) lines[lines.length - 1]?.push({ classes, text });
          if (index < parts.length - 1) lines.push([]);
        });
      }
    }
  };
  walk(tree.children, []);
  const seen = new Map<string, number>();
  return lines
    .filter((segments) => segments.length > 0)
    .map((segments) => {
      const content = JSON.stringify(segments);
      const count = seen.get(content) ?? 0;
      seen.set(content, count + 1);
      return { key: `${count}:${content}`, segments };
    });
}
