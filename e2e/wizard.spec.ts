import { readFileSync } from "node:fs";
import { expect, test } from "./offline-test";
import {
  group,
  maskedToken,
  preview,
  publishedSysupdateTexts as published,
  revealSecrets,
  tab,
  waitUntilReady,
} from "./page-helpers";

test("every choice has a visible label and the preview starts from the newest version", async ({
  page,
}) => {
  await page.goto("./");
  await expect(page.getByRole("heading", { name: "Flatcar Kubernetes Wizard" })).toBeVisible();
  for (const name of ["Role", "Architecture", "Updates", "Reboot coordination"]) {
    await expect(group(page, name)).toBeVisible();
  }
  await expect(page.getByLabel("Kubernetes version")).toHaveValue("v1.36.2");
  await expect(page.getByLabel("Hostname")).toBeVisible();
  await expect(page.getByText("offline snapshot from 2026-07-16")).toBeVisible();
  await expect(preview(page)).toContainText(
    "/opt/extensions/kubernetes/kubernetes-v1.36.2-x86-64.raw",
  );
  await expect(preview(page)).toContainText(
    "ExecStart=/usr/bin/kubeadm init --config /etc/kubeadm.yml",
  );
  // Examples live in the help text: an empty field never looks filled in.
  await group(page, "Role").getByLabel("Worker").check();
  await group(page, "Cluster bootstrap").getByLabel("Manual: as in the Flatcar how-to").check();
  await expect(page.getByLabel("Join token")).toBeVisible();
  await expect(page.locator("[placeholder]")).toHaveCount(0);
  await expect(page.locator("#field-joinToken-help")).toContainText("6 and 16 lower-case letters");
});

test("the preview follows every click and keystroke", async ({ page }) => {
  await page.goto("./?bootstrap=manual");
  const versions = page.getByLabel("Kubernetes version");
  await expect(versions.locator("optgroup").first()).toHaveAttribute("label", /^1\.36 — /);
  await versions.selectOption("v1.32.2");
  await group(page, "Architecture").getByLabel("arm64").check();
  await expect(preview(page)).toContainText(
    "source: https://extensions.flatcar.org/extensions/kubernetes-v1.32.2-arm64.raw",
  );
  await expect(tab(page, "kubernetes-v1.32.conf")).toBeVisible();

  await page.getByLabel("Hostname").pressSequentially("node-7");
  await expect(preview(page)).toContainText("inline: node-7");

  await group(page, "Role").getByLabel("Worker").check();
  await expect(preview(page)).not.toContainText("kubeadm");
  await expect(
    page.getByText("Join token is not set: the worker has no kubeadm join until it is."),
  ).toBeVisible();
  await page.getByLabel("Control plane endpoint").fill("10.0.0.10:6443");
  await page.getByLabel("Join token").fill("abcdef.0123456789abcdef");
  await page.getByLabel("CA cert hash").fill(`sha256:${"ab".repeat(32)}`);
  await expect(preview(page)).toContainText(
    "ExecStart=/usr/bin/kubeadm join --config /etc/kubeadm.yml",
  );
  await expect(preview(page)).toContainText(maskedToken);
  await revealSecrets(page);
  await expect(preview(page)).toContainText("token: abcdef.0123456789abcdef");
  await expect(preview(page)).toContainText(`- sha256:${"ab".repeat(32)}`);

  await group(page, "Updates").getByLabel("Off").check();
  await expect(tab(page, "kubernetes-v1.32.conf")).toHaveCount(0);
  await expect(preview(page)).not.toContainText("systemd-sysupdate");

  await group(page, "Reboot coordination").getByLabel("locksmithd").check();
  await expect(preview(page)).toContainText("REBOOT_STRATEGY=reboot");
  await expect(preview(page)).not.toContainText("locksmithd.service");
  await tab(page, "update.conf").click();
  await expect(preview(page)).toHaveText("REBOOT_STRATEGY=reboot\n");
});

test("a bad value is named with what is allowed, and what was typed stays", async ({ page }) => {
  await page.goto("./");
  const hostname = page.getByLabel("Hostname");
  await hostname.fill("Bad_Host");
  // Not called wrong while it is being typed: the error comes when the field is left.
  await expect(page.getByText("Hostname: a host name of lower-case letters")).toHaveCount(0);
  await hostname.press("Tab");
  await expect(
    page.locator("#field-hostname-error", {
      hasText: "Hostname: a host name of lower-case letters",
    }),
  ).toBeVisible();
  await expect(hostname).toHaveValue("Bad_Host");
  await expect(hostname).toHaveAttribute("aria-invalid", "true");
  await expect(preview(page)).not.toContainText("Bad_Host");
  await hostname.fill("good-host");
  await expect(page.getByText("Hostname: a host name")).toHaveCount(0);
  await expect(preview(page)).toContainText("inline: good-host");
});

