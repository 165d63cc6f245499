import { readFileSync } from "node:fs";
import { expect, test } from "./offline-test";
import { ignitionTab, openGroup, preview, tab, waitUntilReady } from "./page-helpers";

test("secrets are masked in the preview until revealed; Copy and Download give the real file", async ({
  page,
}) => {
  await page.goto("./?endpoint=10.0.0.10:6443");
  await waitUntilReady(page);
  await expect(preview(page)).toContainText("-----BEGIN PRIVATE KEY-----");
  await expect(preview(page)).toContainText("token: " + "•".repeat(23));
  const [started] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download", exact: true }).click(),
  ]);
  const butane = readFileSync(await started.path(), "utf8");
  const token = /token: ([a-z0-9]{6}\.[a-z0-9]{16})/.exec(butane)?.[1] ?? "";
  expect(token).not.toBe("");
  await expect(preview(page)).not.toContainText(token);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(butane);
  // The Ignition's 0600 files are masked too.
  await ignitionTab(page).click();
  await expect(preview(page)).toContainText("•••••");
  await page.getByRole("button", { name: "Show secrets" }).click();
  await tab(page, "config.bu").click();
  await expect(preview(page)).toContainText(`token: ${token}`);
  await page.getByRole("button", { name: "Mask secrets" }).click();
  await expect(preview(page)).not.toContainText(token);
});

test("a Butane message's line link shows that line of config.bu", async ({ page }) => {
  await page.goto("./?bootstrap=manual");
  await openGroup(page, "Advanced");
  await page.getByLabel("Extra Butane").fill("storage:\n  files:\n    - path: etc/motd\n");
  await ignitionTab(page).click();
  const link = page.getByRole("button", { name: /^Show line \d+$/ });
  const line = Number((await link.textContent())?.replace("Show line ", ""));
  await link.click();
  await expect(tab(page, "config.bu")).toHaveAttribute("aria-selected", "true");
  const target = preview(page)
    .locator(".line")
    .nth(line - 1);
  await expect(target).toHaveClass(/line-target/);
  await expect(target).toContainText("path: etc/motd");
  await expect(target).toBeInViewport();
});

test("a skip link leads from the top of the page to the preview", async ({ page }) => {
  await page.goto("./");
  // The link is in the static header; its target arrives with the app.
  await expect(page.getByRole("region", { name: "Preview" })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the preview" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#preview$/);
  await expect(page.getByRole("region", { name: "Preview" })).toBeFocused();
  await expect(page.locator("#preview-panel")).toBeInViewport();
});
