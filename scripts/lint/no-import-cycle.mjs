/**
 * ESLint rule "layers/no-import-cycle": no file may reach itself again through its relative
 * imports. Unlike import-x/no-cycle it follows type-only imports (and dynamic ones) too: a
 * type cycle ties two files' designs together just as a runtime one does, and the way out is
 * the same, what both need moves to a third file.
 * Imports are read with TypeScript's own scanner (ts.preProcessFile), cached by modification
 * time, so a lint run reads each file once.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { importVisitors } from "./import-sources.mjs";

const extensions = [".ts", ".tsx", ".d.ts", ".js", ".mjs"];
/** @type {Map<string, { mtimeMs: number; imports: string[] }>} */
const importsByFile = new Map();

function isFile(candidate) {
  try {
    return statSync(candidate).isFile();
  } catch {
    return false;
  }
}

/** A relative import's file, or null for packages and what does not resolve (JSON, CSS). */
function resolveImport(from, specifier) {
  if (!specifier.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [
    base,
    ...extensions.map((extension) => base + extension),
    ...extensions.map((extension) => path.join(base, `index${extension}`)),
  ];
  const found = candidates.find(isFile);
  return found && extensions.some((extension) => found.endsWith(extension)) ? found : null;
}

function importsOf(file) {
  let mtimeMs;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = importsByFile.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.imports;
  const scanned = ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles;
  const imports = scanned
    .map((reference) => resolveImport(file, reference.fileName))
    .filter((resolved) => resolved !== null);
  importsByFile.set(file, { mtimeMs, imports });
  return imports;
}

/** The shortest chain of imports from `start` that ends at `target`, or null. */
function routeBack(start, target) {
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const next of importsOf(file)) {
      if (next === target) {
        const route = [target];
        for (let step = file; step !== null; step = cameFrom.get(step)) route.unshift(step);
        return route;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

/** @type {import("eslint").Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: "problem",
    docs: { description: "No import cycles, type-only and dynamic imports included." },
    messages: {
      cycle:
        "Import cycle (type-only imports count): {{route}}. Move what both sides need into a file of its own.",
    },
    schema: [],
  },
  create(context) {
    const filename = context.physicalFilename;
    return importVisitors((node, specifier) => {
      const imported = resolveImport(filename, specifier);
      if (imported === null || imported === filename) return;
      const route = routeBack(imported, filename);
      if (route === null) return;
      const shown = [filename, ...route].map((file) => path.relative(context.cwd, file));
      context.report({ node, messageId: "cycle", data: { route: shown.join(" -> ") } });
    });
  },
};
