/**
 * The bundle budget: after `vite build`, the gzip size of what the first load of the page
 * downloads — index.html's entry script with its static imports (modulepreload links and
 * `import … from "./x.js"` in the chunks, transitively; never `import()`-ed lazy chunks)
 * and its stylesheets. Exits 1 when the initial JavaScript is over the budget.
 *   node scripts/check-bundle-size.mjs [DIST_DIR]
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** Initial JavaScript, gzip, in bytes: the 150 KB target. */
export const INITIAL_JS_GZIP_BUDGET = 150 * 1024;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const attribute = (tag, name) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`).exec(tag)?.[1];

/** Static `import … from "x"`, `import "x"` and `export … from "x"` specifiers; not `import("x")`. */
const staticImport =
  /(?:^|[^\w$.])(?:import\s*(?:[\w$*{}\s,]+?\s*from\s*)?|export\s*(?:\*|\{[^}]*\})\s*from\s*)["']([^"']+)["']/g;

/** gzip size at zlib's default level (6), as a static server compressing on the fly would send it. */
export const gzipBytes = (buffer) => gzipSync(buffer).length;

/**
 * The files the page loads before anything lazy: [{ file, kind, bytes, gzipBytes }], with
 * file relative to dist.
 */
export function initialAssets(distDir = path.join(repoRoot, "dist")) {
  const html = readFileSync(path.join(distDir, "index.html"), "utf8");
  const scripts = [];
  const styles = [];
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/g) ?? []) {
    if (tag.startsWith("<script")) {
      const src = attribute(tag, "src");
      if (src && attribute(tag, "type") === "module") scripts.push(src);
    } else {
      const rel = attribute(tag, "rel");
      const href = attribute(tag, "href");
      if (href && rel === "modulepreload") scripts.push(href);
      if (href && rel === "stylesheet") styles.push(href);
    }
  }
  const local = (url) => !/^[a-z]+:|^\/\//i.test(url);
  const resolveFromHtml = (url) => path.normalize(url.replace(/^\.?\//, ""));
  const seen = new Set();
  const queue = scripts.filter(local).map(resolveFromHtml);
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(distDir, file), "utf8");
    for (const match of code.matchAll(staticImport)) {
      const specifier = match[1];
      if (!specifier.startsWith(".")) continue;
      queue.push(path.normalize(path.join(path.dirname(file), specifier)));
    }
  }
  const cssFiles = styles.filter(local).map(resolveFromHtml);
  const describe = (file, kind) => {
    const buffer = readFileSync(path.join(distDir, file));
    return { file, kind, bytes: buffer.length, gzipBytes: gzipBytes(buffer) };
  };
  return [...[...seen].map((f) => describe(f, "js")), ...cssFiles.map((f) => describe(f, "css"))];
}

/** Totals of initialAssets: { jsBytes, jsGzipBytes, cssBytes, cssGzipBytes, files }. */
export function initialSizes(distDir) {
  const files = initialAssets(distDir);
  const sum = (kind, key) =>
    files.filter((f) => f.kind === kind).reduce((total, f) => total + f[key], 0);
  return {
    jsBytes: sum("js", "bytes"),
    jsGzipBytes: sum("js", "gzipBytes"),
    cssBytes: sum("css", "bytes"),
    cssGzipBytes: sum("css", "gzipBytes"),
    files,
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = path.resolve(process.argv[2] ?? path.join(repoRoot, "dist"));
  if (!existsSync(path.join(distDir, "index.html"))) {
    console.error(`No ${path.join(distDir, "index.html")}: run vite build first.`);
    process.exit(1);
  }
  const sizes = initialSizes(distDir);
  for (const f of sizes.files) {
    console.log(
      `  ${f.kind.padEnd(3)} ${f.file.padEnd(40)} ${kb(f.bytes).padStart(10)} ${kb(f.gzipBytes).padStart(10)} gzip`,
    );
  }
  console.log(
    `initial JS:  ${kb(sizes.jsBytes)}, ${kb(sizes.jsGzipBytes)} gzip (${sizes.jsGzipBytes} bytes)`,
  );
  console.log(
    `initial CSS: ${kb(sizes.cssBytes)}, ${kb(sizes.cssGzipBytes)} gzip (${sizes.cssGzipBytes} bytes)`,
  );
  if (sizes.jsGzipBytes > INITIAL_JS_GZIP_BUDGET) {
    console.error(
      `Initial JS is ${kb(sizes.jsGzipBytes)} gzip, over the budget of ${kb(INITIAL_JS_GZIP_BUDGET)} (${INITIAL_JS_GZIP_BUDGET} bytes) by ${kb(sizes.jsGzipBytes - INITIAL_JS_GZIP_BUDGET)}.`,
    );
    process.exit(1);
  }
  console.log(`Within the budget of ${kb(INITIAL_JS_GZIP_BUDGET)} gzip for initial JS.`);
}
