import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { expect, test } from "./offline-test";
import {
  clusterReadiness,
  download,
  nodeReadiness,
  openGroup,
  preview,
  waitUntilReady,
} from "./page-helpers";

/** The second step before files that are not ready leave the page. */
const confirmDialog = (page: Page) => page.getByRole("dialog");

/** Clicks a download button, goes through the second step, and reads the zip it saves. */
async function downloadAnyway(page: Page, button: string, proceed: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(confirmDialog(page)).toBeVisible();
  const [started] = await Promise.all([
    page.waitForEvent("download"),
    confirmDialog(page).getByRole("button", { name: proceed }).click(),
  ]);
  const zip = unzipSync(new Uint8Array(readFileSync(await started.path())));
  return (name: string) => strFromU8(zip[name] as Uint8Array);
}

/** Clicks a download button and cancels the second step: nothing is saved. */
async function expectNoDownloadWithoutSecondStep(page: Page, button: string, problem: string) {
  let downloads = 0;
  page.on("download", () => downloads++);
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(confirmDialog(page)).toBeVisible();
  await expect(confirmDialog(page)).toContainText("Not ready to boot");
  await expect(confirmDialog(page)).toContainText(problem);
  await confirmDialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(confirmDialog(page)).toBeHidden();
  await page.waitForTimeout(300);
  expect(downloads).toBe(0);
}

test("a zero-touch cluster without an endpoint: the cluster is not ready, and its zip says why", async ({
  page,
}) => {
  await page.goto("./?workers=3");
  const problem = "Control plane endpoint is not set: the workers cannot join";
  await expect(clusterReadiness(page)).toContainText("1 thing to fix");
  await expect(clusterReadiness(page)).toContainText(problem);
  await expect(preview(page)).toContainText("path: /etc/kubernetes/pki/ca.key", {
    timeout: 20_000,
  });
  await expectNoDownloadWithoutSecondStep(page, "Download cluster (.zip)", problem);
  const text = await downloadAnyway(
    page,
    "Download cluster (.zip)",
    "Download cluster (.zip) anyway",
  );
  expect(text("README.md")).toMatch(/^# Kubernetes cluster.*\n\n## NOT READY TO BOOT\n/);
  expect(text("README.md")).toContain(`- ${problem}`);
  await expect(page.getByText("Saved 4 nodes that are not ready to boot")).toBeVisible();
});

test("a manual worker without a join token: not ready, no silent download, the README says so", async ({
  page,
}) => {
  await page.goto(
    `./?bootstrap=manual&role=worker&endpoint=10.0.0.10:6443&ca-hash=sha256:${"ab".repeat(32)}`,
  );
  const problem = "Join token is not set: the worker has no kubeadm join until it is.";
  await expect(nodeReadiness(page)).toContainText("1 thing to fix");
  await expect(nodeReadiness(page)).toContainText(problem);
  await expect(page.getByText("Compiles to Ignition with no warnings")).toBeVisible();
  await expectNoDownloadWithoutSecondStep(page, "Download all (.zip)", problem);
  const text = await downloadAnyway(page, "Download all (.zip)", "Download all (.zip) anyway");
  expect(text("README.md")).toContain("## NOT READY TO BOOT");
  expect(text("README.md")).toContain(`- ${problem}`);
  expect(text("README.md")).toContain("This config has no `kubeadm join`");
  expect(text("README.md")).not.toContain("`kubeadm join` runs once");

  // Copying the Butane asks too; with the token it is ready and goes at once.
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(confirmDialog(page)).toContainText(problem);
  await confirmDialog(page).getByRole("button", { name: "Cancel" }).click();
  await page.getByLabel("Join token").fill("abcdef.0123456789abcdef");
  await page.getByLabel("Join token").blur();
  await expect(nodeReadiness(page)).toContainText("Ready to boot");
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(confirmDialog(page)).toBeHidden();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
    "token: abcdef.0123456789abcdef",
  );
});

test("extra Butane that is not YAML is an error, not a note, and blocks the download", async ({
  page,
}) => {
  await page.goto("./?endpoint=10.0.0.10:6443");
  await waitUntilReady(page);
  await openGroup(page, "Advanced");
  await page.getByLabel("Extra Butane").fill("storage:\n  files: [\n");
  await page.getByLabel("Extra Butane").blur();
  const item = nodeReadiness(page).locator(".readiness-blocking");
  await expect(item).toContainText("Extra Butane, line 3: not valid YAML, so none of it is used");
  await expect(nodeReadiness(page)).toHaveClass(/readiness-blocked/);
  await expect(page.getByText("Compiles to Ignition with no warnings")).toHaveCount(0);
  await expect(
    page.getByText("Compiles to Ignition, but without your extra Butane, which has errors"),
  ).toBeVisible();
  await expectNoDownloadWithoutSecondStep(page, "Download all (.zip)", "not valid YAML");
});

