/**
 * The production build in Chromium (Debian's, or Playwright's own: scripts/chromium.mjs),
 * with api.github.com aborted so the page uses its embedded release snapshot:
 *
 * - preview latency: edits of four kinds, each dispatched from inside the page; the time
 *   from just before the event is dispatched to the preview's text (`#preview-panel
 *   .file-text`) differing from what it was (React has committed the new render: with
 *   discrete events that is synchronous, so this covers the form update, renderNode —
 *   Butane + compile to Ignition, both computed in the same render — highlighting and the
 *   DOM update), and then to the next frame: the following requestAnimationFrame callback
 *   plus a posted task, which runs after that frame's style, layout and paint. The
 *   figures are "to next frame". Half the edits run with the config.bu tab shown, half
 *   with the Ignition tab, so both texts are read back. Before the edits the bench clicks
 *   the Hostname field, as a person starts, and waits for the renderer to load onto the
 *   main thread: the first load renders in a worker, edits after that on the page
 *   (src/features/wizard/use-rendered-node.ts).
 * - first load: a fresh browser context (empty cache) per load, first-contentful-paint and
 *   the last largest-contentful-paint candidate, from the page's performance entries.
 *   Localhost, no network or CPU throttling.
 */
import { chromium, type Browser, type ElementHandle, type Page } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "./chromium.mjs";
import { median, percentile } from "./bench-core.ts";

export type EditKind = "hostname" | "version" | "role" | "updates";
export const editKinds: EditKind[] = ["hostname", "version", "role", "updates"];
const tabs = ["config.bu", "Ignition (config.ign)"] as const;

export interface PreviewLatency {
  edits: number;
  previewP50Ms: number;
  previewP95Ms: number;
  commitP50Ms: number;
  commitP95Ms: number;
  byKind: { kind: string; tab: string; edits: number; p50Ms: number; p95Ms: number }[];
}

export interface FirstLoad {
  loads: number;
  fcpMs: number;
  lcpMs: number;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumExecutable();
  if (executablePath === null) throw new Error("no Chromium: see scripts/chromium.mjs");
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true });
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route("https://api.github.com/**", (route) => route.abort());
  // tsx (esbuild's keepNames) wraps functions in __name(): define it for page.evaluate's copies.
  await context.addInitScript("globalThis.__name = (f) => f;");
  const page = await context.newPage();
  await page.goto(url);
  await page.locator("#preview-panel .file-text").waitFor();
  return page;
}

interface EditTiming {
  commitMs: number;
  frameMs: number;
}

