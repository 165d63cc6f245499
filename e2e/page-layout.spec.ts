import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { expect, test } from "./offline-test";
import {
  chooseMode,
  download,
  group,
  ignitionTab,
  maskedToken,
  nodeReadiness,
  openGroup,
  preview,
  revealSecrets,
  expectAxeClean,
} from "./page-helpers";

/** Whether the whole of an element is inside the viewport. */
async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return box.y >= 0 && box.y + box.height <= viewport.height && box.x >= 0;
}

const firstLine = (page: Page) => preview(page).locator(".line").first();
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

test("at 1280×800 the preview's first line and the primary action stay in view at the end of the form", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const [query, primary] of [
    ["./", "Download all (.zip)"],
    ["./?mode=cluster", "Download cluster (.zip)"],
  ] as const) {
    await page.goto(query);
    await expect(firstLine(page)).toBeVisible({ timeout: 20_000 });
    await openGroup(page, "Advanced");
    await page.getByLabel("Extra Butane").scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    expect(await inViewport(page, firstLine(page)), `first line, ${query}`).toBe(true);
    expect(await inViewport(page, button(page, primary)), `${primary}, ${query}`).toBe(true);
    // The primary action is the one filled button.
    await expect(button(page, primary)).toHaveClass(/button-primary/);
    await expect(page.locator(".button-primary")).toHaveCount(1);
  }
});

