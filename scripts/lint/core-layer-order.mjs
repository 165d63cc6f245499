/**
 * ESLint rule "layers/core-layer-order": inside src/core every import points down. The core's
 * folders (and its few top-level modules) stand in one order, bottom to top, given as the rule's
 * `order` option; a file may import its own folder and those below it, never one above. Like
 * no-import-cycle it counts type-only and dynamic imports too: a type pointing up ties a lower
 * folder's design to a higher one's just as a value does.
 * A folder not in the order is reported as well, so a new folder is placed before it is used.
 */
import path from "node:path";
import { importVisitors } from "./import-sources.mjs";

/**
 * The layer of a path inside the core: its folder ("render"), or for a module at the core's top
 * its file name ("version.ts", however the import spells it); null outside the core.
 */
function layerOf(coreDir, file) {
  const relative = path.relative(coreDir, file);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return null;
  const [first = "", ...rest] = relative.split(path.sep);
  return rest.length > 0 ? first : `${first.replace(/\.(d\.)?[cm]?[jt]sx?$/, "")}.ts`;
}

/** @type {import("eslint").Rule.RuleModule} */
export const coreLayerOrder = {
  meta: {
    type: "problem",
    docs: { description: "Inside src/core, a folder imports only the folders below it." },
    messages: {
      upward:
        "core/{{from}} may not import core/{{to}}: core's folders import only those below them (bottom to top: {{order}}; coreLayers in eslint.config.js).",
      unplaced:
        "core/{{layer}} has no place in the order of core's folders: add it to coreLayers in eslint.config.js (bottom to top: {{order}}).",
    },
    schema: [
      {
        type: "object",
        properties: {
          coreDir: { type: "string" },
          order: { type: "array", items: { type: "string" }, uniqueItems: true },
        },
        required: ["coreDir", "order"],
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { coreDir, order } = context.options[0];
    const filename = context.physicalFilename;
    const from = layerOf(coreDir, filename);
    if (from === null) return {};
    const shownOrder = order.join(", ");
    const rank = (layer) => order.indexOf(layer);
    return importVisitors((node, specifier) => {
      if (!specifier.startsWith(".")) return;
      const to = layerOf(coreDir, path.resolve(path.dirname(filename), specifier));
      if (to === null || to === from) return;
      for (const layer of [from, to]) {
        if (rank(layer) < 0) {
          context.report({ node, messageId: "unplaced", data: { layer, order: shownOrder } });
          return;
        }
      }
      if (rank(to) > rank(from)) {
        context.report({ node, messageId: "upward", data: { from, to, order: shownOrder } });
      }
    });
  },
};
