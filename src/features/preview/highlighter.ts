import json from "highlight.js/lib/languages/json";
import ini from "highlight.js/lib/languages/ini";
import yaml from "highlight.js/lib/languages/yaml";
import { createLowlight } from "lowlight";

/** Loaded on demand: only the grammars the preview shows. */
export const lowlight = createLowlight({ json, ini, yaml });

/** The node files' grammars here; "bash" and "markdown" in highlighter-shell.ts. */
export type Language = "yaml" | "json" | "ini" | "bash" | "markdown";

export function highlightTree(text: string, language: Language) {
  return lowlight.highlight(language, text);
}
