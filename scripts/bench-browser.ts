/**
 * The production build in Chromium (Debian's, or Playwright's own: scripts/chromium.mjs),
 * with api.github.com aborted so the page uses its embedded release snapshot:
 *
 * - preview latency with real input: Playwright's keyboard and mouse (CDP input events, so
 *   the browser's own input pipeline, hit testing and default actions run) on four fields:
 *   typing into Hostname (a letter, then Backspace), ArrowDown/ArrowUp on the focused
 *   Kubernetes version select, and mouse clicks on the Architecture and Updates radios.
 *   One edit's latency runs from the input event's own timestamp (`event.timeStamp` of the
 *   last keydown or pointerup: when the browser received the input) to the next frame after
 *   the preview's text (`#preview-panel .file-text`) differs: the following
 *   requestAnimationFrame callback plus a posted task, which runs after that frame's style,
 *   layout and paint. Measured in the default (zero-touch) page and in `?bootstrap=manual`,
 *   reported apart, half the edits with the config.bu tab shown and half with Ignition.
 *   Before the edits the bench clicks Hostname, as a person starts, waits for the renderer
 *   to load onto the main thread (src/features/wizard/use-rendered-node.ts) and for the
 *   page to settle (the default page makes the cluster's CA shortly after load).
 * - interactions: the Event Timing API's durations (what Chrome reports as INP: input to
 *   the next paint, per interaction the longest of its events), from a PerformanceObserver
 *   with durationThreshold 16 (the API's minimum) over the same edits. An interaction under
 *   16 ms produces no entry: it counts as 16 ms, so 16 reads "16 ms or less".
 * - first load: a fresh browser context (empty cache) per load of the default page; every
 *   response the server sent (body bytes on the wire, gzip as served) from navigation until
 *   the page is idle: the load event has fired and no request has reached the server for
 *   `quietMs` (2 s: longer than the 1.5 s idle timeout after which the page starts making
 *   the CA), workers and lazy chunks included. Also first-contentful-paint and the last
 *   largest-contentful-paint candidate from the page's performance entries. Localhost, no
 *   network or CPU throttling.
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "./chromium.mjs";
import { median, percentile } from "./bench-core.ts";
import type { ServedResponse } from "./bench-serve.ts";

export type EditKind = "hostname" | "version" | "arch" | "updates";
export const editKinds: EditKind[] = ["hostname", "version", "arch", "updates"];
const tabs = ["config.bu", "Ignition (config.ign)"] as const;
export type PageMode = "default" | "manual";

export interface PreviewLatency {
  mode: PageMode;
  edits: number;
  previewP50Ms: number;
  previewP95Ms: number;
  commitP50Ms: number;
  commitP95Ms: number;
  byKind: { kind: string; tab: string; edits: number; p50Ms: number; p95Ms: number }[];
  /** Event Timing durations per interaction, ms; unreported ones (< 16 ms) as 16. */
  interactionsMs: number[];
}

export interface FirstLoad {
  loads: number;
  fcpMs: number;
  lcpMs: number;
  /** The largest layout shift of any load, from navigation until idle. */
  clsMax: number;
  /** Median over loads: JS and CSS bytes the server sent until idle (gzip as served). */
  jsWireBytes: number;
  /** JS the service worker fetched to precache the build for offline use, after the page's own. */
  precacheJsWireBytes: number;
  cssWireBytes: number;
  /** Median time from navigation to the last response before idle, ms. */
  idleMs: number;
  /** What the last load fetched: path and bytes on the wire. */
  files: ServedResponse[];
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumExecutable();
  if (executablePath === null) throw new Error("no Chromium: see scripts/chromium.mjs");
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true });
}

/**
 * Installed before the page's own scripts: the Event Timing observer, the timestamp of the
 * last keydown/pointerup, and `__bench.arm()`, which resolves `__bench.result` with the
 * latency of the next change of the preview's text. A string, so no bundler helper leaks in.
 */
