import { expect, test, type Page } from "@playwright/test";
import { api, liveBakery, recorded, routeGithub } from "./fixtures/github";
import { preview } from "./page-helpers";

// The reset time is shown as a local clock time: pin the zone so the test knows it.
test.use({ timezoneId: "UTC" });

const status = (page: Page) => page.getByRole("banner").getByRole("status");
const versions = (page: Page) => page.getByLabel("Kubernetes version");
const refresh = (page: Page) => page.getByRole("button", { name: "Refresh" });
/** The embedded snapshot's status, with its age against the browser's clock, and why it is shown. */
const snapshotStatus = (reason: string) =>
  new RegExp(
    `offline snapshot from 2026-07-16 \\((from today|\\d+ (days?|weeks?|months?|years?) old)\\) — ${reason.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
  );

test("live data: a version newer than the snapshot is offered, in at most 2 requests", async ({
  page,
}) => {
  const seen = await routeGithub(page, liveBakery);
  await page.goto("./");
  await expect(status(page)).toContainText("live from GitHub, fetched just now");
  await expect(versions(page).locator("optgroup").first()).toHaveAttribute("label", /^1\.37 — /);
  await expect(versions(page).locator("optgroup").first().locator("option")).toHaveText([
    /v1\.37\.0/,
  ]);
  await expect(status(page)).toContainText("62 versions");
  await page.waitForTimeout(1000);
  expect(seen.length).toBeLessThanOrEqual(2);
  expect(seen[0]?.url).toBe(`${api}/tags/kubernetes`);
  expect(seen[0]?.ifNoneMatch).toBeNull();
  // The live list re-read the link and reset the form: every field still reaches the preview.
  await page.getByLabel("Hostname", { exact: true }).fill("after-live");
  await expect(preview(page)).toContainText("inline: after-live");
  await versions(page).selectOption("v1.37.0");
  await expect(preview(page)).toContainText("kubernetes-v1.37.0-x86-64.raw");
});

test("a reload inside the cache window asks GitHub nothing", async ({ page }) => {
  const seen = await routeGithub(page, liveBakery);
  await page.goto("./");
  await expect(status(page)).toContainText("live from GitHub");
  await page.waitForTimeout(1000);
  const firstVisit = seen.length;
  expect(firstVisit).toBeGreaterThanOrEqual(1);

  await page.reload();
  await expect(status(page)).toContainText("live from GitHub, fetched just now");
  await expect(versions(page).locator("optgroup").first()).toHaveAttribute("label", /^1\.37 — /);
  await page.waitForTimeout(1000);
  expect(seen.length).toBe(firstVisit);
});

test("the age of live data counts up as time passes", async ({ page }) => {
  await page.clock.install();
  await routeGithub(page, liveBakery);
  await page.goto("./");
  await expect(status(page)).toContainText("live from GitHub, fetched just now");
  await page.clock.fastForward("03:10");
  await expect(status(page)).toContainText("live from GitHub, fetched 3 min ago");
});

test("Refresh revalidates with the ETag; a 304 keeps the list and costs nothing", async ({
  page,
}) => {
  const seen = await routeGithub(page, (url, request) => {
    if (url === `${api}/tags/kubernetes` && request.headers()["if-none-match"] === '"meta-1"') {
      return { status: 304, headers: { etag: '"meta-1"' } };
    }
    return liveBakery(url);
  });
  await page.goto("./");
  await expect(status(page)).toContainText("live from GitHub");
  await refresh(page).click();
  await expect.poll(() => seen.filter((r) => r.ifNoneMatch === '"meta-1"').length).toBe(1);
  await expect(status(page)).toContainText("live from GitHub, fetched just now");
  await expect(status(page)).not.toContainText("refresh failed");
  await expect(versions(page).locator("optgroup").first()).toHaveAttribute("label", /^1\.37 — /);
});

test("rate limit: the snapshot, the reset time, no more requests, and Refresh recovers", async ({
  page,
}) => {
  const reset = Math.floor(Date.now() / 1000) + 25 * 60;
  let limited = true;
  const seen = await routeGithub(page, (url) =>
    limited
      ? {
          status: 403,
          body: '{"message":"API rate limit exceeded for 192.0.2.1."}',
          headers: {
            "x-ratelimit-limit": "60",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": String(reset),
          },
        }
      : liveBakery(url),
  );
  await page.goto("./");
  const at = new Date(reset * 1000).toISOString().slice(11, 16);
  await expect(status(page)).toContainText(snapshotStatus(`GitHub rate limit, retry at ${at}`));
  await expect(versions(page)).toHaveValue("v1.36.2");
  await expect(page.locator("pre.file-text")).toContainText("kubernetes-v1.36.2-x86-64.raw");
  expect(seen).toHaveLength(1);

  // The wait is remembered: a reload spends nothing while the limit lasts.
  await page.reload();
  await expect(status(page)).toContainText(`GitHub rate limit, retry at ${at}`);
  expect(seen).toHaveLength(1);

  limited = false;
  await refresh(page).click();
  await expect(status(page)).toContainText("live from GitHub, fetched just now");
});

test("server errors are retried with backoff, then the snapshot", async ({ page }) => {
  const seen = await routeGithub(page, () => ({ status: 502, body: "<html>Bad gateway</html>" }));
  await page.goto("./");
  await expect(status(page)).toContainText("checking GitHub");
  await expect(status(page)).toContainText(snapshotStatus("GitHub server error (502)"), {
    timeout: 10_000,
  });
  await expect(status(page)).not.toContainText("checking");
  expect(seen).toHaveLength(3);
  await expect(versions(page)).toHaveValue("v1.36.2");
});

test("network down: the snapshot at once", async ({ page }) => {
  const seen = await routeGithub(page, () => null);
  await page.goto("./");
  await expect(status(page)).toContainText(snapshotStatus("GitHub unreachable"));
  expect(seen).toHaveLength(1);
  await expect(versions(page)).toHaveValue("v1.36.2");
});

for (const [name, body] of [
  ["not JSON", "{not json"],
  ["JSON of another shape", '{"message":"hello","tag_name":42}'],
] as const) {
  test(`an answer that is ${name}: the snapshot`, async ({ page }) => {
    await routeGithub(page, () => ({ body }));
    await page.goto("./");
    await expect(status(page)).toContainText(snapshotStatus("unexpected answer from GitHub"));
    await expect(versions(page).locator("optgroup").first()).toHaveAttribute("label", /^1\.36 — /);
  });
}

test("an empty release list: the snapshot, saying so", async ({ page }) => {
  const seen = await routeGithub(page, (url) =>
    url.endsWith("/tags/kubernetes")
      ? { body: recorded("metadata-release-unlisted.json") }
      : { body: "[]" },
  );
  await page.goto("./");
  await expect(status(page)).toContainText(snapshotStatus("GitHub listed no Kubernetes versions"));
  expect(seen.map((r) => r.url)).toEqual([`${api}/tags/kubernetes`, `${api}?per_page=100`]);
});

test("an unreadable metadata body falls back to the paginated list", async ({ page }) => {
  const second = `${api}?per_page=100&page=2`;
  const seen = await routeGithub(page, (url) => {
    if (url.endsWith("/tags/kubernetes"))
      return { body: recorded("metadata-release-unlisted.json") };
    if (url === `${api}?per_page=100`) {
      return {
        body: recorded("release-list-page-1.json"),
        headers: { link: `<${second}>; rel="next", <${second}>; rel="last"` },
      };
    }
    if (url === second) return { body: recorded("release-list-page-2.json") };
    return { status: 404, body: "{}" };
  });
  await page.goto("./");
  await expect(status(page)).toContainText("live from GitHub");
  // v1.36.2, v1.32.2 and v1.37.0; drafts, prereleases, k3s and docker-compose are not offered.
  await expect(status(page)).toContainText("3 versions");
  await expect(versions(page).locator("option")).toHaveText([
    /v1\.37\.0/,
    /v1\.36\.2/,
    /v1\.32\.2/,
  ]);
  await page.waitForTimeout(500);
  expect(seen).toHaveLength(3);
});
