import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { expect, test } from "./offline-test";
import { liveBakery, routeGithub } from "./fixtures/github";
import { chooseMode, clusterReadiness, download, group, expectAxeClean } from "./page-helpers";

/** The cluster of the brief: 3 control planes and 2 workers at v1.35's newest patch. */
const clusterLink = "mode=cluster&k8s=v1.35&control-planes=3&workers=2&endpoint=10.0.0.100:6443";
/** The newest patches of the embedded snapshot (the tests see no live catalogue). */
const from = "v1.35.6";
const to = "v1.36.2";

const upgradeReadiness = (page: Page) => page.getByTestId("readiness-upgrade");
const linkField = (page: Page) => page.getByLabel("The cluster's share link");
const upgradePreview = (page: Page) => page.locator("#preview-panel .file-text");

test("a 3+2 cluster at v1.35 goes to v1.36's newest patch: one folder per node in order, the runbook, each node's script", async ({
  page,
}) => {
  await page.goto(`./?${clusterLink}`);
  await chooseMode(page, "Upgrade a cluster");
  await expect(page).toHaveURL(/[?&]mode=upgrade(&|$)/);
  // The cluster's choices stay; it makes no secrets of its own and offers no cluster download.
  await expect(page.getByLabel("Kubernetes version")).toHaveValue(from);
  await expect(page.getByLabel("Workers", { exact: true })).toHaveValue("2");
  await expect(group(page, "Control planes").getByLabel("3 (one may fail)")).toBeChecked();
  await expect(page.getByRole("button", { name: "Download cluster (.zip)" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Regenerate secrets" })).toHaveCount(0);

  // The default is the newest patch of the next minor; choosing it by name puts it in the link.
  const target = page.getByLabel("Upgrade to");
  await expect(target.locator("option:checked")).toContainText(`${to}: the default`);
  await target.selectOption({ label: `${to} (newest patch)` });
  await expect(page).toHaveURL(new RegExp(`[?&]to=${to}(&|$)`));
  // Offline, the snapshot has no digest: the script falls back to SHA256SUMS, and says so.
  await expect(upgradeReadiness(page)).toContainText("Ready to upgrade, 1 note", {
    timeout: 20_000,
  });
  await expect(upgradeReadiness(page)).toContainText("SHA256SUMS");

  // The preview shows the runbook first, then any node's script, highlighted as shell.
  await expect(upgradePreview(page)).toContainText(
    `# Upgrade cluster "kubernetes" from Kubernetes v1.35 to ${to}`,
  );
  await page.getByLabel("File", { exact: true }).selectOption("01-cp-1/upgrade.sh");
  await expect(upgradePreview(page)).toContainText('kubeadm upgrade apply "$to_version" --yes');
  await expect(upgradePreview(page).locator(".hljs-built_in, .hljs-keyword").first()).toBeVisible();

  const saved = await download(page, "Download upgrade (.zip)");
  expect(saved.name).toBe(`upgrade-kubernetes-${to}.zip`);
  const zip = unzipSync(new Uint8Array(readFileSync(saved.file)));
  const folders = ["01-cp-1", "02-cp-2", "03-cp-3", "04-worker-1", "05-worker-2"];
  expect(Object.keys(zip).sort()).toEqual(
    [
      "README.md",
      ...folders.map((folder) => `${folder}/upgrade.sh`),
      ...folders.slice(0, 3).map((folder) => `${folder}/renew-certificates.sh`),
    ].sort(),
  );
  const text = (name: string) => strFromU8(zip[name] as Uint8Array);

  const readme = text("README.md");
  expect(readme).not.toContain("NOT READY");
  const order = ["cp-1", "cp-2", "cp-3", "worker-1", "worker-2"].map((node) => {
    const at = readme.indexOf(`. **${node}** (`);
    expect(at, node).toBeGreaterThan(0);
    expect(readme).toContain(`kubectl drain ${node} --ignore-daemonsets --delete-emptydir-data`);
    expect(readme).toContain(`kubectl uncordon ${node}`);
    return at;
  });
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(readme).toContain("1. **cp-1** (first control plane: `kubeadm upgrade apply`)");
  expect(readme).toContain(`scp 04-worker-1/upgrade.sh core@worker-1:`);
  expect(readme).toContain(`snapshot-before-${to}.db`);

  const first = text("01-cp-1/upgrade.sh");
  expect(first).toContain(`to_version='${to}'`);
  expect(first).toContain('kubeadm upgrade apply "$to_version" --yes');
  expect(first).toContain("node='cp-1'");
  for (const folder of ["02-cp-2", "04-worker-1"]) {
    const script = text(`${folder}/upgrade.sh`);
    expect(script, folder).toContain("\nkubeadm upgrade node\n");
    expect(script, folder).not.toContain("kubeadm upgrade apply");
    expect(script, folder).toContain(`to_version='${to}'`);
  }
  expect(text("03-cp-3/renew-certificates.sh")).toContain("kubeadm certs renew all");

  // New nodes join at the new minor: the upgraded cluster's links.
  const steps = page.getByRole("region", { name: "Next steps" });
  const upgraded = steps.getByRole("link", { name: `the upgraded cluster at ${to}` });
  await expect(upgraded).toHaveAttribute("href", new RegExp(`^\\?mode=cluster&.*&k8s=${to}&`));
  await expect(steps.getByRole("link", { name: `a worker for it at ${to}` })).toHaveAttribute(
    "href",
    new RegExp(`^\\?mode=join&role=worker&k8s=${to}&`),
  );
  await upgraded.click();
  await expect(group(page, "What are you making?").getByLabel("A new cluster")).toBeChecked();
  await expect(page.getByLabel("Kubernetes version")).toHaveValue(to);
  await expect(page.getByLabel("Workers", { exact: true })).toHaveValue("2");
});

test("pasting the cluster's share link fills every field; text that is not one stays, with what is allowed", async ({
  page,
}) => {
  await page.goto("./?mode=upgrade");
  await linkField(page).fill(
    `https://wizard.example.com/flatcar/?mode=cluster&k8s=v1.35.5&arch=arm64&control-planes=3&workers=4&worker-name=node-{n}&cni=flannel&endpoint=10.0.0.100:6443&mirror=https://mirror.example.com/flatcar&colour=blue`,
  );
  await expect(group(page, "What are you making?").getByLabel("Upgrade a cluster")).toBeChecked();
  await expect(page.getByLabel("Kubernetes version")).toHaveValue("v1.35.5");
  await expect(group(page, "Architecture").getByLabel("arm64")).toBeChecked();
  await expect(group(page, "Control planes").getByLabel("3 (one may fail)")).toBeChecked();
  await expect(page.getByLabel("Workers", { exact: true })).toHaveValue("4");
  await expect(page.getByLabel("Worker host names")).toHaveValue("node-{n}");
  await expect(page.getByLabel("CNI")).toHaveValue("flannel");
  await expect(page.getByLabel("Download mirror")).toHaveValue(
    "https://mirror.example.com/flatcar",
  );
  await expect(page).toHaveURL(/[?&]mode=upgrade&/);
  await expect(page).toHaveURL(/[?&]k8s=v1\.35\.5&/);
  await expect(
    page.getByText("Filled the form from the link: cluster kubernetes at v1.35.5"),
  ).toBeVisible();
  // An unknown parameter is listed as a link's are.
  await expect(page.getByRole("alert").filter({ hasText: "colour=blue" })).toContainText(
    "Unknown parameter",
  );
  // The new nodes' order follows the names: the preview's file list has them.
  await expect(page.getByLabel("File", { exact: true }).locator("option")).toContainText([
    "README.md",
    "07-node-4/upgrade.sh",
  ]);
  await expect(upgradeReadiness(page)).toContainText(`fill the mirror for ${to} first`);

  await linkField(page).fill("the cluster from last spring");
  await linkField(page).blur();
  await expect(page.locator("#field-clusterLink-error")).toContainText(
    "The cluster's share link: no wizard choices in it. Allowed: the link from the cluster's README.md",
  );
  await expect(linkField(page)).toHaveValue("the cluster from last spring");
  await expect(linkField(page)).toHaveAttribute("aria-invalid", "true");
  // The fields keep what the last good link gave.
  await expect(page.getByLabel("Workers", { exact: true })).toHaveValue("4");
});

test("a to= two minors ahead is refused, naming both versions, and the download waits for a second step", async ({
  page,
}) => {
  await page.goto(
    "./?mode=upgrade&k8s=v1.34&control-planes=3&workers=2&endpoint=10.0.0.100:6443&to=v1.36",
  );
  const refusal = `Upgrade to: ${to} skips minor v1.35, and kubeadm upgrades one minor at a time. Upgrade from v1.34.9 to v1.35 first`;
  await expect(upgradeReadiness(page)).toContainText("1 thing to fix", { timeout: 20_000 });
  await expect(upgradeReadiness(page)).toContainText(refusal);
  await expect(page.locator("#field-upgradeTo-error")).toContainText(refusal);
  // The link's value stays chosen, so the person sees what was asked for.
  await expect(page.getByLabel("Upgrade to")).toHaveValue(to);

  await page.getByRole("button", { name: "Download upgrade (.zip)", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Not ready to upgrade: 1 thing to fix");
  await expect(dialog).toContainText(refusal);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Not done: 1 to fix first.")).toBeVisible();

  // Its link in the summary moves focus to the field; choosing an allowed version fixes it.
  await upgradeReadiness(page)
    .getByRole("link", { name: /skips minor/ })
    .click();
  await expect(page.getByLabel("Upgrade to")).toBeFocused();
  await page.getByLabel("Upgrade to").selectOption({ label: "v1.35.6 (newest patch)" });
  await expect(upgradeReadiness(page)).toContainText("Ready to upgrade");
});

test("cluster-secrets.json fills the choices from the link it records; an older one without it says the link is needed", async ({
  page,
}) => {
  await page.goto(`./?${clusterLink.replace("workers=2", "workers=3")}&cni=flannel`);
  await expect(clusterReadiness(page)).toContainText("Ready", { timeout: 20_000 });
  const saved = await download(page, "Download cluster secrets");
  const secrets = JSON.parse(readFileSync(saved.file, "utf8")) as Record<string, unknown>;
  expect(secrets.shareLink).toContain("workers=3");

  await page.goto("./?mode=upgrade");
  // The prerendered default page has a secrets input of its own until the link's page replaces it.
  await expect(linkField(page)).toBeVisible();
  await page.getByLabel("Cluster secrets file").setInputFiles(saved.file);
  await expect(
    page.getByText("Filled the form from the link in cluster-secrets.json"),
  ).toBeVisible();
  await expect(linkField(page)).toHaveValue(String(secrets.shareLink));
  await expect(page.getByLabel("Workers", { exact: true })).toHaveValue("3");
  await expect(page.getByLabel("CNI")).toHaveValue("flannel");
  await expect(page.getByLabel("Kubernetes version")).toHaveValue(from);

  const older = path.join(tmpdir(), `older-secrets-${Date.now()}.json`);
  const withoutLink = { ...secrets };
  delete withoutLink.shareLink;
  writeFileSync(older, JSON.stringify(withoutLink));
  await page.getByLabel("Cluster secrets file").setInputFiles(older);
  await expect(
    page.getByText(
      "This cluster-secrets.json of cluster kubernetes is older: it does not record the link",
    ),
  ).toBeVisible();
});

test("with the live release list, the target's own release gives GitHub's digest, pinned in every script", async ({
  page,
}) => {
  // Page routes come before the offline context's: GitHub answers as the bakery might later.
  await routeGithub(page, liveBakery);
  await page.goto("./?mode=upgrade&k8s=v1.36&control-planes=3&workers=2&endpoint=10.0.0.100:6443");
  await expect(page.getByLabel("Upgrade to").locator("option:checked")).toContainText(
    "v1.37.0: the default",
  );
  const digest = "3f".repeat(32);
  await expect(upgradeReadiness(page)).toContainText("Ready to upgrade", { timeout: 20_000 });
  await expect(upgradeReadiness(page)).not.toContainText("SHA256SUMS");
  const saved = await download(page, "Download upgrade (.zip)");
  expect(saved.name).toBe("upgrade-kubernetes-v1.37.0.zip");
  const zip = unzipSync(new Uint8Array(readFileSync(saved.file)));
  for (const folder of ["01-cp-1", "05-worker-2"])
    expect(strFromU8(zip[`${folder}/upgrade.sh`] as Uint8Array)).toContain(
      `image_sha256='${digest}'`,
    );
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe finds nothing to fix or review in Upgrade a cluster, ready and refused, ${colorScheme}`, async ({
    page,
  }) => {
    test.slow();
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`./?${clusterLink.replace("mode=cluster", "mode=upgrade")}`);
    await expect(upgradeReadiness(page)).toContainText("Ready to upgrade", { timeout: 20_000 });
    await expect(upgradePreview(page).locator(".line").first()).toBeVisible();
    await expectAxeClean(page, "ready to upgrade");
    await page.goto(
      "./?mode=upgrade&k8s=v1.34&control-planes=3&workers=2&endpoint=10.0.0.100:6443&to=v1.36",
    );
    await expect(upgradeReadiness(page)).toContainText("1 thing to fix", { timeout: 20_000 });
    await linkField(page).fill("not a link");
    await linkField(page).blur();
    await expect(page.locator("#field-clusterLink-error")).toBeVisible();
    await expectAxeClean(page, "a refused target and a bad link");
  });
}
