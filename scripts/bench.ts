/**
 * `npm run bench`: how fast the wizard is, measured, into bench/results.json and a table.
 *   npm run bench                   the working tree
 *   npm run bench -- --ref HEAD     the app at a commit (git archive into a temporary
 *                                   directory), measured by these bench scripts: stable
 *                                   figures while others edit the working tree
 *   npm run bench -- --quick        fewer runs, for trying the scripts out
 *   npm run bench -- --no-history   leave bench/history.jsonl alone
 *
 * 1. Core throughput in Node and the bundled CLI's start-up, 2. preview latency with real
 * input in Chromium (default and manual page) and Event Timing interactions, 3. first load
 * until idle (every JS/CSS byte on the wire, FCP, LCP, CLS; CLS and LCP of a share link too),
 * 4. Lighthouse mobile and desktop.
 * What each figure covers: the comments in scripts/bench-browser.ts, bench-lighthouse.ts,
 * bench-core.ts, bench-cli.ts and check-bundle-size.mjs.
 *
 * Every run writes bench/results.json (ignored, the last run in full) and appends one line
 * to bench/history.jsonl (committed: the record docs/performance.md quotes): commit, whether the
 * tree was dirty, the date, the machine (CPU, cores, memory, Node, Chromium), the load
 * average before and after, and the figures. The machine is shared and small: the figures
 * are medians (and a p95) of noisy runs; the load average says how noisy.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchButane } from "./bench-butane.ts";
import {
  benchFirstLoad,
  benchPreview,
  launchChromium,
  type FirstLoad,
  type PreviewLatency,
} from "./bench-browser.ts";
import { benchCliButane } from "./bench-cli.ts";
import {
  benchCluster,
  benchRenderCompile,
  clusterRenderer,
  median,
  percentile,
} from "./bench-core.ts";
import { benchLighthouse } from "./bench-lighthouse.ts";
import { buildAndServe } from "./bench-serve.ts";
import { initialSizes } from "./check-bundle-size.mjs";
import { chromiumExecutable } from "./chromium.mjs";

const scriptsDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(scriptsDir, "..");
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const quick = args.includes("--quick");
const outFile = path.resolve(option("--out") ?? path.join(repoRoot, "bench/results.json"));
/** The committed record: every run appends one line (--no-history: not this one). */
const historyFile = path.resolve(option("--history") ?? path.join(repoRoot, "bench/history.jsonl"));

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
      if (/^bench.*\.ts$|^(check-bundle-size|serve-static|cli)\.mjs$/.test(file))
        copyFileSync(path.join(scriptsDir, file), path.join(tree, "scripts", file));
    }
    console.log(`Measuring ${ref} (${commit.slice(0, 12)}) exported to ${tree}`);
    const inner = args.filter((a, i) => a !== "--ref" && args[i - 1] !== "--ref");
    const run = spawnSync(
      "npx",
      [
        "tsx",
        "scripts/bench.ts",
        ...inner,
        "--out",
        outFile,
        "--history",
        historyFile,
        "--commit",
        commit,
      ],
      { cwd: tree, stdio: "inherit" },
    );
    return run.status ?? 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const round = (value: number | null, digits = 1) =>
  value === null ? null : Number(value.toFixed(digits));

/** The machine as the record needs it: what ran the figures, and how busy it was. */
function machine() {
  const browserVersion = (executable: string | undefined) => {
    if (!executable) return "Playwright's Chromium";
    const run = spawnSync(executable, ["--version"], { encoding: "utf8" });
    return run.status === 0 ? run.stdout.trim() : `${executable} (version unknown)`;
  };
  return {
    cpu: cpus()[0]?.model ?? "?",
    cores: cpus().length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    chromium: browserVersion(chromiumExecutable() ?? undefined),
  };
}

/** A share link with choices the prerendered page does not hold: rendered over it after load. */
const linkQuery = "?mode=cluster&arch=arm64&workers=2&cluster=bench";

const loadAverage = () => loadavg().map((value) => round(value, 2));

/** The working tree differs from the commit (tracked files only). */
function dirtyTree(): boolean {
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return status.stdout.trim() !== "";
}

const interactionFigures = (durations: number[]) => ({
  p50: round(median(durations)),
  p95: round(percentile(durations, 95)),
  max: round(Math.max(...durations)),
});

