import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { testSshKey } from "../src/core/config/test-keys";
import {
  guideWalkthroughs,
  type GuideAction,
  type GuideDownload,
} from "../scripts/check-docs/guide-steps";
import { group } from "./page-helpers";
import { expect, test } from "./offline-test";

/**
 * docs/getting-started.md, followed as a newcomer would: every numbered walk-through in it
 * (scripts/check-docs/guide-steps.ts says which steps it knows), on the built page, with the
 * page's own labels. What the guide says a download gives is what the download must give.
 */
const guideFile = path.resolve(import.meta.dirname, "../docs/getting-started.md");
const walkthroughs = guideWalkthroughs(readFileSync(guideFile, "utf8"));

/** What the test pastes where the guide says "paste your …", by field. */
const pasted: Record<string, string> = {
  "SSH keys": testSshKey("ssh-ed25519", "newcomer@laptop"),
};

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The guide's placeholders, as the page has them now: `<version>` v1.36.2, `<minor>` 1.36. */
async function placeholders(page: Page): Promise<(text: string) => string> {
  const version = await page.getByLabel("Kubernetes version", { exact: true }).inputValue();
  const minor = version.replace(/^v/, "").split(".").slice(0, 2).join(".");
  return (text) => text.replaceAll("<version>", version).replaceAll("<minor>", minor);
}

/** Clicks the button, saves what it downloads, and checks it is what the guide promises. */
async function download(
  page: Page,
  button: string,
  promised: GuideDownload,
): Promise<Record<string, Uint8Array> | undefined> {
  const fill = await placeholders(page);
  const pressed = await shown(page.getByRole("button", { name: button, exact: true }), button);
  const [started] = await Promise.all([page.waitForEvent("download"), pressed.click()]);
  expect(started.suggestedFilename(), `the file ${button} gives`).toBe(fill(promised.name));
  const bytes = new Uint8Array(readFileSync(await started.path()));
  if (!promised.name.endsWith(".zip")) return undefined;
  const zip = unzipSync(bytes);
  expect(Object.keys(zip).sort(), `the files in ${started.suggestedFilename()}`).toEqual(
    promised.files.map(fill).sort(),
  );
  return zip;
}

/** The locator, once the page shows it: a label the page lacks fails in seconds, naming it. */
async function shown<T extends ReturnType<Page["locator"]>>(locator: T, what: string): Promise<T> {
  await expect(locator, `the page shows ${what}`).toBeVisible();
  return locator;
}

/** One step of the guide on the page; returns the zip it downloaded, if any. */
async function follow(
  page: Page,
  action: GuideAction,
): Promise<Record<string, Uint8Array> | undefined> {
  switch (action.kind) {
    case "open":
      await page.goto("./");
      await expect(page.getByRole("heading", { name: "Flatcar Kubernetes Wizard" })).toBeVisible();
      return undefined;
    case "radio": {
      const option = await shown(
        group(page, action.group).getByLabel(action.option, { exact: true }),
        `${action.option} under ${action.group}`,
      );
      await option.check();
      await expect(option).toBeChecked();
      return undefined;
    }
    case "type":
    case "paste": {
      const value = action.kind === "type" ? action.text : pasted[action.field];
      if (value === undefined)
        throw new Error(`the test has nothing to paste into ${action.field}: add it to pasted`);
      const field = await shown(page.getByLabel(action.field, { exact: true }), action.field);
      await field.fill(value);
      await expect(field).toHaveValue(value);
      return undefined;
    }
    case "select": {
      const field = await shown(page.getByLabel(action.field, { exact: true }), action.field);
      await field.selectOption({ label: action.option });
      return undefined;
    }
    case "keep":
      await shown(page.getByLabel(action.field, { exact: true }), action.field);
      return undefined;
    case "wait":
      // The cluster's CA is made in the browser first: give a busy machine time.
      await expect(
        page
          .getByText(new RegExp(`^${escaped(action.whose)}: ${escaped(action.text)}`))
          .filter({ visible: true })
          .first(),
      ).toBeVisible({ timeout: 20_000 });
      return undefined;
    case "press":
      if (action.download) return download(page, action.button, action.download);
      await (
        await shown(page.getByRole("button", { name: action.button, exact: true }), action.button)
      ).click();
      return undefined;
  }
}

test("docs/getting-started.md walks through one node, then a cluster", () => {
  expect(walkthroughs.map((walkthrough) => walkthrough.heading)).toEqual([
    "Boot one node",
    "Then a cluster",
  ]);
});

for (const walkthrough of walkthroughs) {
  test(`docs/getting-started.md, "${walkthrough.heading}", step by step on the page`, async ({
    page,
  }) => {
    test.slow(); // a CA made in the browser, and a download or two
    let zip: Record<string, Uint8Array> | undefined;
    for (const step of walkthrough.steps) {
      await test.step(`step ${step.number} (line ${step.line}): ${step.text}`, async () => {
        zip = (await follow(page, step.action)) ?? zip;
      });
    }
    expect(zip, "the walk-through downloads a zip").toBeDefined();
    const readme = strFromU8(zip?.["README.md"] ?? new Uint8Array());
    for (const line of walkthrough.readmeLines)
      expect(readme, `the guide's command is in the zip's README.md`).toContain(line);
  });
}