/** Runs in the page: dispatches one edit and times it; see the file's comment. */
function timeEdit({
  kind,
  element,
  value,
}: {
  kind: EditKind;
  element: HTMLInputElement | HTMLSelectElement;
  value: string;
}): Promise<EditTiming> {
  const text = () => document.querySelector("#preview-panel .file-text")?.textContent ?? "";
  const panel = document.querySelector("#preview-panel");
  if (!panel) return Promise.reject(new Error("no #preview-panel"));
  const before = text();
  return new Promise((resolve, reject) => {
    let start = 0;
    const timeout = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${kind} → ${value}: the preview did not change within 5 s`));
    }, 5000);
    const observer = new MutationObserver(() => {
      if (text() === before) return;
      const committed = performance.now();
      observer.disconnect();
      clearTimeout(timeout);
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () =>
          resolve({ commitMs: committed - start, frameMs: performance.now() - start });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(panel, { subtree: true, childList: true, characterData: true });
    start = performance.now();
    if (kind === "hostname") {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
      setter?.call(element, value);
      element.dispatchEvent(new Event("input", { bubbles: true }));
    } else if (kind === "version") {
      const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")?.set;
      setter?.call(element, value);
      element.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      element.click(); // a radio: click checks it and fires input/change, as a person's click does
    }
  });
}

/** The next edit of each kind: what to dispatch it on, and the value. */
async function editPlan(page: Page) {
  const hostname = await page.getByLabel("Hostname", { exact: true }).elementHandle();
  const select = await page.locator("#field-kubernetesVersion").elementHandle();
  const versions = await select.evaluate((s) =>
    Array.from((s as HTMLSelectElement).options, (o) => o.value),
  );
  const radios = async (group: string) =>
    Promise.all(
      (await page.getByRole("group", { name: group, exact: true }).getByRole("radio").all()).map(
        (r) => r.elementHandle(),
      ),
    );
  // Role: Control plane / Worker; Updates: Patch… / Off.
  const role = (await radios("Role")).slice(0, 2) as ElementHandle<HTMLInputElement>[];
  const updates = (await radios("Updates")).slice(0, 2) as ElementHandle<HTMLInputElement>[];
  const typed = "workernodeabcdefghijk"; // letters only: every prefix is a valid host name
  let typedLength = 0;
  let versionIndex = versions.indexOf(await select.evaluate((s) => (s as HTMLSelectElement).value));
  return async (kind: EditKind) => {
    if (kind === "hostname") {
      typedLength = (typedLength % typed.length) + 1;
      return { element: hostname, value: typed.slice(0, typedLength) };
    }
    if (kind === "version") {
      versionIndex = (versionIndex + 1) % versions.length;
      return { element: select, value: versions[versionIndex] ?? "" };
    }
    const [first, second] = kind === "role" ? role : updates;
    if (!first || !second) throw new Error(`the ${kind} group has no two radios`);
    const firstChecked = await first.evaluate((e) => e.checked);
    return { element: firstChecked ? second : first, value: firstChecked ? "second" : "first" };
  };
}

/** `rounds` edits of each kind on each tab: 8 × rounds edits in all. */
export async function benchPreview(
  browser: Browser,
  url: string,
  rounds = 30,
): Promise<PreviewLatency> {
  // One node with kubeadm written into its Butane: with the zero-touch cluster bootstrap
  // (the default since 985b137) the node's Butane is the same for both roles.
  const page = await openPage(browser, `${url}?bootstrap=manual`);
  // The highlighter is lazy: measure with it loaded, as a person sees the page after a moment.
  await page.locator("#preview-panel .file-text span").first().waitFor();
  await page.waitForTimeout(1000); // let the aborted catalogue requests settle
  const rendererLoaded = page.waitForResponse(/\/render-node-[\w-]+\.js$/);
  await page.getByLabel("Hostname", { exact: true }).click();
  await rendererLoaded;
  const next = await editPlan(page);
  const all: EditTiming[] = [];
  const byKind: PreviewLatency["byKind"] = [];
  for (const tab of tabs) {
    await page.getByRole("tab", { name: tab, exact: true }).click();
    const perKind = new Map<EditKind, number[]>(editKinds.map((k) => [k, []]));
    for (let round = 0; round < rounds + 1; round++) {
      for (const kind of editKinds) {
        const { element, value } = await next(kind);
        const timing = await page.evaluate(timeEdit, { kind, element, value } as never);
        if (round === 0) continue; // warm-up
        all.push(timing);
        perKind.get(kind)?.push(timing.frameMs);
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
  await page.context().close();
  const frames = all.map((t) => t.frameMs);
  const commits = all.map((t) => t.commitMs);
  return {
    edits: all.length,
    previewP50Ms: median(frames),
    previewP95Ms: percentile(frames, 95),
    commitP50Ms: median(commits),
    commitP95Ms: percentile(commits, 95),
    byKind,
  };
}

/** Runs in the page: FCP, and the last LCP candidate so far. */
function paintTimings(): Promise<{ fcp: number | null; lcp: number | null }> {
  return new Promise((resolve) => {
    const fcp =
      performance.getEntriesByName("first-contentful-paint", "paint")[0]?.startTime ?? null;
    let lcp: number | null = null;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) lcp = entry.startTime;
    });
    observer.observe({ type: "largest-contentful-paint", buffered: true });
    setTimeout(() => {
      for (const entry of observer.takeRecords()) lcp = entry.startTime;
      observer.disconnect();
      resolve({ fcp, lcp });
    }, 100);
  });
}

export async function benchFirstLoad(browser: Browser, url: string, loads = 7): Promise<FirstLoad> {
  const fcps: number[] = [];
  const lcps: number[] = [];
  for (let i = 0; i < loads + 1; i++) {
    const page = await openPage(browser, url);
    await page.waitForTimeout(500); // the highlighted text may become the largest paint
    const { fcp, lcp } = await page.evaluate(paintTimings);
    await page.context().close();
    if (i === 0) continue; // warm-up: the first launch of a page in this browser
    if (fcp !== null) fcps.push(fcp);
    if (lcp !== null) lcps.push(lcp);
  }
  return { loads, fcpMs: median(fcps), lcpMs: median(lcps) };
}