test("on a 390×844 phone the bottom bar is in view at every scroll position and reaches the preview", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("./");
  await expect(firstLine(page)).toBeAttached({ timeout: 20_000 });
  const bar = page.locator(".output-bar");
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeGreaterThan(3 * 844);
  for (const fraction of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    await page.evaluate((y) => window.scrollTo(0, y), Math.round(height * fraction));
    expect(await inViewport(page, bar), `bar at ${fraction}`).toBe(true);
    expect(await inViewport(page, button(page, "Download all (.zip)"))).toBe(true);
    await expect(bar.locator(".readiness-headline")).toBeVisible();
  }
  // The bar sits at the bottom edge.
  const box = await bar.boundingBox();
  expect(Math.round((box?.y ?? 0) + (box?.height ?? 0))).toBe(844);
  await page.evaluate(() => window.scrollTo(0, 0));
  await bar.getByRole("link", { name: "Preview" }).click();
  await expect.poll(() => inViewport(page, firstLine(page))).toBe(true);
  // Nothing sticks out sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("each of the three modes shows only its fields and its download, and the link carries it", async ({
  page,
}) => {
  await page.goto("./");
  // One node: the role, the node's downloads, no cluster size or cluster download.
  await expect(group(page, "Role")).toBeVisible();
  await expect(button(page, "Download all (.zip)")).toBeVisible();
  await expect(button(page, "Download Ignition")).toBeVisible();
  await expect(button(page, "Download cluster (.zip)")).toHaveCount(0);
  await expect(page.getByLabel("Workers", { exact: true })).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]mode=node(&|$)/);
  await expect(page.locator("[aria-live]")).toHaveCount(1);

  await chooseMode(page, "A new cluster");
  await expect(page).toHaveURL(/[?&]mode=cluster(&|$)/);
  await expect(group(page, "Role")).toHaveCount(0);
  await expect(group(page, "Cluster bootstrap")).toHaveCount(0);
  await expect(page.getByLabel("Workers", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Worker host names")).toBeVisible();
  await expect(page.getByLabel("Cluster name")).toBeVisible();
  await expect(button(page, "Download cluster (.zip)")).toHaveClass(/button-primary/);
  await expect(button(page, "Download all (.zip)")).toHaveCount(0);
  await expect(button(page, "Download Ignition")).toHaveCount(0);
  await expect(page.getByTestId("readiness-cluster")).toBeVisible();
  await expect(nodeReadiness(page)).toHaveCount(0);
  // One readiness summary at a time: its headline is the page's one live region.
  await expect(page.locator("[aria-live]")).toHaveCount(1);

  await chooseMode(page, "A worker for an existing cluster");
  await expect(page).toHaveURL(/[?&]mode=join(&|$)/);
  // Opened afresh, no cluster's secrets are on the page yet: it asks for them.
  await page.goto("./?mode=join");
  await expect(group(page, "Role")).toHaveCount(0);
  await expect(page.getByLabel("Workers", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Cluster name")).toHaveCount(0);
  await expect(button(page, "Regenerate secrets")).toHaveCount(0);
  await expect(button(page, "Start a new cluster here")).toHaveCount(0);
  await expect(button(page, "Load cluster-secrets.json")).toBeVisible();
  await expect(button(page, "Download all (.zip)")).toHaveClass(/button-primary/);
  await expect(button(page, "Download cluster (.zip)")).toHaveCount(0);
  await group(page, "Cluster bootstrap").getByLabel("Manual: as in the Flatcar how-to").check();
  await expect(page.getByLabel("Join token")).toBeVisible();
  await expect(page.getByLabel("CA cert hash")).toBeVisible();
  await expect(nodeReadiness(page)).toContainText("Join token is not set");
  await expect(preview(page)).not.toContainText("kubeadm init");

  // Next steps follow the mode, beside the preview.
  const steps = page.getByRole("region", { name: "Next steps" });
  await expect(steps).toContainText("kubectl get nodes");
  await expect(steps).toContainText("flatcar-install -d /dev/sda -i config.ign");
  await expect(steps).toContainText("opt/org.flatcar-linux/config");
  await expect(steps).toContainText("16 KB");
});

test("a link's common spellings are read, and its bad values stay in their fields as things to fix", async ({
  page,
}) => {
  await page.goto("./?arch=aarch64&role=master&k8s=1.33&hostname=Bad_Host&endpoint=10.0.0.10");
  await expect(group(page, "Architecture").getByLabel("arm64")).toBeChecked();
  await expect(group(page, "Role").getByLabel("Control plane")).toBeChecked();
  await expect(page.getByLabel("Kubernetes version")).toHaveValue("v1.33.13");
  await expect(page.getByLabel("Hostname")).toHaveValue("Bad_Host");
  await expect(page.locator("#field-hostname-error")).toContainText("Hostname: a host name");
  await expect(page.getByLabel("Control plane endpoint")).toHaveValue("10.0.0.10");
  await expect(page.locator("#field-controlPlaneEndpoint-error")).toContainText("host:port");
  await expect(nodeReadiness(page)).toContainText("2 things to fix");
  await expect(nodeReadiness(page).locator(".readiness-blocking")).toHaveCount(2);
  // The address is written canonically; the bad values wait for a fix.
  await expect(page).toHaveURL(/arch=arm64/);
  await expect(page).toHaveURL(/role=control-plane/);
  await page.getByLabel("Hostname").fill("cp-1");
  await page.getByLabel("Hostname").blur();
  await expect(nodeReadiness(page)).toContainText("1 thing to fix");
  // A link from before modes opens sensibly: a worker link is a worker for an existing cluster.
  await page.goto("./?role=worker&bootstrap=manual");
  await expect(
    group(page, "What are you making?").getByLabel("A worker for an existing cluster"),
  ).toBeChecked();
  await expect(page.getByLabel("Join token")).toBeVisible();
});

test("a new cluster's secrets are masked until revealed, and real in the downloaded zip", async ({
  page,
}) => {
  await page.goto("./?mode=cluster&endpoint=10.0.0.10:6443&workers=2");
  await expect(preview(page)).toContainText(maskedToken, { timeout: 20_000 });
  const saved = await download(page, "Download cluster (.zip)");
  const zip = unzipSync(new Uint8Array(readFileSync(saved.file)));
  const secrets = JSON.parse(strFromU8(zip["cluster-secrets.json"] as Uint8Array)) as {
    bootstrapToken: string;
  };
  expect(strFromU8(zip["worker-2/config.bu"] as Uint8Array)).toContain(
    `token: ${secrets.bootstrapToken}`,
  );
  const readme = strFromU8(zip["README.md"] as Uint8Array);
  expect(readme).toContain("## Next steps");
  expect(readme).toContain("sudo flatcar-install -d /dev/sda -i control-plane/config.ign");
  expect(readme).toContain("/etc/kubernetes/admin.conf");
  await expect(preview(page)).not.toContainText(secrets.bootstrapToken);
  await revealSecrets(page);
  await expect(preview(page)).toContainText(`token: ${secrets.bootstrapToken}`);
});

/** Each state the done-when list names, reached as a person would; axe runs in each. */
const axeStates: [string, (page: Page) => Promise<void>][] = [
  [
    "one node with a bad value from the link, a message's line shown, secrets revealed",
    async (page) => {
      await page.goto("./?hostname=Bad_Host&arch=amd64");
      await expect(firstLine(page)).toBeVisible({ timeout: 20_000 });
      await expectAxeClean(page, "a bad value from the link");
      await openGroup(page, "Advanced");
      await page.getByLabel("Extra Butane").fill("storage:\n  files:\n    - path: etc/x\n");
      await page.getByLabel("Extra Butane").blur();
      await ignitionTab(page).click();
      await page.getByRole("button", { name: /^Show line \d+$/ }).click();
      await expect(preview(page).locator(".line-target")).toBeInViewport();
      await expectAxeClean(page, "a message's line shown");
      await revealSecrets(page);
      await expectAxeClean(page, "secrets revealed");
    },
  ],
  [
    "a new cluster, its Mirror section, then a worker for an existing cluster",
    async (page) => {
      await page.goto("./?mode=cluster&endpoint=10.0.0.10:6443");
      await expect(firstLine(page)).toBeVisible({ timeout: 20_000 });
      await expectAxeClean(page, "a new cluster");
      await page.goto(
        "./?mode=cluster&endpoint=10.0.0.10:6443&mirror=https://mirror.example.com/flatcar&registry=registry.example.com:5000",
      );
      await page.getByText("The script that fills the mirror (mirror.sh)").click();
      await expect(page.getByTestId("mirror-script")).toBeVisible({ timeout: 20_000 });
      // Back to the top of the preview's column: axe cannot tell the background of anything in
      // that sticky column once it is scrolled (elmPartiallyObscured, without the mirror too),
      // and it checks the section's text below the fold as it is.
      await page.locator(".output").evaluate((output) => output.scrollTo(0, 0));
      await expectAxeClean(page, "the Mirror section with its list and script");
      await page.goto("./?mode=join");
      await expect(button(page, "Load cluster-secrets.json")).toBeVisible();
      await expectAxeClean(page, "a worker for an existing cluster");
    },
  ],
  [
    "a phone, mid-form and at the preview",
    async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto("./");
      await expect(firstLine(page)).toBeAttached({ timeout: 20_000 });
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
      await expectAxeClean(page, "on a phone, mid-form");
      await page.locator(".output-bar").getByRole("link", { name: "Preview" }).click();
      await expectAxeClean(page, "on a phone, at the preview");
    },
  ],
];

for (const colorScheme of ["light", "dark"] as const) {
  for (const [state, reach] of axeStates) {
    test(`axe finds nothing to fix or review: ${state}, ${colorScheme}`, async ({ page }) => {
      test.slow(); // axe analyses the whole page more than once
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 1280, height: 800 });
      await reach(page);
    });
  }
}
