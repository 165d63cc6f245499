import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  CRITICAL_PATH_JS_GZIP_CEILING,
  FIRST_LOAD_JS_GZIP_CEILING,
  firstLoadAssets,
  initialAssets,
} from "./check-bundle-size.mjs";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const noise = (bytes: number) => randomBytes(bytes).toString("base64");

/**
 * A built site in miniature, as Vite lays it out, with random bytes (no gzip wins) in the
 * highlighter (loaded before idle) and in a chunk on the critical path.
 */
function fakeDist({ idle = 0, critical = 0 } = {}): string {
  const dist = mkdtempSync(path.join(tmpdir(), "fkw-budget-"));
  dirs.push(dist);
  mkdirSync(path.join(dist, "assets"));
  mkdirSync(path.join(dist, ".vite"));
  const file = (name: string, text: string) => writeFileSync(path.join(dist, name), text);
  file(
    "index.html",
    '<script type="module" src="./assets/index-a.js"></script><link rel="stylesheet" href="./assets/index-a.css">',
  );
  file(
    "assets/index-a.js",
    'import{x}from"./shared-b.js";new Worker(new URL(new URL(`render-worker-c.js`,import.meta.url).href,``+import.meta.url),{type:`module`});import("./highlighter-d.js");import("./lazy-e.js");',
  );
  file("assets/shared-b.js", `export const x=1;//${noise(critical)}`);
  file("assets/render-worker-c.js", "self.onmessage=()=>{};");
  file("assets/highlighter-d.js", `import{x}from"./shared-b.js";export const h=x;//${noise(idle)}`);
  file("assets/lazy-e.js", "export const later=1;");
  file("assets/index-a.css", "body{}");
  file(
    ".vite/manifest.json",
    JSON.stringify({
      "src/features/preview/highlighter.ts": {
        file: "assets/highlighter-d.js",
        isDynamicEntry: true,
      },
      "src/other/lazy.ts": { file: "assets/lazy-e.js", isDynamicEntry: true },
    }),
  );
  return dist;
}

const files = (assets: { file: string }[]) => assets.map((a) => a.file).sort();

describe("the first-load bundle budget", () => {
  it("counts the static graph and the chunks loaded before idle, not workers (they wait for a person or a link) nor other lazy chunks", () => {
    const dist = fakeDist();
    expect(files(initialAssets(dist))).toEqual([
      "assets/index-a.css",
      "assets/index-a.js",
      "assets/shared-b.js",
    ]);
    expect(files(firstLoadAssets(dist))).toEqual([
      "assets/highlighter-d.js",
      "assets/index-a.css",
      "assets/index-a.js",
      "assets/shared-b.js",
    ]);
  });

  it("fails the build when the first load or the critical path is over its ceiling", () => {
    const check = (dist: string) =>
      spawnSync(process.execPath, ["scripts/check-bundle-size.mjs", dist], { encoding: "utf8" });
    const within = check(fakeDist());
    expect(within.status).toBe(0);
    const idle = check(fakeDist({ idle: FIRST_LOAD_JS_GZIP_CEILING + 1024 }));
    expect(idle.status).toBe(1);
    expect(idle.stderr).toContain("First-load JS is");
    expect(idle.stderr).not.toContain("Critical-path JS is");
    const critical = check(fakeDist({ critical: CRITICAL_PATH_JS_GZIP_CEILING + 1024 }));
    expect(critical.status).toBe(1);
    expect(critical.stderr).toContain("Critical-path JS is");
  });
});
