import type { Page } from "@playwright/test";
import { expect, test } from "./offline-test";
import {
  chooseMode,
  group,
  maskedToken,
  nodeReadiness,
  preview,
  revealSecrets,
  expectAxeClean,
} from "./page-helpers";

const token = "k8c2fz.h3x9q1w7m4n6p0r2";
const hash = "sha256:5f1a9c3e7b2d4f6081a3c5e7092b4d6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b";
/** As `kubeadm token create --print-join-command` prints it, trailing space included. */
const printed = `kubeadm join 192.168.122.10:6443 --token ${token} --discovery-token-ca-cert-hash ${hash} `;

const joinCommand = (page: Page) => page.getByLabel("Paste the join command");

/** A worker for an existing cluster, with the join values entered by hand. */
async function manualWorker(page: Page): Promise<void> {
  await page.goto("./");
  await chooseMode(page, "A worker for an existing cluster");
  await group(page, "Cluster bootstrap").getByLabel("Manual: as in the Flatcar how-to").check();
  await expect(joinCommand(page)).toBeVisible();
}

/** Pastes as a person does: the text on the clipboard, then Ctrl+V in the field. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await joinCommand(page).focus();
  await page.keyboard.press("ControlOrMeta+V");
}

/** The group that holds the join fields: axe checks it alone (the kured commands block elsewhere needs review on every manual page). */
const clusterGroup = 'section.form-group[aria-label="Cluster and network"]';

test("a pasted join line fills the endpoint, token and hash, and the preview holds them", async ({
  page,
}) => {
  await manualWorker(page);
  await expect(page.locator("#field-joinCommand-help")).toContainText(
    "Run kubeadm token create --print-join-command on a control plane and paste the line it prints",
  );
  await paste(page, `$ sudo ${printed}\n`);

  await expect(page.getByLabel("Control plane endpoint")).toHaveValue("192.168.122.10:6443");
  await expect(page.getByLabel("Join token")).toHaveValue(token);
  await expect(page.getByLabel("CA cert hash")).toHaveValue(hash);
  await expect(page.getByRole("status").filter({ hasText: "from the join command" })).toHaveText(
    "Filled Control plane endpoint (192.168.122.10:6443), Join token and CA cert hash from the join command.",
  );
  await expect(nodeReadiness(page)).toContainText("Ready to boot");
  await expect(preview(page)).toContainText(
    "ExecStart=/usr/bin/kubeadm join --config /etc/kubeadm.yml",
  );
  await expect(preview(page)).toContainText("apiServerEndpoint: 192.168.122.10:6443");
  await expect(preview(page)).toContainText(`- ${hash}`);
  await expect(preview(page)).toContainText(maskedToken);
  await revealSecrets(page);
  await expect(preview(page)).toContainText(`token: ${token}`);

  // The link follows the endpoint and hash, as for typing; the token and the pasted line never go in it.
  await expect(page).toHaveURL(/[?&]endpoint=192\.168\.122\.10(%3A|:)6443(&|$)/);
  await expect(page).toHaveURL(/[?&]ca-hash=sha256(%3A|:)5f1a9c3e/);
  expect(page.url()).not.toContain(token);
  expect(page.url()).not.toContain("kubeadm");
  await page.getByRole("button", { name: "Copy share link" }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain("mode=join");
  expect(link).not.toContain(token);
  expect(link).not.toContain("kubeadm");

  await expectAxeClean(page, "a join line filled in", clusterGroup);
});

test("a bad line is named, stays in its field, and the fields keep what they had", async ({
  page,
}) => {
  await manualWorker(page);
  await page.getByLabel("Control plane endpoint").fill("10.0.0.10:6443");
  const bad = printed
    .replace(token, "abc.123")
    .replace(
      "--discovery-token-ca-cert-hash",
      "--control-plane --certificate-key 0a1b --discovery-token-ca-cert-hash",
    );
  await paste(page, bad);

  const problems = page.getByRole("alert").filter({ hasText: "Join command:" });
  await expect(problems).toContainText(
    "Join command: this line joins a control plane (--control-plane and --certificate-key); a worker needs the line without --control-plane and --certificate-key",
  );
  await expect(problems).toContainText(
    "Join command: the token 'abc.123' is not 6 then 16 lower-case letters or digits joined by '.'",
  );
  await expect(problems).toContainText("The fields below keep what they had.");
  await expect(joinCommand(page)).toHaveValue(bad);
  await expect(joinCommand(page)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Control plane endpoint")).toHaveValue("10.0.0.10:6443");
  await expect(page.getByLabel("Join token")).toHaveValue("");
  await expect(page.getByLabel("CA cert hash")).toHaveValue("");

  await expectAxeClean(page, "a bad join line", clusterGroup);

  // Fixed by hand, then filled with the button, from the keyboard.
  await joinCommand(page).fill(printed.replace("192.168.122.10:6443", "[fd00::10]:6443"));
  await expect(problems).toHaveCount(0);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Fill endpoint, token and hash" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Control plane endpoint")).toHaveValue("[fd00::10]:6443");
  await expect(page.getByLabel("Join token")).toHaveValue(token);
  await expect(preview(page)).toContainText(/apiServerEndpoint: \W?\[fd00::10\]:6443/);
});
