import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { chooseMode, chooseThreeControlPlanes, download, openGroup, preview } from "./page-helpers";
import { expect, test } from "./offline-test";

/** The CLI the build makes (npm run build), run as a person would on the share link. */
const cliPath = path.resolve(import.meta.dirname, "../dist-cli/cli.mjs");
const cli = (...args: string[]) =>
  execFileSync("node", [cliPath, ...args], { encoding: "utf8", stdio: "pipe" });

const mirror = "https://mirror.example.com/flatcar";
const registry = "registry.example.com:5000";

const mirrorPanel = (page: Page) => page.getByRole("region", { name: "Mirror", exact: true });
/** The Mirror section's table of images. */
const imagesTable = (page: Page) => mirrorPanel(page).getByRole("table");

/** Clicks a Copy button and returns what it put on the clipboard. */
async function copied(page: Page, button: string): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText(""));
  await page.getByRole("button", { name: button, exact: true }).click();
  let text = "";
  await expect
    .poll(async () => (text = await page.evaluate(() => navigator.clipboard.readText())))
    .not.toBe("");
  return text;
}

/** The share link's query, as `cli … --preset` takes it. */
async function sharedQuery(page: Page): Promise<string> {
  return new URL(await copied(page, "Copy share link")).search;
}

/** Types the mirror and the registry in Advanced, as a person does, and leaves the field. */
async function typeMirrorAndRegistry(page: Page): Promise<void> {
  await openGroup(page, "Advanced");
  await page.getByLabel("Download mirror").fill(mirror);
  await page.getByLabel("Image registry").fill(registry);
  await page.getByLabel("Image registry").blur();
}

test("a mirror and a registry typed in Advanced: the preview downloads from them, and the Mirror list equals cli mirror for the share link", async ({
  page,
}) => {
  await page.goto("./");
  await expect(preview(page)).toContainText("extensions.flatcar.org", { timeout: 20_000 });
  await openGroup(page, "Advanced");
  // Examples live in the help text, as for every field.
  await expect(page.locator("#field-mirror-help")).toContainText(
    "e.g. https://mirror.example.com/flatcar",
  );
  await expect(page.locator("#field-registry-help")).toContainText(
    "e.g. registry.example.com:5000",
  );
  await typeMirrorAndRegistry(page);

  // config.bu: the Kubernetes image from the mirror, nothing from the bakery's host.
  await expect(preview(page)).toContainText(`${mirror}/kubernetes/kubernetes-v`);
  await expect(preview(page)).not.toContainText("extensions.flatcar.org");
  await expect(preview(page)).toContainText(`${registry}/registry.k8s.io`);

  // The Mirror section opened by itself: the files on the mirror and the images in the registry.
  const panel = mirrorPanel(page);
  await expect(panel.getByText("What the nodes download")).toBeVisible();
  const files = panel.locator(".mirror-files .mirror-url");
  await expect(files.first()).toHaveText(new RegExp(`^${mirror}/kubernetes/kubernetes-v.*\\.raw$`));
  for (const url of await files.allTextContents()) expect(url.startsWith(`${mirror}/`)).toBe(true);
  await expect(
    panel.locator(".mirror-files").getByText(`${mirror}/raw.githubusercontent.com/`).first(),
  ).toBeVisible();
  await expect(panel.getByRole("columnheader", { name: "Name in the registry" })).toBeVisible();
  await expect(
    panel.getByRole("cell").filter({ hasText: `${registry}/registry.k8s.io/pause:` }),
  ).toHaveCount(1);
  await expect(
    panel.getByRole("list", { name: "Not in the list" }).getByText("they are not listed here"),
  ).toBeVisible();

  const query = await sharedQuery(page);
  expect(query).toContain(`mirror=${encodeURIComponent(mirror)}`);
  expect(query).toContain(`registry=${encodeURIComponent(registry)}`);
  const list = await copied(page, "Copy list");
  expect(list).toBe(cli("mirror", "--preset", query));
  expect(list).toContain(`${registry}/registry.k8s.io/kube-apiserver:`);
});