async function main() {
  const started = performance.now();
  const fromRef = option("--commit");
  const commit =
    fromRef ??
    spawnSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).stdout.trim();
  const loadBefore = loadAverage();
  const results: Record<string, unknown> = {
    measuredAt: new Date().toISOString(),
    commit,
    // --ref measures a clean export of the commit; else the working tree as it is.
    dirty: fromRef === undefined ? dirtyTree() : false,
    quick,
    machine: machine(),
    loadAverageBefore: loadBefore,
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
  console.log("== the bundled CLI");
  const cli = benchCliButane(quick ? 5 : 21);

  console.log("\n== production build, served");
  const served = await buildAndServe();
  let lighthouse: Awaited<ReturnType<typeof benchLighthouse>>;
  let lighthouseDesktop: Awaited<ReturnType<typeof benchLighthouse>>;
  let previews: PreviewLatency[] = [];
  let load: FirstLoad;
  let linkLoad: FirstLoad;
  const sizes = initialSizes(served.distDir);
  try {
    const browser = await launchChromium();
    try {
      for (const mode of ["default", "manual"] as const) {
        console.log(`== preview latency in Chromium, real input, ${mode} page`);
        const preview = await benchPreview(browser, served.url, mode, quick ? 3 : 15);
        console.table(
          preview.byKind.map((k) => ({
            edit: k.kind,
            tab: k.tab,
            edits: k.edits,
            "p50 ms": round(k.p50Ms),
            "p95 ms": round(k.p95Ms),
          })),
        );
        previews = [...previews, preview];
      }
      console.log("== first load in Chromium, until idle");
      load = await benchFirstLoad(browser, served.url, served.takeServed, quick ? 2 : 7);
      console.log("== a share link's first load in Chromium, until idle");
      linkLoad = await benchFirstLoad(
        browser,
        `${served.url}${linkQuery}`,
        served.takeServed,
        quick ? 2 : 5,
      );
    } finally {
      await browser.close();
    }
    console.log("== Lighthouse");
    lighthouse = await benchLighthouse(served.url, quick ? 1 : 5, "mobile");
    lighthouseDesktop = await benchLighthouse(served.url, quick ? 1 : 5, "desktop");
  } finally {
    served.close();
  }
  const [preview, manual] = previews as [PreviewLatency, PreviewLatency];
  const interactions = interactionFigures([...preview.interactionsMs, ...manual.interactionsMs]);
  const previewFigures = (p: PreviewLatency) => ({
    edits: p.edits,
    p50Ms: round(p.previewP50Ms),
    p95Ms: round(p.previewP95Ms),
    commitP50Ms: round(p.commitP50Ms),
    commitP95Ms: round(p.commitP95Ms),
    byKind: p.byKind.map((k) => ({ ...k, p50Ms: round(k.p50Ms), p95Ms: round(k.p95Ms) })),
    interactions: interactionFigures(p.interactionsMs),
  });

  Object.assign(results, {
    previewP50Ms: round(preview.previewP50Ms),
    previewP95Ms: round(preview.previewP95Ms),
    previewManualP50Ms: round(manual.previewP50Ms),
    previewManualP95Ms: round(manual.previewP95Ms),
    previewMethod:
      "Playwright keyboard/mouse on Hostname, Kubernetes version, Architecture, Updates; input event timestamp to the next frame after the preview text changed",
    interactionP50Ms: interactions.p50,
    interactionP95Ms: interactions.p95,
    interactionMaxMs: interactions.max,
    interactionMethod:
      "Event Timing API, PerformanceObserver durationThreshold 16, longest event per interactionId, both pages; unreported interactions count as 16",
    firstLoadJsGzipBytes: load.jsWireBytes,
    firstLoadPrecacheJsGzipBytes: load.precacheJsWireBytes,
    firstLoadCssGzipBytes: load.cssWireBytes,
    firstLoadIdleMs: round(load.idleMs, 0),
    firstLoadFiles: load.files,
    firstLoadMethod:
      "default page, fresh context; body bytes the server sent (gzip -9) from navigation until the load event and 2 s without a request; median of loads",
    fcpMs: round(load.fcpMs),
    lcpMs: round(load.lcpMs),
    cls: round(load.clsMax, 4),
    linkCls: round(linkLoad.clsMax, 4),
    linkLcpMs: round(linkLoad.lcpMs),
    clsMethod: `layout-shift entries without recent input, summed from navigation until idle; the worst of the loads; link: ${linkQuery}`,
    lighthousePerformance: lighthouse.lighthousePerformance,
    lighthousePerformanceDesktop: lighthouseDesktop.lighthousePerformance,
    lighthouseAccessibility: lighthouse.lighthouseAccessibility,
    lighthouseAccessibilityDesktop: lighthouseDesktop.lighthouseAccessibility,
    lighthouseRuns: lighthouse.lighthouseRuns,
    lighthouseRunsDesktop: lighthouseDesktop.lighthouseRuns,
    ...(lighthouse.lighthouseError ? { lighthouseError: lighthouse.lighthouseError } : {}),
    cliButaneMs: cli === null ? null : round(cli.medianMs),
    cliNodeStartMs: cli === null ? null : round(cli.nodeStartMs),
    cliButaneMethod: cli === null ? "no bundled CLI: npm run build first" : cli.method,
    cluster1000Ms: round(cluster.clusterMs, 0),
    cluster100Ms: round(cluster100.clusterMs, 0),
    cluster1000Method:
      "renderCluster with generated secrets: 1 control plane + 1000 workers (worker-1..worker-1000), every node compiled; median of runs",
    renderCompileMedianUs: round(renderCompile.renderCompileMedianUs, 0),
    compileMedianUs: round(butane.compileMedianUs, 0),
    vectorsTotalMs: round(butane.vectorsTotalMs),
    staticImportJsGzipBytes: sizes.jsGzipBytes,
    staticImportCssGzipBytes: sizes.cssGzipBytes,
    preview: previewFigures(preview),
    previewManual: previewFigures(manual),
  });
  results.loadAverageAfter = loadAverage();
  const benchSeconds = round((performance.now() - started) / 1000, 0);
  results.benchSeconds = benchSeconds;

  if (!existsSync(path.dirname(outFile))) mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
  // The record: one line per run, figures only (not the per-file and per-run detail).
  const detail = new Set([
    "firstLoadFiles",
    "lighthouseRuns",
    "lighthouseRunsDesktop",
    "preview",
    "previewManual",
  ]);
  const line = Object.fromEntries(Object.entries(results).filter(([key]) => !detail.has(key)));
  if (!args.includes("--no-history")) appendFileSync(historyFile, `${JSON.stringify(line)}\n`);

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB (${bytes} B)`;
  const ms = (value: number | null) => `${round(value)} ms`;
  console.log(`\n== results (medians of noisy runs on a shared ${cpus().length}-core machine)`);
  console.table([
    {
      figure: "preview p50, real input → next frame, default page",
      value: ms(preview.previewP50Ms),
    },
    {
      figure: "preview p95, real input → next frame, default page",
      value: ms(preview.previewP95Ms),
    },
    { figure: "preview p50, real input → next frame, manual page", value: ms(manual.previewP50Ms) },
    { figure: "preview p95, real input → next frame, manual page", value: ms(manual.previewP95Ms) },
    {
      figure: "interaction (Event Timing) p50 / p95 / max",
      value: `${interactions.p50} / ${interactions.p95} / ${interactions.max} ms`,
    },
    { figure: "first load until idle: JS on the wire (gzip)", value: kb(load.jsWireBytes) },
    {
      figure: "then the service worker's precache for offline use: JS (gzip)",
      value: kb(load.precacheJsWireBytes),
    },
    { figure: "first load until idle: CSS on the wire (gzip)", value: kb(load.cssWireBytes) },
    { figure: "index.html's static imports only: JS gzip", value: kb(sizes.jsGzipBytes) },
    { figure: "first contentful paint (local)", value: ms(load.fcpMs) },
    { figure: "largest contentful paint (local)", value: ms(load.lcpMs) },
    { figure: "layout shift until idle (CLS, worst load)", value: load.clsMax.toFixed(4) },
    {
      figure: "a share link's page: CLS (worst load) / LCP",
      value: `${linkLoad.clsMax.toFixed(4)} / ${ms(linkLoad.lcpMs)}`,
    },
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
      figure: "CLI: node <bin> butane --pretty (seed)",
      value: cli === null ? "n/a" : ms(cli.medianMs),
    },
    {
      figure: "renderNode (render + compile), median",
      value: `${round(renderCompile.renderCompileMedianUs, 0)} µs`,
    },
    {
      figure: "Butane compile, median per vector",
      value: `${round(butane.compileMedianUs, 0)} µs`,
    },
    { figure: "1 control plane + 100 workers, renderCluster", value: ms(cluster100.clusterMs) },
    { figure: "1 control plane + 1000 workers, renderCluster", value: ms(cluster.clusterMs) },
    {
      figure: "load average before → after",
      value: `${loadBefore.join(" ")} → ${loadAverage().join(" ")}`,
    },
    { figure: "npm run bench took", value: `${benchSeconds} s` },
  ]);
  console.log(`Wrote ${path.relative(process.cwd(), outFile)}`);
}

const ref = option("--ref");
if (ref !== undefined) process.exitCode = benchAtRef(ref);
else await main();
