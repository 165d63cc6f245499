import type { Page } from "@playwright/test";
import { upstreamDetailIn } from "../src/core/config/plain-words";
import { expect, test } from "./offline-test";
import { expectAxeClean, gotoLink, openGroup } from "./page-helpers";

/** Each mode, reached by its link, with every field it shows (three control planes, kured). */
const modes: [string, string][] = [
  ["node", "./"],
  ["cluster", "./?mode=cluster&endpoint=10.0.0.100:6443&control-planes=3&cni=calico"],
  ["join", "./?mode=join&bootstrap=manual"],
  [
    "upgrade",
    "./?mode=upgrade&k8s=v1.35&control-planes=3&workers=2&endpoint=10.0.0.100:6443&cni=cilium",
  ],
];

/** The help a person sees in the form: every help text that is not inside a closed Details. */
async function visibleHelp(page: Page): Promise<string[]> {
  return page
    .locator(".choices-form .help")
    .evaluateAll((elements) =>
      elements
        .filter((element) => element.closest("details:not([open])") === null)
        .map((element) => (element as HTMLElement).innerText.trim()),
    );
}

async function reach(page: Page, link: string, mode: string): Promise<void> {
  await page.goto(link);
  if (mode === "upgrade") await expect(page.getByLabel("Upgrade to")).toBeVisible();
  await openGroup(page, "Advanced");
}

for (const [mode, link] of modes) {
  test(`${mode}: the help beside the fields is plain, the upstream facts are under Details`, async ({
    page,
  }) => {
    await reach(page, link, mode);
    const help = await visibleHelp(page);
    expect(help.length).toBeGreaterThan(8);
    expect(
      help.flatMap((text) => {
        const what = upstreamDetailIn(text);
        return what ? [`${what}: ${text}`] : [];
      }),
    ).toEqual([]);
    // No source is linked from the plain help: the links are under Details.
    await expect(page.locator(".choices-form .help a")).toHaveCount(0);
    // Every field with facts behind it has its Details, all closed.
    const details = page.locator(".choices-form details.field-details");
    expect(await details.count()).toBeGreaterThan(8);
    await expect(page.locator(".choices-form details.field-details[open]")).toHaveCount(0);
  });
}

test("the version's Details: the next tab stop after the field, opened by keyboard, with kubeadm's config API", async ({
  page,
}) => {
  await gotoLink(page, "./?k8s=v1.36");
  const version = page.getByLabel("Kubernetes version");
  const details = page.locator(".field:has(#field-kubernetesVersion) details.field-details");
  await expect(details).not.toHaveAttribute("open");
  await expect(page.locator("#kubernetes-version-support")).not.toContainText("v1beta4");
  await version.focus();
  await page.keyboard.press("Tab");
  await expect(details.locator("summary")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(details).toHaveAttribute("open", "");
  await expect(details).toContainText("kubeadm config: kubeadm.k8s.io/v1beta4.");
  await expect(details).toContainText("kubernetes/kubernetes#135773");
  await expect(details.getByRole("link", { name: "kubeadm config reference" })).toHaveAttribute(
    "href",
    "https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/",
  );
  // Enter again closes it; Space opens it as well.
  await page.keyboard.press("Enter");
  await expect(details).not.toHaveAttribute("open");
  await page.keyboard.press("Space");
  await expect(details).toHaveAttribute("open", "");

  // A choice's Details, after its radio buttons: its facts and its docs.
  const reboot = page.locator("fieldset:has(> legend:text-is('Reboot coordination'))");
  await reboot.getByLabel("kured").focus();
  await page.keyboard.press("Tab");
  await expect(reboot.locator("details.field-details summary")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(reboot.locator("details.field-details")).toContainText("/run/reboot-required");
  await expect(reboot.getByRole("link", { name: "Flatcar's update strategies" })).toBeVisible();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe finds nothing to fix or review with Details closed and open, ${colorScheme}`, async ({
    page,
  }) => {
    test.slow(); // axe analyses the whole page more than once
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await reach(page, modes[1]?.[1] ?? "./", "cluster");
    await expectAxeClean(page, "Details closed");
    const summaries = page.locator(".choices-form details.field-details > summary");
    for (const index of [0, 1, 2, 3]) await summaries.nth(index).click();
    await expect(
      page.locator(".choices-form details.field-details[open] li").first(),
    ).toBeVisible();
    await page.locator(".choices-form .field-details[open] a").first().scrollIntoViewIfNeeded();
    await expectAxeClean(page, "Details open");
  });
}