test("a value that is not valid blocks the files until fixed; the text stays", async ({ page }) => {
  await page.goto("./?endpoint=10.0.0.10:6443&reboot=locksmithd");
  await waitUntilReady(page);
  await page.getByLabel("Reboot window start").fill("Thursday 04:00");
  await page.getByLabel("Reboot window length").fill("1h");
  await page.getByLabel("Reboot window length").blur();
  await expect(nodeReadiness(page)).toContainText("1 thing to fix");
  await expect(nodeReadiness(page)).toContainText(
    "Reboot window start: a time like 04:00 or a short day and time like Thu 04:00",
  );
  await expectNoDownloadWithoutSecondStep(page, "Download Ignition", "Reboot window start");
  await expect(page.getByLabel("Reboot window start")).toHaveValue("Thursday 04:00");
});

test("from a readiness item to its field by keyboard alone", async ({ page }) => {
  await page.goto("./?bootstrap=manual&role=worker");
  const item = nodeReadiness(page).getByRole("link", { name: /Join token is not set/ });
  await item.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Join token")).toBeFocused();
  await page.keyboard.type("abcdef.0123456789abcdef");
  await nodeReadiness(page)
    .getByRole("link", { name: /Control plane endpoint is not set/ })
    .focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Control plane endpoint")).toBeFocused();
});

test("a zero-touch worker link opened without the cluster's secrets asks which cluster, and makes no CA by itself", async ({
  page,
}) => {
  const secretsWorkers: string[] = [];
  page.on("worker", (worker) => {
    if (worker.url().includes("secrets-worker")) secretsWorkers.push(worker.url());
  });
  await page.goto("./?mode=node&role=worker&endpoint=10.0.0.10:6443&hostname=worker-7");
  const choice = page.locator("#cluster-secrets-choice");
  await expect(choice).toContainText("Which cluster does this worker join?");
  await expect(nodeReadiness(page)).toContainText("load the cluster's cluster-secrets.json");
  await page.waitForTimeout(2000);
  expect(secretsWorkers).toEqual([]);
  await expect(preview(page)).not.toContainText("kubeadm");
  // The readiness item leads to the choice.
  await nodeReadiness(page)
    .getByRole("link", { name: /needs its cluster's secrets/ })
    .click();
  await expect(choice.getByRole("button", { name: "Load cluster-secrets.json" })).toBeFocused();
  await choice.getByRole("button", { name: "Start a new cluster here" }).click();
  await expect(preview(page)).toContainText("kubeadm join --config /etc/kubeadm.yml");
  await expect(choice).toHaveCount(0);
});

test("leaving the page after files took the secrets, before the secrets were saved, asks first", async ({
  page,
}) => {
  await page.goto("./?endpoint=10.0.0.10:6443");
  await waitUntilReady(page);
  // Nothing handed out yet: a reload goes through without asking.
  await page.reload();
  await waitUntilReady(page);
  await download(page, "Download Ignition");
  const asked: string[] = [];
  page.on("dialog", async (dialog) => {
    asked.push(dialog.type());
    await dialog.dismiss();
  });
  // Dismissed, the reload never happens: give up waiting for it.
  await page.reload({ timeout: 3000 }).catch(() => undefined);
  await expect.poll(() => asked).toEqual(["beforeunload"]);
  // Saving the secrets file lifts the question.
  await download(page, "Download cluster secrets");
  asked.length = 0;
  await page.reload();
  expect(asked).toEqual([]);
});

test("Regenerate after files took the secrets asks first, and Cancel keeps them", async ({
  page,
}) => {
  await page.goto("./?endpoint=10.0.0.10:6443");
  await waitUntilReady(page);
  await download(page, "Download all (.zip)");
  const before = await preview(page).textContent();
  await page.getByRole("button", { name: "Regenerate secrets" }).click();
  await expect(confirmDialog(page)).toContainText("Replace the cluster's secrets?");
  await expect(confirmDialog(page)).toContainText("The current secrets were never saved");
  await confirmDialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Kept the current secrets.")).toBeVisible();
  expect(await preview(page).textContent()).toBe(before);
});
