import { expect, test } from "./offline-test";
import { nodeReadiness } from "./page-helpers";

/** The version select says where each minor stands upstream, by the person's own clock. */
test("the version select shows each minor's support status; an end-of-life minor warns", async ({
  page,
}) => {
  await page.clock.setFixedTime(new Date("2026-12-02T12:00:00"));
  await page.goto("./");
  const versions = page.getByLabel("Kubernetes version");
  await expect(versions).toHaveValue("v1.36.2");
  const labels = await versions
    .locator("optgroup")
    .evaluateAll((groups) => groups.map((group) => group.getAttribute("label")));
  expect(labels.slice(0, 4)).toEqual([
    "1.36 — supported until 2027-06-28",
    "1.35 — supported until 2027-02-28",
    "1.34 — end of life since 2026-10-27",
    "1.33 — end of life since 2026-06-28",
  ]);
  const help = page.locator("#kubernetes-version-support");
  await expect(help).toContainText("1.36 — supported until 2027-06-28.");
  // Where the dates come from is under the field's Details.
  const details = page.locator(".field:has(#field-kubernetesVersion) details.field-details");
  await details.locator("summary").click();
  await expect(
    details.getByRole("link", { name: "Support dates: the upstream release schedule" }),
  ).toHaveAttribute("href", "https://kubernetes.io/releases/");
  // Beside the select, and as a note in the node's readiness summary.
  const warning = page.locator(".field-warning", { hasText: /reached its upstream end of life/ });
  const note = nodeReadiness(page).locator(".readiness-warning", {
    hasText: /reached its upstream end of life/,
  });
  await expect(warning).toHaveCount(0);

  await versions.selectOption("v1.34.9");
  await expect(help).toContainText("1.34 — end of life since 2026-10-27.");
  await expect(warning).toHaveText(
    "Kubernetes 1.34 reached its upstream end of life on 2026-10-27: it gets no more security or bug fixes. Choose a supported minor for a new cluster.",
  );
  await expect(note).toContainText("Kubernetes 1.34 reached its upstream end of life");
  // Still selectable: the preview follows.
  await expect(page.locator("#preview-panel .file-text")).toContainText(
    "kubernetes-v1.34.9-x86-64.raw",
  );

  await versions.selectOption("v1.35.6");
  await expect(warning).toHaveCount(0);
  await expect(note).toHaveCount(0);
});

test("a minor in maintenance says until when", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2027-01-15T09:00:00"));
  await page.goto("./?k8s=v1.35");
  await expect(page.locator("#kubernetes-version-support")).toContainText(
    "1.35 — maintenance until 2027-02-28.",
  );
});
