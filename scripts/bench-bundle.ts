/**
 * What the first load is made of: builds once with source maps into a temporary
 * directory (never dist/), attributes every byte of the JavaScript the default page fetches
 * until idle (check-bundle-size.mjs's firstLoadAssets: workers included) to the source file
 * it came from, and groups them by chunk and npm package or folder of src/. The gzip column
 * gzips each group's bytes on its own and scales the groups to the real total, so it is a
 * share of the whole ("gzip-ish"), not an exact saving.
 *   npx tsx scripts/bench-bundle.ts
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { firstLoadAssets } from "./check-bundle-size.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface BundleGroup {
  group: string;
  bytes: number;
  /** This group's share of the first load's real gzip size. */
  gzipShareBytes: number;
}

const base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Source map "mappings" -> per generated line, [column, source index] pairs. */
function decodeMappings(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let source = 0;
  for (const line of mappings.split(";")) {
    const segments: [number, number][] = [];
    let column = 0;
    for (const segment of line.split(",")) {
      if (segment === "") continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = base64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0] ?? 0;
      if (values.length >= 4) {
        source += values[1] ?? 0;
        segments.push([column, source]);
      } else {
        segments.push([column, -1]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** A source path -> "npm:package" or "src/folder/sub" (or the file's folder elsewhere). */
export function groupOf(source: string): string {
  const modules = source.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const parts = source.slice(modules + "node_modules/".length).split("/");
    return `npm:${parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  const src = source.indexOf("src/");
  if (src >= 0) {
    const parts = source.slice(src).split("/");
    return parts.length > 3 ? parts.slice(0, 3).join("/") : parts.slice(0, -1).join("/");
  }
  return source.includes("vite") || source.includes("\0") ? "(vite runtime)" : source;
}

/** Builds into a temporary outDir with source maps and returns the first load's JS by group. */
export function analyseInitialBundle(): { groups: BundleGroup[]; gzipBytes: number } {
  const outDir = mkdtempSync(path.join(tmpdir(), "fkw-bundle-"));
  try {
    const build = spawnSync(
      "npx",
      ["vite", "build", "--sourcemap", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"],
      { cwd: repoRoot, stdio: "inherit" },
    );
    if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`);
    const bytesByGroup = new Map<string, string[]>();
    let gzipTotal = 0;
    for (const asset of firstLoadAssets(outDir)) {
      if (asset.kind !== "js") continue;
      gzipTotal += asset.gzipBytes;
      const code = readFileSync(path.join(outDir, asset.file), "utf8");
      const mapFile = path.join(outDir, `${asset.file}.map`);
      // A chunk with no source of its own (the bundler's runtime) has no map.
      const map = (
        existsSync(mapFile)
          ? JSON.parse(readFileSync(mapFile, "utf8"))
          : { sources: [], mappings: "" }
      ) as {
        sources: string[];
        mappings: string;
      };
      // "render-worker" for assets/render-worker-DxYfXzXT.js: the chunk without its hash.
      const chunk = path.basename(asset.file).replace(/-[\w-]{8}\.js$/, "");
      const add = (source: string, text: string) => {
        const group = `${chunk}: ${source}`;
        const list = bytesByGroup.get(group) ?? [];
        list.push(text);
        bytesByGroup.set(group, list);
      };
      const codeLines = code.split("\n");
      decodeMappings(map.mappings).forEach((segments, lineIndex) => {
        const line = codeLines[lineIndex] ?? "";
        let previous = 0;
        segments.forEach(([column, source], index) => {
          if (column > previous) add("(unmapped)", line.slice(previous, column));
          const end = segments[index + 1]?.[0] ?? line.length;
          const name = source >= 0 ? (map.sources[source] ?? "?") : "(unmapped)";
          add(source >= 0 ? groupOf(name) : name, line.slice(column, end));
          previous = end;
        });
        if (segments.length === 0) add("(unmapped)", line);
      });
    }
    const raw = [...bytesByGroup].map(([group, texts]) => {
      const text = texts.join("");
      return { group, bytes: Buffer.byteLength(text), gzip: gzipSync(text).length };
    });
    const gzipSum = raw.reduce((total, g) => total + g.gzip, 0);
    const groups = raw
      .map((g) => ({
        group: g.group,
        bytes: g.bytes,
        gzipShareBytes: Math.round((g.gzip / gzipSum) * gzipTotal),
      }))
      .sort((a, b) => b.gzipShareBytes - a.gzipShareBytes);
    return { groups, gzipBytes: gzipTotal };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function printBundleGroups({ groups, gzipBytes }: ReturnType<typeof analyseInitialBundle>) {
  console.table(
    groups
      .filter((g) => g.bytes >= 512)
      .map((g) => ({
        group: g.group,
        "minified KB": Number((g.bytes / 1024).toFixed(1)),
        "gzip share KB": Number((g.gzipShareBytes / 1024).toFixed(1)),
        "%": Number(((g.gzipShareBytes / gzipBytes) * 100).toFixed(1)),
      })),
  );
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  printBundleGroups(analyseInitialBundle());
}
