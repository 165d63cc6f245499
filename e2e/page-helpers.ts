import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const reference = path.resolve(import.meta.dirname, "../../shared/reference");

/** The bakery's published texts: [pinned conf, generic conf, noop]. */
export const publishedSysupdateTexts = readFileSync(
  path.join(reference, "bakery-sysupdate-files.txt"),
  "utf8",
)
  .split("----8<----\n")
  .filter((_, index) => index % 2 === 1);

export const preview = (page: Page) => page.locator("#preview-panel .file-text");
export const group = (page: Page, name: string) => page.getByRole("group", { name, exact: true });
export const tab = (page: Page, name: string) => page.getByRole("tab", { name, exact: true });
export const ignitionTab = (page: Page) => tab(page, "Ignition (config.ign)");

/** Clicks a button that starts a download and returns the downloaded file's path. */
export async function download(
  page: Page,
  button: string,
): Promise<{ name: string; file: string }> {
  const [started] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  return { name: started.suggestedFilename(), file: await started.path() };
}

/** The readiness summary beside the node's actions, and beside Download cluster. */
export const nodeReadiness = (page: Page) => page.getByTestId("readiness-node");
export const clusterReadiness = (page: Page) => page.getByTestId("readiness-cluster");

/**
 * Opens a share link and waits for its own page. Until it renders, the prerendered default
 * page is hidden (index.html): clicks and fills wait for it by themselves, focus() does not.
 */
export async function gotoLink(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator("html")).not.toHaveAttribute("data-opening-link");
}

/** Waits until the node's files are ready (zero-touch: once the cluster's CA is made). */
export async function waitUntilReady(page: Page): Promise<void> {
  // An RSA key is made in the browser first: give a busy machine time.
  await expect(nodeReadiness(page).locator(".readiness-headline")).toContainText("Ready to boot", {
    timeout: 20_000,
  });
}

/** The text that stands for a masked secret in the preview. */
export const maskedToken = "token: " + "•".repeat(23);

/** Shows the secrets the preview masks (Copy and Download always give them). */
export async function revealSecrets(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Show secrets" }).click();
  await expect(page.getByRole("button", { name: "Mask secrets" })).toBeVisible();
}

/** Opens a collapsed group of choices (its summary names it), as a person clicks it open. */
export async function openGroup(page: Page, title: string): Promise<void> {
  const details = page.locator("details.form-group").filter({
    has: page.locator("summary .form-group-title", { hasText: title }),
  });
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open)))
    await details.locator(":scope > summary").click();
  await expect(details).toHaveAttribute("open", "");
}

/** Chooses what the page makes: "One node", "A new cluster", "A worker for an existing cluster". */
export async function chooseMode(page: Page, label: string): Promise<void> {
  await group(page, "What are you making?").getByLabel(label).check();
}

/** A new cluster of three control planes behind kube-vip's 10.0.0.100:6443, on ens3, as a person chooses it. */
export async function chooseThreeControlPlanes(page: Page): Promise<void> {
  await page.goto("./");
  await chooseMode(page, "A new cluster");
  await page.getByLabel("Control plane endpoint").fill("10.0.0.100:6443");
  await group(page, "Control planes").getByLabel("3 (one may fail)").check();
  await page.getByLabel("Virtual IP interface").fill("ens3");
}

/**
 * Axe finds nothing: no violation, and nothing it could not decide ("needs review"). With
 * `within`, only that part of the page is checked, and it must have been checked at all.
 */
export async function expectAxeClean(page: Page, state: string, within?: string) {
  const builder = new AxeBuilder({ page });
  const results = await (within ? builder.include(within) : builder).analyze();
  if (within) expect(results.passes.length, `axe checked ${within}, ${state}`).toBeGreaterThan(0);
  const describe = (items: typeof results.violations) =>
    items.map((item) => `${item.id}: ${item.nodes.map((node) => node.target).join(" ")}`);
  expect(describe(results.violations), `violations, ${state}`).toEqual([]);
  expect(describe(results.incomplete), `needs review, ${state}`).toEqual([]);
}
