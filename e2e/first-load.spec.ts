import { fileURLToPath } from "node:url";
import path from "node:path";
import { expect, test } from "./offline-test";
import { firstLoadAssets } from "../scripts/check-bundle-size.mjs";

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist");

// The bundle budget (npm test's "bundle size budget" step) counts a model of the first load:
// this checks the model against the JavaScript a browser really fetches until idle.
// The service worker's precache (vite.config.ts, offlineApp) is fetched in the background
// after load and is not the page's first load: e2e/offline.spec.ts covers it.
test.use({ serviceWorkers: "block" });

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
  // Idle: nothing requested for 2 s (the CA is made within 1.5 s of an idle main thread).
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