const pageProbe = `(() => {
  const interactions = new Map();
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.interactionId) continue;
        interactions.set(entry.interactionId, Math.max(interactions.get(entry.interactionId) ?? 0, entry.duration));
      }
    }).observe({ type: "event", durationThreshold: 16, buffered: true });
  } catch {}
  let lastInput = 0;
  for (const type of ["keydown", "pointerup"])
    addEventListener(type, (event) => { lastInput = event.timeStamp; }, true);
  const text = () => document.querySelector("#preview-panel .file-text")?.textContent ?? "";
  globalThis.__bench = {
    interactions: () => [...interactions.values()],
    arm() {
      const before = text();
      lastInput = 0;
      this.result = new Promise((resolve, reject) => {
        const timeout = setTimeout(() => {
          observer.disconnect();
          reject(new Error("the preview did not change within 5 s"));
        }, 5000);
        const observer = new MutationObserver(() => {
          if (text() === before) return;
          const committed = performance.now();
          observer.disconnect();
          clearTimeout(timeout);
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () =>
              resolve({ commitMs: committed - lastInput, frameMs: performance.now() - lastInput, hadInput: lastInput > 0 });
            channel.port2.postMessage(null);
          });
        });
        observer.observe(document.querySelector("#preview-panel"), { subtree: true, childList: true, characterData: true });
      });
    },
  };
})();`;

async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route("https://api.github.com/**", (route) => route.abort());
  // tsx (esbuild's keepNames) wraps functions in __name(): define it for page.evaluate's copies.
  await context.addInitScript("globalThis.__name = (f) => f;");
  await context.addInitScript(pageProbe);
  const page = await context.newPage();
  await page.goto(url);
  await page.locator("#preview-panel .file-text").waitFor();
  return page;
}

interface EditTiming {
  commitMs: number;
  frameMs: number;
}

/** One real-input edit of `kind`, timed in the page; see the file's comment. */
async function timedEdit(page: Page, kind: EditKind, step: number): Promise<EditTiming> {
  await page.evaluate("__bench.arm()");
  const second = step % 2 === 1;
  if (kind === "hostname") {
    await page.getByLabel("Hostname", { exact: true }).focus();
    await page.keyboard.press(second ? "Backspace" : "x");
  } else if (kind === "version") {
    await page.getByLabel("Kubernetes version", { exact: true }).focus();
    await page.keyboard.press(second ? "ArrowUp" : "ArrowDown");
  } else {
    const [group, first, other] =
      kind === "arch" ? ["Architecture", "x86-64", "arm64"] : ["Updates", /^Patch/, "Off"];
    await page
      .getByRole("group", { name: group, exact: true })
      .getByLabel(second ? first : other)
      .click();
  }
  const timing = (await page.evaluate("__bench.result")) as EditTiming & { hadInput: boolean };
  if (!timing.hadInput) throw new Error(`${kind}: the preview changed before any input arrived`);
  return timing;
}

/** `rounds` edit pairs of each kind on each tab, on the default page or the manual one. */
export async function benchPreview(
  browser: Browser,
  url: string,
  mode: PageMode,
  rounds = 15,
): Promise<PreviewLatency> {
  const page = await openPage(browser, mode === "manual" ? `${url}?bootstrap=manual` : url);
  // The highlighter is lazy: measure with it loaded, as a person sees the page after a moment.
  await page.locator("#preview-panel .file-text span").first().waitFor();
  const rendererLoaded = page
    .waitForResponse(/\/render-node-[\w-]+\.js$/, { timeout: 10_000 })
    .catch(() => undefined); // already loaded, or renders elsewhere: the edits tell
  await page.getByLabel("Hostname", { exact: true }).click();
  await rendererLoaded;
  await page.waitForTimeout(2500); // the CA (default page) and the aborted catalogue requests settle
  const all: EditTiming[] = [];
  const byKind: PreviewLatency["byKind"] = [];
  let interactions = 0;
  for (const tab of tabs) {
    await page.getByRole("tab", { name: tab, exact: true }).click();
    const perKind = new Map<EditKind, number[]>(editKinds.map((k) => [k, []]));
    // Round 0 warms up; each round edits every kind twice (there and back).
    for (let round = 0; round < rounds + 1; round++) {
      for (const kind of editKinds) {
        for (const step of [0, 1]) {
          const timing = await timedEdit(page, kind, step);
          interactions += 1;
          if (round === 0) continue;
          all.push(timing);
          perKind.get(kind)?.push(timing.frameMs);
        }
      }
    }
    for (const [kind, times] of perKind) {
      byKind.push({
        kind,
        tab,
        edits: times.length,
        p50Ms: median(times),
        p95Ms: percentile(times, 95),
      });
    }
  }
  await page.waitForTimeout(200); // the last interaction's entry is reported after its paint
  const reported = (await page.evaluate("__bench.interactions()")) as number[];
  await page.context().close();
  // Every edit is one interaction (a key press, or a click) besides the tab clicks and focus
  // changes; the API reports only those of 16 ms or more, so the rest count as 16.
  const interactionsMs = [
    ...reported,
    ...Array<number>(Math.max(0, interactions - reported.length)).fill(16),
  ];
  const frames = all.map((t) => t.frameMs);
  const commits = all.map((t) => t.commitMs);
  return {
    mode,
    edits: all.length,
    previewP50Ms: median(frames),
    previewP95Ms: percentile(frames, 95),
    commitP50Ms: median(commits),
    commitP95Ms: percentile(commits, 95),
    byKind,
    interactionsMs,
  };
}