test("Download saves each file byte for byte as the bakery publishes it", async ({ page }) => {
  await page.goto("./?k8s=v1.32.2&endpoint=10.0.0.10:6443");
  await waitUntilReady(page);
  await tab(page, "kubernetes-v1.32.conf").click();
  const [conf] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download", exact: true }).click(),
  ]);
  expect(conf.suggestedFilename()).toBe("kubernetes-v1.32.conf");
  expect(readFileSync(await conf.path(), "utf8")).toBe(published[0]);

  await tab(page, "noop.conf").click();
  const [noop] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download", exact: true }).click(),
  ]);
  expect(readFileSync(await noop.path(), "utf8")).toBe(published[2]);

  await tab(page, "config.bu").click();
  const [butane] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download", exact: true }).click(),
  ]);
  expect(butane.suggestedFilename()).toBe("config.bu");
  await revealSecrets(page);
  expect(readFileSync(await butane.path(), "utf8")).toBe(await preview(page).textContent());
});

test("Copy copies the shown file", async ({ page }) => {
  await page.goto("./");
  // Until the cluster's CA exists the node is not ready, and Copy asks first: wait for it.
  await waitUntilReady(page);
  await tab(page, "noop.conf").click();
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByText("Copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(published[2]);
});

test("a copied share link restores every choice in a new tab, without the secret", async ({
  page,
  context,
}) => {
  await page.goto("./?bootstrap=manual");
  await group(page, "Role").getByLabel("Worker").check();
  await page.getByLabel("Kubernetes version").selectOption("v1.33.10");
  await group(page, "Architecture").getByLabel("arm64").check();
  await group(page, "Reboot coordination").getByLabel("locksmithd").check();
  await group(page, "Sysupdate files")
    .getByLabel("Fetched from extensions.flatcar.org at first boot")
    .check();
  await page.getByLabel("Hostname").fill("worker-3");
  await page.getByLabel("Control plane endpoint").fill("cp.example.com:6443");
  await page.getByLabel("Join token").fill("abcdef.0123456789abcdef");
  await page.getByRole("button", { name: "Copy share link" }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain("role=worker");
  expect(link).not.toContain("abcdef.0123456789abcdef");
  expect(page.url()).not.toContain("abcdef.0123456789abcdef");

  const second = await context.newPage();
  await second.goto(link);
  await expect(group(second, "Role").getByLabel("Worker")).toBeChecked();
  await expect(second.getByLabel("Kubernetes version")).toHaveValue("v1.33.10");
  await expect(group(second, "Architecture").getByLabel("arm64")).toBeChecked();
  await expect(group(second, "Reboot coordination").getByLabel("locksmithd")).toBeChecked();
  await expect(
    group(second, "Sysupdate files").getByLabel(
      "Fetched from extensions.flatcar.org at first boot",
    ),
  ).toBeChecked();
  await expect(second.getByLabel("Hostname")).toHaveValue("worker-3");
  await expect(second.getByLabel("Control plane endpoint")).toHaveValue("cp.example.com:6443");
  await expect(second.getByLabel("Join token")).toHaveValue("");
  await expect(preview(second)).toContainText(
    "source: https://extensions.flatcar.org/extensions/kubernetes/kubernetes-v1.33.conf",
  );
});

test("a link with bad parameters shows one notice naming each, and uses the defaults", async ({
  page,
}) => {
  await page.goto("./?role=boss&k8s=v1.29.9&arch=x86-64&token=abcdef.0123456789abcdef");
  const notice = page.getByRole("alert").filter({ hasText: "Some link parameters were ignored" });
  await expect(notice).toContainText("role=boss — Allowed: control-plane, worker.");
  await expect(notice).toContainText("k8s=v1.29.9 — Allowed: a published version");
  await expect(notice).toContainText("token=");
  await expect(group(page, "Role").getByLabel("Control plane")).toBeChecked();
  await expect(page.getByLabel("Kubernetes version")).toHaveValue("v1.36.2");
  await expect(page.getByLabel("Join token")).toHaveCount(0);
});

test("the built site works from a sub-path", async ({ page }) => {
  await page.goto(
    `http://127.0.0.1:${Number(process.env.PW_PORT ?? 4173) + 1}/flatcar/wizard/?k8s=v1.31.13&updates=off`,
  );
  await expect(page.getByLabel("Kubernetes version")).toHaveValue("v1.31.13");
  await expect(preview(page)).toContainText("kubernetes-v1.31.13-x86-64.raw");
  await group(page, "Architecture").getByLabel("arm64").check();
  await expect(page).toHaveURL(/\/flatcar\/wizard\/\?.*arch=arm64/);
});

test("before any script runs, the page already says what it is for, in the app's own words", async ({
  page,
  browser,
}) => {
  const withoutScripts = await browser.newContext({ javaScriptEnabled: false });
  const staticPage = await withoutScripts.newPage();
  await staticPage.goto(test.info().project.use.baseURL ?? "");
  const staticIntro = await staticPage.locator(".app-intro").innerText();
  await expect(
    staticPage.getByRole("heading", { name: "Flatcar Kubernetes Wizard" }),
  ).toBeVisible();
  expect(staticIntro).toContain("made in your browser as you choose");
  await withoutScripts.close();

  await page.goto("./");
  await expect(page.getByRole("radio", { name: "Control plane" })).toBeVisible();
  await expect(page.locator(".app-intro")).toHaveText(staticIntro);
});