test("a new cluster of three control planes and two workers: the list covers every node and equals cli mirror for the link", async ({
  page,
}) => {
  await chooseThreeControlPlanes(page);
  await page.getByLabel("Workers", { exact: true }).fill("2");
  await typeMirrorAndRegistry(page);
  await expect(page).toHaveURL(/workers=2/);

  // kube-vip runs on the control planes only, kured on every node: both are listed.
  await expect(imagesTable(page).getByText(`${registry}/ghcr.io/kube-vip/kube-vip:`)).toBeVisible();
  await expect(imagesTable(page).getByText(`${registry}/ghcr.io/kubereboot/kured:`)).toBeVisible();
  await expect(imagesTable(page).getByText(`${registry}/registry.k8s.io/etcd:`)).toBeVisible();

  const query = await sharedQuery(page);
  expect(query).toContain("mode=cluster");
  const list = await copied(page, "Copy list");
  expect(list).toBe(cli("mirror", "--preset", query));

  // A worker for an existing cluster pulls no control plane images: the list follows the choices.
  await chooseMode(page, "A worker for an existing cluster");
  await expect(
    imagesTable(page).getByText(`${registry}/registry.k8s.io/kube-proxy:`),
  ).toBeVisible();
  await expect(imagesTable(page).getByText(`${registry}/registry.k8s.io/etcd:`)).toHaveCount(0);
  const workerQuery = await sharedQuery(page);
  expect(await copied(page, "Copy list")).toBe(cli("mirror", "--preset", workerQuery));
});

test("Download mirror.sh gives the script shown, which Copy script copies and cli mirror --script prints", async ({
  page,
}) => {
  await page.goto("./");
  await typeMirrorAndRegistry(page);
  const panel = mirrorPanel(page);
  await panel.getByText("The script that fills the mirror (mirror.sh)").click();
  const shown = panel.getByTestId("mirror-script");
  await expect(shown).toBeVisible();
  await expect(shown).toContainText("skopeo copy --all 'docker://registry.k8s.io/pause:");
  const script = (await shown.textContent()) ?? "";

  const saved = await download(page, "Download mirror.sh");
  expect(saved.name).toBe("mirror.sh");
  expect(readFileSync(saved.file, "utf8")).toBe(script);
  expect(script.startsWith("#!/bin/sh\n")).toBe(true);

  const query = await sharedQuery(page);
  expect(await copied(page, "Copy script")).toBe(script);
  expect(script).toBe(cli("mirror", "--script", "--preset", query));
});

test("a mirror that is not http(s): the error names the field once it is left, the text stays, and nothing uses it", async ({
  page,
}) => {
  await page.goto("./");
  await expect(preview(page)).toContainText("extensions.flatcar.org", { timeout: 20_000 });
  await openGroup(page, "Advanced");
  const field = page.getByLabel("Download mirror");
  await field.fill("ftp://x");
  const error = page.locator("#field-mirror-error");
  // Still typing: no error yet.
  await expect(error).toHaveCount(0);
  await field.blur();
  await expect(error).toHaveText(/^Download mirror: an http:\/\/ or https:\/\/ address/);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveValue("ftp://x");
  await expect(preview(page)).toContainText("extensions.flatcar.org");
  await expect(preview(page)).not.toContainText("ftp://x");
  await expect(mirrorPanel(page)).toContainText("Download mirror is not valid yet");
  await expect(page).not.toHaveURL(/mirror=/);
});

test("a share link with mirror= and registry= fills the fields; a bad value stays in its field with its error", async ({
  page,
}) => {
  await page.goto(
    `./?mirror=${encodeURIComponent(mirror)}&registry=${encodeURIComponent(registry)}`,
  );
  await openGroup(page, "Advanced");
  await expect(page.getByLabel("Download mirror")).toHaveValue(mirror);
  await expect(page.getByLabel("Image registry")).toHaveValue(registry);
  await expect(preview(page)).toContainText(`${mirror}/kubernetes/kubernetes-v`, {
    timeout: 20_000,
  });
  await expect(imagesTable(page).getByText(`${registry}/registry.k8s.io/pause:`)).toBeVisible();

  await page.goto(`./?mirror=ftp://x&registry=${encodeURIComponent(registry)}`);
  // Advanced opens by itself: it holds a value to correct.
  await expect(page.getByLabel("Download mirror")).toHaveValue("ftp://x");
  await expect(page.locator("#field-mirror-error")).toContainText(
    "Download mirror: an http:// or https:// address",
  );
  await expect(page.getByLabel("Image registry")).toHaveValue(registry);
  await expect(preview(page)).toContainText("extensions.flatcar.org", { timeout: 20_000 });
  await expect(preview(page)).not.toContainText("ftp://x");
});
