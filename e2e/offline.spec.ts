import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./offline-test";
import { chooseMode, download, preview, waitUntilReady } from "./page-helpers";

const subPathPort = Number(process.env.PW_PORT ?? 4173) + 1;

/** The site at the root, and under a sub-path as on GitHub Pages: the worker's scope is the page's folder. */
const sites = [
  { where: "at the root", url: "./" },
  { where: "under /flatcar/wizard/", url: `http://127.0.0.1:${subPathPort}/flatcar/wizard/` },
];

/** Opens the page and waits until its service worker has precached the site and controls it. */
async function openUntilControlled(page: Page, url: string): Promise<string> {
  await page.goto(url);
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }),
      );
    }
    return registration.scope;
  });
}

/** No network from here on: the browser is offline and any request that reaches the server fails. */
async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await context.route("http://127.0.0.1:*/**", (route) => route.abort("internetdisconnected"));
}

for (const site of sites) {
  test(`once opened ${site.where}, the page works offline: reload, another mode, a node's zip`, async ({
    page,
    context,
  }) => {
    const scope = await openUntilControlled(page, site.url);
    expect(scope).toBe(new URL(site.url, page.url()).href);
    await goOffline(context);

    await page.reload();
    await expect(page.getByRole("heading", { name: "Flatcar Kubernetes Wizard" })).toBeVisible();
    // The embedded catalogue, and how old it is.
    await expect(page.getByRole("banner").getByRole("status")).toContainText(
      /offline snapshot from 2026-07-16 \(\d+ (months?|years?) old\)/,
    );
    await expect(preview(page)).toContainText(
      "ExecStart=/usr/bin/kubeadm init --config /etc/kubeadm.yml",
    );

    // The node's zip: its lazily loaded bundle code and the secrets worker come from the cache.
    await waitUntilReady(page);
    const saved = await download(page, "Download all (.zip)");
    expect(saved.name).toBe("flatcar-control-plane-v1.36.2.zip");
    const files = Object.keys(unzipSync(new Uint8Array(readFileSync(saved.file)))).sort();
    expect(files).toEqual([
      "README.md",
      "config.bu",
      "config.ign",
      "kubernetes-v1.36.conf",
      "noop.conf",
    ]);

    // Another mode, loaded when chosen: a lazily loaded chunk, also from the cache.
    await chooseMode(page, "Upgrade a cluster");
    await expect(page).toHaveURL(/[?&]mode=upgrade(&|$)/);
    await expect(page.getByLabel("Upgrade to")).toBeVisible();
  });
}
