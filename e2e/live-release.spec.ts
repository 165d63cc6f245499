import { expect, test } from "@playwright/test";
import { group, openGroup, preview } from "./page-helpers";
import { liveBakery, routeGithub } from "./fixtures/github";

const digest = "3f".repeat(32);

test("the chosen version's live release pins the image to its digest and disables a missing architecture", async ({
  page,
}) => {
  await routeGithub(page, liveBakery);
  await page.goto("./?k8s=v1.37.0&arch=arm64");
  await expect(page.getByLabel("Kubernetes version")).toHaveValue("v1.37.0");
  // v1.37.0's release has no arm64 image: the form switches and says why.
  await expect(
    page.getByText("v1.37.0 has no arm64 image; switched to x86-64 (available: x86-64)."),
  ).toBeVisible();
  await expect(
    group(page, "Architecture").getByLabel("arm64 (no image for v1.37.0)"),
  ).toBeDisabled();
  await expect(group(page, "Architecture").getByLabel("x86-64")).toBeChecked();
  await expect(preview(page)).toContainText(`hash: sha256-${digest}`);
  await openGroup(page, "Advanced");
  // The plain help says what checking means; the digest itself is under Details.
  const verify = page.locator(".field:has(#field-verify)");
  await expect(verify.locator(".help").first()).toContainText("refuse one that was changed");
  await verify.locator("details.field-details > summary").click();
  await expect(verify.getByText(`GitHub's sha256 (${digest.slice(0, 12)}…)`)).toBeVisible();
  // The sysupdate transfer stays as the bakery publishes it.
  await expect(preview(page)).toContainText("MatchPattern=kubernetes-v1.37.@v-%a.raw");

  await page.getByLabel("Verify download").uncheck();
  await expect(preview(page)).not.toContainText("hash: sha256-");
  await expect(page).toHaveURL(/verify=off/);
});