/**
 * Runs in the page: FCP, the last LCP candidate so far, and the layout shift so far: every
 * layout-shift entry's score not caused by input, summed (at least the CLS of the page's
 * worst session window; the load has no input).
 */
function paintTimings(): Promise<{ fcp: number | null; lcp: number | null; cls: number }> {
  return new Promise((resolve) => {
    const fcp =
      performance.getEntriesByName("first-contentful-paint", "paint")[0]?.startTime ?? null;
    let lcp: number | null = null;
    let cls = 0;
    type LayoutShift = PerformanceEntry & { value: number; hadRecentInput: boolean };
    const lcpObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) lcp = entry.startTime;
    });
    const shifts = (entries: PerformanceEntryList) => {
      for (const entry of entries as LayoutShift[]) if (!entry.hadRecentInput) cls += entry.value;
    };
    const clsObserver = new PerformanceObserver((list) => shifts(list.getEntries()));
    lcpObserver.observe({ type: "largest-contentful-paint", buffered: true });
    clsObserver.observe({ type: "layout-shift", buffered: true });
    setTimeout(() => {
      for (const entry of lcpObserver.takeRecords()) lcp = entry.startTime;
      shifts(clsObserver.takeRecords());
      lcpObserver.disconnect();
      clsObserver.disconnect();
      resolve({ fcp, lcp, cls });
    }, 100);
  });
}

const isJs = (file: string) => /\.m?js$/.test(file);
const isCss = (file: string) => file.endsWith(".css");

/** Navigation to idle in a fresh context, `loads` times after a warm-up; see the file's comment. */
export async function benchFirstLoad(
  browser: Browser,
  url: string,
  takeServed: () => ServedResponse[],
  loads = 7,
  quietMs = 2000,
): Promise<FirstLoad> {
  const fcps: number[] = [];
  const lcps: number[] = [];
  const clss: number[] = [];
  const js: number[] = [];
  const precacheJs: number[] = [];
  const css: number[] = [];
  const idle: number[] = [];
  let files: ServedResponse[] = [];
  for (let i = 0; i < loads + 1; i++) {
    takeServed();
    const started = Date.now();
    const page = await openPage(browser, url);
    await page.waitForLoadState("load");
    const fetched: ServedResponse[] = [];
    let lastArrival = Date.now();
    while (Date.now() - lastArrival < quietMs && Date.now() - started < 30_000) {
      await page.waitForTimeout(100);
      const more = takeServed();
      if (more.length > 0) {
        fetched.push(...more);
        lastArrival = Date.now();
      }
    }
    const { fcp, lcp, cls } = await page.evaluate(paintTimings);
    await page.context().close();
    if (i === 0) continue; // warm-up: the first launch of a page in this browser
    if (fcp !== null) fcps.push(fcp);
    if (lcp !== null) lcps.push(lcp);
    clss.push(cls);
    // A fetch() (Sec-Fetch-Dest: empty) of the build's files is Workbox precaching for offline
    // use; the page itself loads scripts, workers and styles, never with fetch().
    const byWorker = (f: ServedResponse) => f.dest === "empty";
    const sum = (test: (file: string) => boolean, worker = false) =>
      fetched
        .filter((f) => test(f.served) && byWorker(f) === worker)
        .reduce((total, f) => total + f.bytes, 0);
    js.push(sum(isJs));
    precacheJs.push(sum(isJs, true));
    css.push(sum(isCss));
    idle.push(lastArrival - started);
    files = fetched;
  }
  return {
    loads,
    fcpMs: median(fcps),
    lcpMs: median(lcps),
    clsMax: Math.max(...clss),
    jsWireBytes: median(js),
    precacheJsWireBytes: median(precacheJs),
    cssWireBytes: median(css),
    idleMs: median(idle),
    files,
  };
}
