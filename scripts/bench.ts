/**
 * `npm run bench`: how fast the wizard is, measured, into bench/results.json and a table.
 *   npm run bench                   the working tree
 *   npm run bench -- --ref HEAD     the app at a commit (git archive into a temporary
 *                                   directory), measured by these bench scripts: stable
 *                                   figures while others edit the working tree
 *   npm run bench -- --quick        fewer runs, for trying the scripts out
 *
 * 1. Preview latency in Chromium, 2. first load (initial JS/CSS gzip, FCP, LCP),
 * 3. Lighthouse, 4. core throughput in Node. What each figure covers: the comments in
 * scripts/bench-browser.ts, bench-lighthouse.ts, bench-core.ts and check-bundle-size.mjs.
 * The machine is shared and small: the figures are medians (and a p95) of noisy runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchButane } from "./bench-butane.ts";
import { benchFirstLoad, benchPreview, launchChromium } from "./bench-browser.ts";
import { benchCluster, benchRenderCompile, clusterRenderer } from "./bench-core.ts";
import { benchLighthouse } from "./bench-lighthouse.ts";
import { buildAndServe } from "./bench-serve.ts";
import { initialSizes } from "./check-bundle-size.mjs";

const scriptsDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(scriptsDir, "..");
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const quick = args.includes("--quick");
const outFile = path.resolve(option("--out") ?? path.join(repoRoot, "bench/results.json"));

/** --ref: run these scripts inside an export of that commit, writing to this tree's bench/. */
function benchAtRef(ref: string): number {
  const commit = execFileSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], {
    cwd: repoRoot,
    encoding: "utf8",
  }).trim();
  const root = mkdtempSync(path.join(tmpdir(), "fkw-bench-ref-"));
  const tree = path.join(root, "main");
  try {
    mkdirSync(tree);
    execFileSync("sh", ["-c", `git archive ${commit} | tar -x -C '${tree}'`], { cwd: repoRoot });
    symlinkSync(path.join(repoRoot, "node_modules"), path.join(tree, "node_modules"));
    symlinkSync(path.resolve(repoRoot, "../shared"), path.join(root, "shared"));
    for (const file of readdirSync(scriptsDir)) {
      if (/^bench.*\.ts$|^check-bundle-size\.mjs$/.test(file))
        copyFileSync(path.join(scriptsDir, file), path.join(tree, "scripts", file));
    }
    console.log(`Measuring ${ref} (${commit.slice(0, 12)}) exported to ${tree}`);
    const inner = args.filter((a, i) => a !== "--ref" && args[i - 1] !== "--ref");
    const run = spawnSync(
      "npx",
      ["tsx", "scripts/bench.ts", ...inner, "--out", outFile, "--commit", commit],
      { cwd: tree, stdio: "inherit" },
    );
    return run.status ?? 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const round = (value: number | null, digits = 1) =>
  value === null ? null : Number(value.toFixed(digits));

async function main() {
  const started = performance.now();
  const commit =
    option("--commit") ??
    spawnSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).stdout.trim();
  const results: Record<string, unknown> = {
    measuredAt: new Date().toISOString(),
    commit,
    workingTree: option("--commit") === undefined,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}`,
  };

  // 4 first: Node only, before a browser competes for the two cores.
  console.log("\n== core throughput in Node");
  const renderCompile = benchRenderCompile(quick ? 11 : 41);
  console.table(
    renderCompile.perPreset.map((p) => ({ preset: p.preset, "median µs": Math.round(p.medianUs) })),
  );
  const butane = await benchButane(quick ? 3 : 7);
  const renderer = await clusterRenderer();
  const cluster100 = benchCluster(renderer, 100, quick ? 1 : 5);
  const cluster = benchCluster(renderer, 1000, quick ? 1 : 3);

  console.log("\n== production build, served");
  const served = await buildAndServe();
  let browserFigures: Record<string, unknown> = {};
  let lighthouse: Awaited<ReturnType<typeof benchLighthouse>>;
  let lighthouseDesktop: Awaited<ReturnType<typeof benchLighthouse>>;
  const sizes = initialSizes(served.distDir);
  try {
    const browser = await launchChromium();
    try {
      console.log("== preview latency in Chromium");
      const preview = await benchPreview(browser, served.url, quick ? 8 : 30);
      console.table(
        preview.byKind.map((k) => ({
          edit: k.kind,
          tab: k.tab,
          edits: k.edits,
          "p50 ms": round(k.p50Ms),
          "p95 ms": round(k.p95Ms),
        })),
      );
      console.log("== first load in Chromium");
      const load = await benchFirstLoad(browser, served.url, quick ? 3 : 9);
      browserFigures = { preview, load };
    } finally {
      await browser.close();
    }
    console.log("== Lighthouse");
    lighthouse = await benchLighthouse(served.url, quick ? 1 : 3, "mobile");
    lighthouseDesktop = await benchLighthouse(served.url, quick ? 1 : 3, "desktop");
  } finally {
    served.close();
  }
  const { preview, load } = browserFigures as {
    preview: Awaited<ReturnType<typeof benchPreview>>;
    load: Awaited<ReturnType<typeof benchFirstLoad>>;
  };

  Object.assign(results, {
    previewP50Ms: round(preview.previewP50Ms),
    previewP95Ms: round(preview.previewP95Ms),
    previewEdits: preview.edits,
    previewCommitP50Ms: round(preview.commitP50Ms),
    previewCommitP95Ms: round(preview.commitP95Ms),
    previewByKind: preview.byKind.map((k) => ({
      ...k,
      p50Ms: round(k.p50Ms),
      p95Ms: round(k.p95Ms),
    })),
    initialJsGzipBytes: sizes.jsGzipBytes,
    initialJsBytes: sizes.jsBytes,
    initialCssGzipBytes: sizes.cssGzipBytes,
    initialFiles: sizes.files.map((f) => f.file),
    fcpMs: round(load.fcpMs),
    lcpMs: round(load.lcpMs),
    firstLoads: load.loads,
    lighthousePerformance: lighthouse.lighthousePerformance,
    lighthouseAccessibility: lighthouse.lighthouseAccessibility,
    lighthouseRuns: lighthouse.lighthouseRuns,
    lighthousePerformanceDesktop: lighthouseDesktop.lighthousePerformance,
    lighthouseAccessibilityDesktop: lighthouseDesktop.lighthouseAccessibility,
    lighthouseRunsDesktop: lighthouseDesktop.lighthouseRuns,
    ...(lighthouse.lighthouseError ? { lighthouseError: lighthouse.lighthouseError } : {}),
    compileMedianUs: round(butane.compileMedianUs, 0),
    vectorsTotalMs: round(butane.vectorsTotalMs),
    renderCompileMedianUs: round(renderCompile.renderCompileMedianUs, 0),
    cluster100Ms: round(cluster100.clusterMs, 0),
    cluster1000Ms: round(cluster.clusterMs, 0),
    cluster1000Method:
      "renderCluster with generated secrets: 1 control plane + 1000 workers (worker-1..worker-1000), every node compiled",
  });
  const benchSeconds = round((performance.now() - started) / 1000, 0);
  results.benchSeconds = benchSeconds;

  if (!existsSync(path.dirname(outFile))) mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB (${bytes} B)`;
  console.log(`\n== results (medians of noisy runs on a shared ${cpus().length}-core machine)`);
  console.table([
    { figure: "preview p50, input → next frame", value: `${round(preview.previewP50Ms)} ms` },
    { figure: "preview p95, input → next frame", value: `${round(preview.previewP95Ms)} ms` },
    { figure: "preview p50, input → DOM commit", value: `${round(preview.commitP50Ms)} ms` },
    { figure: `  over edits`, value: String(preview.edits) },
    { figure: "initial JS, gzip", value: kb(sizes.jsGzipBytes) },
    { figure: "initial CSS, gzip", value: kb(sizes.cssGzipBytes) },
    { figure: "first contentful paint (local)", value: `${round(load.fcpMs)} ms` },
    { figure: "largest contentful paint (local)", value: `${round(load.lcpMs)} ms` },
    {
      figure: "Lighthouse performance (mobile)",
      value: String(lighthouse.lighthousePerformance ?? `n/a: ${lighthouse.lighthouseError}`),
    },
    {
      figure: "Lighthouse performance (desktop preset)",
      value: String(
        lighthouseDesktop.lighthousePerformance ?? `n/a: ${lighthouseDesktop.lighthouseError}`,
      ),
    },
    {
      figure: "Lighthouse accessibility",
      value: String(lighthouse.lighthouseAccessibility ?? "n/a"),
    },
    {
      figure: "renderNode (render + compile), median",
      value: `${round(renderCompile.renderCompileMedianUs, 0)} µs`,
    },
    {
      figure: "Butane compile, median per vector",
      value: `${round(butane.compileMedianUs, 0)} µs`,
    },
    { figure: "347 Butane vectors, total", value: `${round(butane.vectorsTotalMs)} ms` },
    {
      figure: "1 control plane + 100 workers, renderCluster",
      value: `${round(cluster100.clusterMs, 0)} ms`,
    },
    {
      figure: "1 control plane + 1000 workers, renderCluster",
      value: `${round(cluster.clusterMs, 0)} ms`,
    },
    { figure: "npm run bench took", value: `${benchSeconds} s` },
  ]);
  console.log(`Wrote ${path.relative(process.cwd(), outFile)}`);
}

const ref = option("--ref");
if (ref !== undefined) process.exitCode = benchAtRef(ref);
else await main();
