import { fileURLToPath } from "node:url";
import path from "node:path";
import { expect, test } from "./offline-test";
import { nodeReadiness, preview, waitUntilReady } from "./page-helpers";
import { firstLoadAssets } from "../scripts/check-bundle-size.mjs";

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist");

// The bundle budget (npm test's "bundle size budget" step) counts a model of the first load:
// this checks the model against the JavaScript a browser really fetches until idle.
// The service worker's precache (vite.config.ts, offlineApp) is fetched in the background
// after load and is not the page's first load: e2e/offline.spec.ts covers it.
// Nobody acts on the page: the CA and its worker wait for a person (src/ui/first-presence.ts).
test.use({ serviceWorkers: "block", personPresent: false });

test("the default page fetches, until idle, exactly the scripts the bundle budget counts", async ({
  page,
  context,
}) => {
  const fetched = new Set<string>();
  const record = (url: string) => {
    const { pathname } = new URL(url);
    if (/\.m?js$/.test(pathname)) fetched.add(pathname.replace(/^\//, ""));
  };
  // Workers' own requests reach the context, not the page.
  context.on("request", (request) => record(request.url()));
  page.on("worker", (worker) => record(worker.url()));
  await page.goto("/");
  await page.waitForLoadState("load");
  // Idle: nothing requested for 2 s.
  let count = -1;
  while (count !== fetched.size) {
    count = fetched.size;
    await page.waitForTimeout(2000);
  }
  const counted = firstLoadAssets(distDir)
    .filter((asset) => asset.kind === "js")
    .map((asset) => asset.file);
  expect([...fetched].sort()).toEqual([...counted].sort());
});

test("the CA is made once someone is at the page; until then the page never says Ready to boot", async ({
  page,
}) => {
  const workers: string[] = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  await page.goto("/");
  await expect(page.locator(".catalogue-status")).toBeVisible(); // hydrated
  await page.waitForTimeout(2500);
  expect(workers).toEqual([]);
  await expect(nodeReadiness(page)).toContainText("not made yet");
  await expect(nodeReadiness(page)).not.toContainText("Ready to boot");
  await expect(preview(page)).not.toContainText("kubeadm init --config");
  await page.mouse.move(200, 200);
  await page.mouse.move(220, 240);
  await waitUntilReady(page);
  expect(workers.some((url) => url.includes("secrets-worker"))).toBe(true);
  await expect(preview(page)).toContainText("ExecStart=/usr/bin/kubeadm init --config");
});
