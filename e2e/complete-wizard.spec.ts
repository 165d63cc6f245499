import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./offline-test";
import { strFromU8, unzipSync } from "fflate";
import { testSshKey } from "../src/core/config/test-keys";
import {
  download,
  group,
  ignitionTab,
  preview,
  publishedSysupdateTexts,
  maskedToken,
  nodeReadiness,
  openGroup,
  tab,
  waitUntilReady,
} from "./page-helpers";

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`),
  ).toEqual([]);
}

test("the Ignition tab shows the compiled config live, and Download Ignition saves it", async ({
  page,
}) => {
  await page.goto("./?k8s=v1.32.2&hostname=cp-1");
  await ignitionTab(page).click();
  await expect(page.getByText("Compiles to Ignition with no warnings.")).toBeVisible();
  await expect(preview(page)).toContainText('"version": "3.3.0"');
  await expect(preview(page)).toContainText('"path": "/etc/hostname"');

  await openGroup(page, "Advanced");
  await group(page, "Butane version").getByLabel("flatcar 1.1.0 (Ignition 3.4.0)").check();
  await expect(preview(page)).toContainText('"version": "3.4.0"');

  const saved = await download(page, "Download Ignition");
  expect(saved.name).toBe("config.ign");
  const ignition = JSON.parse(readFileSync(saved.file, "utf8"));
  expect(ignition.ignition.version).toBe("3.4.0");
  expect(ignition.storage.links).toEqual([
    {
      path: "/etc/extensions/kubernetes.raw",
      hard: false,
      target: "/opt/extensions/kubernetes/kubernetes-v1.32.2-x86-64.raw",
    },
  ]);
  expect(ignition.systemd.units.map((u: { name: string }) => u.name)).toContain("kubeadm.service");
});

test("Extra Butane is checked as you type, errors at the snippet's line, and merged when valid", async ({
  page,
}) => {
  await page.goto("./");
  await openGroup(page, "Advanced");
  const extra = page.getByLabel("Extra Butane");
  await extra.fill(
    "storage:\n  files:\n    - path: etc/motd\n      contents:\n        inline: hello\n",
  );
  await expect(page.getByText("Extra Butane, line 3: error: path not absolute")).toHaveCount(2);
  await ignitionTab(page).click();
  await expect(page.getByText(/^Butane cannot compile this config/)).toBeVisible();
  await expect(
    page.getByText(/error at \$\.storage\.files\.\d+\.path, line \d+ col \d+: path not absolute/),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Download Ignition" })).toBeDisabled();
  await expect(extra).toHaveValue(/path: etc\/motd/);

  await extra.fill(
    "storage:\n  files:\n    - path: /etc/hostname\n    - path: /etc/motd\n      contents:\n        inline: hello\n",
  );
  await expect(page.getByText("line 3: storage.files entry with path /etc/hostname")).toHaveCount(
    0,
  );
  await extra.fill(
    "storage:\n  files:\n    - path: /etc/motd\n      contents:\n        inline: hello\n",
  );
  await expect(page.getByText("Compiles to Ignition with no warnings.")).toBeVisible();
  await expect(preview(page)).toContainText('"path": "/etc/motd"');
  await tab(page, "config.bu").click();
  await expect(preview(page)).toContainText("path: /etc/motd");
});

test("an extra entry that would replace a generated one is reported, never applied", async ({
  page,
}) => {
  await page.goto("./");
  await openGroup(page, "Advanced");
  await page
    .getByLabel("Extra Butane")
    .fill("systemd:\n  units:\n    - name: locksmithd.service\n      enabled: true\n");
  await expect(
    page
      .getByText(/line 3: systemd\.units entry with name locksmithd\.service is generated/)
      .first(),
  ).toBeVisible();
  await expect(preview(page)).not.toContainText("enabled: true\n    - name: locksmithd");
});

test("locksmithd's strategy and window, and the OS channel, land in update.conf", async ({
  page,
}) => {
  await page.goto("./");
  await group(page, "Reboot coordination").getByLabel("locksmithd").check();
  await group(page, "Reboot strategy").getByLabel("etcd-lock").check();
  await page.getByLabel("Reboot window start").fill("Thu 04:00");
  await expect(
    page.locator("#field-windowLength-error", {
      hasText: "Reboot window length: set both the start and the length",
    }),
  ).toBeVisible();
  await page.getByLabel("Reboot window length").fill("1h30m");
  await page.getByLabel("OS update channel").selectOption("beta");
  await tab(page, "update.conf").click();
  await expect(preview(page)).toHaveText(
    'GROUP=beta\nREBOOT_STRATEGY=etcd-lock\nLOCKSMITHD_REBOOT_WINDOW_START="Thu 04:00"\nLOCKSMITHD_REBOOT_WINDOW_LENGTH=1h30m\n',
  );
  await page.getByLabel("OS update channel").selectOption("off");
  await expect(preview(page)).toContainText("SERVER=disabled");
  await page.getByLabel("Reboot window length").fill("90 minutes");
  await page.getByLabel("Reboot window length").blur();
  await expect(
    page.locator("#field-windowLength-error", {
      hasText: "Reboot window length: a duration like 1h, 30m or 1h30m.",
    }),
  ).toBeVisible();
  await expect(page.getByLabel("Reboot window length")).toHaveValue("90 minutes");
});

test("kured: installed once by the control plane, or by hand with the commands shown", async ({
  page,
}) => {
  await page.goto("./?k8s=v1.36&window=Thu%2004:00,1h");
  // The control plane's kubeadm parts follow the cluster secrets, made in a worker (RSA 2048).
  await expect(preview(page)).toContainText("- name: install-kured.service", { timeout: 30_000 });
  await expect(preview(page)).toContainText(
    "apply -f https://github.com/kubereboot/kured/releases/download/1.23.0/kured-1.23.0-combined.yaml",
  );
  await expect(preview(page)).toContainText('"--reboot-days=thu"');
  // kured's release notes are a fact under the install choice's Details, not in its help.
  const install = group(page, "Install kured");
  await install.locator("details.field-details > summary").click();
  await expect(install.getByRole("link", { name: "kured 1.23.0's release notes" })).toHaveAttribute(
    "href",
    "https://github.com/kubereboot/kured/releases/tag/1.23.0",
  );
  await group(page, "Install kured").getByLabel("Yourself, with the commands below").check();
  await expect(preview(page)).not.toContainText("install-kured.service");
  await expect(
    page.getByText(
      "kubectl apply -f https://github.com/kubereboot/kured/releases/download/1.23.0/kured-1.23.0-combined.yaml",
    ),
  ).toBeVisible();
  await page.getByRole("button", { name: "Copy kured commands" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
    '"--start-time=04:00","--end-time=05:00:00"',
  );
});

test("SSH keys: a bad line is named, the good keys are used", async ({ page }) => {
  await page.goto("./");
  const good = testSshKey("ssh-ed25519", "me@laptop");
  await page.getByLabel("SSH keys").fill(`${good}\nssh-dss AAAA nope`);
  await page.getByLabel("SSH keys").blur();
  await expect(
    page.locator("#field-sshKeys-error", { hasText: 'SSH keys: line 2: starts with "ssh-dss"' }),
  ).toBeVisible();
  await expect(preview(page)).toContainText(good);
  await expect(preview(page)).not.toContainText("ssh-dss");
});

test("Download all gives one zip with the Butane, Ignition, sysupdate files and a README", async ({
  page,
}) => {
  await page.goto("./?k8s=v1.33.2&reboot=locksmithd&hostname=cp-1");
  await waitUntilReady(page);
  const saved = await download(page, "Download all (.zip)");
  expect(saved.name).toBe("flatcar-cp-1-v1.33.2.zip");
  const files = unzipSync(new Uint8Array(readFileSync(saved.file)));
  expect(Object.keys(files).sort()).toEqual(
    [
      "README.md",
      "config.bu",
      "config.ign",
      "kubernetes-v1.33.conf",
      "noop.conf",
      "update.conf",
    ].sort(),
  );
  const text = (name: string) => strFromU8(files[name] as Uint8Array);
  expect(text("noop.conf")).toBe(publishedSysupdateTexts[2]);
  expect(text("update.conf")).toBe("REBOOT_STRATEGY=reboot\n");
  expect(JSON.parse(text("config.ign")).ignition.version).toBe("3.3.0");
  expect(text("config.bu")).toContain("inline: cp-1");
  expect(text("README.md")).toContain("flatcar-install -d /dev/sda -i config.ign");
});

test("a share link restores the complete page exactly; bad parameters are listed in one notice", async ({
  page,
  context,
}) => {
  // Manual bootstrap: generated secrets never travel in a link, so each page makes its own.
  await page.goto("./?bootstrap=manual");
  await openGroup(page, "Advanced");
  await group(page, "Butane version").getByLabel("flatcar 1.1.0 (Ignition 3.4.0)").check();
  await group(page, "Reboot coordination").getByLabel("locksmithd").check();
  await group(page, "Reboot strategy").getByLabel("off").check();
  await page.getByLabel("Reboot window start").fill("04:00");
  await page.getByLabel("Reboot window length").fill("1h");
  await page.getByLabel("OS update channel").selectOption("lts");
  await page
    .getByLabel("SSH keys")
    .fill(`${testSshKey("ssh-rsa", "a@b")}\n${testSshKey("ecdsa-sha2-nistp256", "c@d")}`);
  await page.getByLabel("Verify download").uncheck();
  await page.getByLabel("Extra Butane").fill("kernel_arguments:\n  should_exist:\n    - quiet\n");
  await expect(preview(page)).toContainText("- quiet");
  const butane = await preview(page).textContent();
  await page.getByRole("button", { name: "Copy share link" }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());

  const second = await context.newPage();
  await second.goto(link);
  await expect(preview(second)).toHaveText(butane ?? "");
  await openGroup(second, "Advanced");
  await expect(second.getByLabel("Verify download")).not.toBeChecked();
  await expect(second.getByLabel("OS update channel")).toHaveValue("lts");
  await expect(group(second, "Reboot strategy").getByLabel("off")).toBeChecked();

  await second.goto("./?strategy=sometimes&window=25:00,1h&channel=nightly&verify=maybe&ssh=nope");
  const notice = second.getByRole("alert").filter({ hasText: "Some link parameters were ignored" });
  await expect(notice.getByRole("listitem")).toHaveCount(3);
  await expect(notice).toContainText("strategy=sometimes — Allowed: reboot, etcd-lock, off.");
  await expect(notice).toContainText("channel=nightly — Allowed: stable, beta, alpha, lts, off.");
  await expect(notice).toContainText("verify=maybe — Allowed: on, off.");
  // Typed values that are not valid stay in their fields, with their errors, to be corrected.
  await expect(second.getByLabel("Reboot window start")).toHaveValue("25:00");
  await expect(second.getByLabel("Reboot window length")).toHaveValue("1h");
  await expect(second.locator("#field-windowStart-error")).toContainText("Reboot window start:");
  await expect(second.getByLabel("SSH keys")).toHaveValue("nope");
  await expect(second.locator("#field-sshKeys-error")).toContainText("SSH keys:");
  await expect(nodeReadiness(second)).toContainText("Reboot window start");
});

test("the whole form works from the keyboard alone", async ({ page }) => {
  await page.goto("./?bootstrap=manual");
  // Role: Tab from the top of the page into the group, arrow to Worker.
  const controlPlane = group(page, "Role").getByLabel("Control plane");
  for (
    let step = 0;
    step < 5 && !(await controlPlane.evaluate((el) => el === document.activeElement));
    step++
  ) {
    await page.keyboard.press("Tab");
  }
  await expect(controlPlane).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(group(page, "Role").getByLabel("Worker")).toBeChecked();
  // On past the version, the architecture and their Details to the host name.
  const hostname = page.getByLabel("Hostname");
  for (
    let step = 0;
    step < 12 && !(await hostname.evaluate((el) => el === document.activeElement));
    step++
  ) {
    await page.keyboard.press("Tab");
  }
  await expect(hostname).toBeFocused();
  await page.keyboard.type("kb-node");
  // Each field's Details is the next stop after it: Tab passes it closed.
  const pastDetails = async () => {
    await page.keyboard.press("Tab");
    await expect(page.locator("details.field-details > summary:focus")).toHaveCount(1);
    await page.keyboard.press("Tab");
  };
  await pastDetails(); // Cluster bootstrap: Manual is checked
  await expect(
    group(page, "Cluster bootstrap").getByLabel("Manual: as in the Flatcar how-to"),
  ).toBeFocused();
  // Past the pasted join command and its Fill button, to the fields they fill.
  await pastDetails();
  await expect(page.getByLabel("Paste the join command")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Fill endpoint, token and hash" })).toBeFocused();
  await pastDetails();
  await expect(page.getByLabel("Control plane endpoint")).toBeFocused();
  await page.keyboard.type("10.0.0.10:6443");
  await pastDetails();
  await page.keyboard.type("abcdef.0123456789abcdef");
  await pastDetails();
  await page.keyboard.type(`sha256:${"0".repeat(64)}`);
  await expect(preview(page)).toContainText("apiServerEndpoint: 10.0.0.10:6443");
  // The token is masked in the preview until revealed.
  await expect(preview(page)).toContainText(maskedToken);
  await expect(preview(page)).not.toContainText("abcdef.0123456789abcdef");
  await expect(preview(page)).toContainText("inline: kb-node");
  // Version select by keyboard.
  await page.getByLabel("Kubernetes version").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Kubernetes version")).toHaveValue("v1.36.1");
  // Tabs by keyboard.
  await tab(page, "config.bu").focus();
  await page.keyboard.press("End");
  await expect(ignitionTab(page)).toBeFocused();
  await expect(ignitionTab(page)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Home");
  await expect(tab(page, "config.bu")).toHaveAttribute("aria-selected", "true");
  // Every control is reachable: tabbing from the top reaches Download all.
  await page.locator("body").click();
  let reached = false;
  for (let step = 0; step < 60 && !reached; step++) {
    await page.keyboard.press("Tab");
    reached = await page
      .getByRole("button", { name: "Download all (.zip)" })
      .evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`no accessibility violations in the ${colorScheme} theme, in every state visited`, async ({
    page,
  }) => {
    test.slow(); // axe analyses the whole page three times
    await page.emulateMedia({ colorScheme });
    await page.goto("./?role=worker&hostname=Bad_Host&arch=nope");
    const background = await page.evaluate(
      () => getComputedStyle(document.documentElement).backgroundColor,
    );
    expect(background).toBe(colorScheme === "dark" ? "rgb(15, 20, 25)" : "rgb(247, 248, 250)");
    await expectNoAxeViolations(page);
    await group(page, "Reboot coordination").getByLabel("locksmithd").check();
    await openGroup(page, "Advanced");
    await page.getByLabel("Extra Butane").fill("storage:\n  files:\n    - path: x\n");
    await ignitionTab(page).click();
    await expect(page.getByText(/^Butane cannot compile this config/)).toBeVisible();
    await expectNoAxeViolations(page);
    await tab(page, "config.bu").click();
    await expect(preview(page).locator(".hljs-attr").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test("readable on a 360 px wide screen: no sideways scrolling, the preview follows the form", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("./");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  const form = await page.getByRole("region", { name: "Choices" }).boundingBox();
  const output = await page.getByRole("region", { name: "Preview" }).boundingBox();
  expect(output?.y).toBeGreaterThan((form?.y ?? 0) + (form?.height ?? 0) - 1);
  await expectNoAxeViolations(page);
});
