import type { Page } from "@playwright/test";
import { expect, test } from "./offline-test";
import { group, preview, waitUntilReady } from "./page-helpers";

/** The built index.html holds the default page, prerendered (scripts/prerender): issue 28. */

const recommendedVersion = async (page: Page) =>
  page.locator("#field-kubernetesVersion").inputValue();

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the page shows the form with its default choices and the preview's config.bu", async ({
    page,
  }) => {
    await page.goto("./");
    await expect(group(page, "What are you making?").getByLabel("One node")).toBeChecked();
    await expect(group(page, "Role").getByLabel("Control plane")).toBeChecked();
    const version = await recommendedVersion(page);
    expect(version).toMatch(/^v1\.\d+\.\d+$/);
    await expect(page.getByLabel("Hostname")).toHaveValue("");
    await expect(page.getByRole("tab", { name: "config.bu" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    await expect(preview(page)).toContainText("variant: flatcar");
    await expect(preview(page)).toContainText(`kubernetes-${version}`);
    // Before the cluster's secrets exist: the note the live page shows then, never a secret.
    await expect(page.locator(".secret-note")).toBeVisible();
    await expect(preview(page)).not.toContainText("BEGIN PRIVATE KEY");
    await expect(page.getByText("Preparing the preview…")).toHaveCount(0);
  });
});

test("after hydration every control works, with no hydration error", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto("./");
  // The status line arrives once the page has hydrated.
  await expect(page.locator(".catalogue-status")).toBeVisible();
  const version = await recommendedVersion(page);
  await expect(preview(page)).toContainText(`kubernetes-${version}`);
  await group(page, "Architecture").getByLabel("ARM64").check();
  await expect(preview(page)).toContainText("arm64");
  await page.getByLabel("Hostname").fill("prerendered-1");
  await expect(preview(page)).toContainText("prerendered-1");
  await waitUntilReady(page);
  expect(problems.filter((text) => /hydrat|did not match|#418|#423|#425/i.test(text))).toEqual([]);
});

/** Holds the page's own script back until the returned function is called. */
async function holdPageScript(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test("what is typed and chosen before the page's script runs stays, and the files follow it", async ({
  page,
}) => {
  const release = await holdPageScript(page);
  void page.goto("./").catch(() => undefined);
  await page.getByLabel("Hostname").fill("typed-before-script");
  await group(page, "Reboot coordination").getByLabel("locksmithd").check();
  await page.locator("#field-kubernetesVersion").selectOption("v1.35.6");
  release();
  // The status line arrives once the page has hydrated.
  await expect(page.locator(".catalogue-status")).toBeVisible();
  await expect(page.getByLabel("Hostname")).toHaveValue("typed-before-script");
  await expect(group(page, "Reboot coordination").getByLabel("locksmithd")).toBeChecked();
  await expect(page.locator("#field-kubernetesVersion")).toHaveValue("v1.35.6");
  await expect(preview(page)).toContainText("inline: typed-before-script");
  await expect(preview(page)).toContainText("kubernetes-v1.35.6");
  await expect(preview(page)).not.toContainText("locksmithd.service");
  await expect(page).toHaveURL(/hostname=typed-before-script/);
});

test("a link's page shows its own choices only: the default page is never shown or typed into meanwhile", async ({
  page,
}) => {
  const release = await holdPageScript(page);
  void page.goto("./?arch=arm64&hostname=from-the-link").catch(() => undefined);
  await expect(
    page.getByRole("status").filter({ hasText: "Opening the choices in your link" }),
  ).toBeVisible();
  await expect(page.getByLabel("Hostname")).toBeHidden();
  await expect(preview(page)).toBeHidden();
  release();
  await expect(page.getByLabel("Hostname")).toHaveValue("from-the-link");
  await expect(group(page, "Architecture").getByLabel("ARM64")).toBeChecked();
  await expect(preview(page)).toContainText("arm64");
  await expect(preview(page)).not.toContainText("x86-64");
  await expect(page.getByText("Opening the choices in your link")).toBeHidden();
});

test("loading and hydrating the default page shifts nothing (CLS ≤ 0.01)", async ({
  page,
  context,
}) => {
  await page.addInitScript(() => {
    const shifts = ((window as unknown as { shifts: number[] }).shifts = [] as number[]);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[])
        if (!entry.hadRecentInput) shifts.push(entry.value);
    }).observe({ type: "layout-shift", buffered: true });
  });
  // The cluster's CA arrives within 1.5 s and changes the preview and readiness: held back
  // here, so the window is loading and hydrating, the same on a fast or a loaded machine.
  let releaseCa = () => {};
  const caHeld = new Promise<void>((resolve) => (releaseCa = resolve));
  await context.route("**/secrets-worker-*.js", async (route) => {
    await caHeld;
    await route.continue();
  });
  const cls = () =>
    page.evaluate(() =>
      (window as unknown as { shifts: number[] }).shifts.reduce((sum, value) => sum + value, 0),
    );
  await page.goto("./");
  await expect(page.locator(".catalogue-status")).toBeVisible();
  // The worker's first preview and the highlighter arrive after hydration.
  await expect(preview(page).locator(".line span").first()).toBeVisible();
  await page.waitForTimeout(1000);
  const hydrating = await cls();
  releaseCa();
  await waitUntilReady(page);
  console.log(
    `CLS: ${hydrating.toFixed(4)} loading and hydrating, ${(await cls()).toFixed(4)} with the CA's arrival`,
  );
  expect(hydrating).toBeLessThanOrEqual(0.01);
});
