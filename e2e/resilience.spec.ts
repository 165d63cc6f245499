import { expect, test } from "./offline-test";
import { group, openGroup, preview, tab, waitUntilReady } from "./page-helpers";

test("preset links carrying script payloads execute nothing and show the text as text", async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const payloads = [
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=1">',
    "javascript:window.__pwned=1",
    "<svg onload=window.__pwned=1>",
  ];
  const query = new URLSearchParams();
  query.set("hostname", payloads[0] as string);
  query.set("endpoint", payloads[1] as string);
  query.set("ssh", payloads[3] as string);
  query.set("colour", payloads[2] as string);
  query.set(
    "extra",
    `storage:\n  files:\n    - path: /etc/x\n      contents:\n        inline: '${payloads[1]}'\n`,
  );
  await page.goto(`./?${query}`);
  const notice = page.getByRole("alert").filter({ hasText: "Some link parameters were ignored" });
  await expect(notice).toContainText(`colour=${payloads[2]}`);
  // Values that are not valid stay in their fields, as text, with their errors.
  await expect(page.getByLabel("Hostname")).toHaveValue(payloads[0] as string);
  await expect(page.getByLabel("Control plane endpoint")).toHaveValue(payloads[1] as string);
  await expect(page.getByLabel("SSH keys")).toHaveValue(payloads[3] as string);
  await expect(page.locator("#field-hostname-error")).toContainText("Hostname:");
  await expect(preview(page)).toContainText(`inline: '${payloads[1]}'`);
  await tab(page, "Ignition (config.ign)").click();
  await expect(preview(page)).toContainText("data:,%22%3E%3Cimg%20src%3Dx%20onerror%3D");
  await page.waitForTimeout(300);
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  expect(await page.locator("img, svg[onload], script:not([src])").count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test("the page ships a Content Security Policy that allows only its own scripts", async ({
  page,
}) => {
  await page.goto("./");
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute("content");
  expect(policy).toContain("script-src 'self'");
  expect(policy).toMatch(/connect-src 'self' https:\/\/api\.github\.com(;|$)/);
  // An inline script added at run time is refused by the policy.
  const ran = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.__inline = 1";
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { __inline?: number }).__inline;
  });
  expect(ran).toBeUndefined();
});

test("clipboard denied: the page says so and nothing is lost", async ({ browser }) => {
  const context = await browser.newContext({ permissions: [] });
  await context.route("https://api.github.com/**", (route) => route.abort("internetdisconnected"));
  const page = await context.newPage();
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) },
    });
  });
  await page.goto("./");
  await page.getByLabel("Hostname").fill("kept-1");
  await page.getByRole("button", { name: "Copy share link" }).click();
  await expect(page.getByText("The browser refused clipboard access")).toBeVisible();
  await expect(page.getByLabel("Hostname")).toHaveValue("kept-1");
  await context.close();
});

test("a blocked download is reported, and the page keeps working", async ({ page }) => {
  await page.addInitScript(() => {
    URL.createObjectURL = () => {
      throw new DOMException("blocked", "SecurityError");
    };
  });
  await page.goto("./");
  await waitUntilReady(page);
  await page.getByRole("button", { name: "Download", exact: true }).click();
  await expect(page.getByText("The browser blocked the download of config.bu")).toBeVisible();
  await page.getByRole("button", { name: "Download all (.zip)" }).click();
  await expect(
    page.getByText(/blocked the download of flatcar-control-plane-v[\d.]+\.zip/),
  ).toBeVisible();
  await group(page, "Role").getByLabel("Worker").check();
  await expect(
    page.getByText("Control plane endpoint is not set: the worker has no kubeadm join"),
  ).toBeVisible();
});

test("a 5 MiB paste into Extra Butane is refused with a message, the text stays, the page stays usable", async ({
  page,
}) => {
  await page.goto("./");
  await openGroup(page, "Advanced");
  const huge = `storage:\n  files:\n${"    - path: /etc/x\n".repeat((5 * 1024 * 1024) / 19)}`;
  const extra = page.getByLabel("Extra Butane");
  await extra.evaluate((element, value) => {
    // What a paste does: set the value and fire one input event.
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set;
    setter?.call(element, value);
    element.dispatchEvent(new Event("input", { bubbles: true }));
  }, huge);
  await expect(page.locator("#field-extraButane-error")).toHaveText(
    "Extra Butane: at most 256 KiB of Butane YAML.",
  );
  expect(await extra.evaluate((element: HTMLTextAreaElement) => element.value.length)).toBe(
    huge.length,
  );
  await page.getByLabel("Hostname").fill("still-works");
  await expect(preview(page)).toContainText("inline: still-works");
});

test.describe("storage that misbehaves never breaks the page", () => {
  const scenarios = {
    "disabled (every access throws)": () => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("denied", "SecurityError");
        },
      });
    },
    "full (every write throws)": () => {
      Storage.prototype.setItem = () => {
        throw new DOMException("full", "QuotaExceededError");
      };
    },
    "holding corrupt data from an older version": () => {
      const api = "https://api.github.com";
      localStorage.setItem(`fkw:query:catalogue:${api}`, "{not json");
      localStorage.setItem("fkw:github:retry-at", "soon");
      localStorage.setItem(
        `fkw:github:etag:${api}/repos/flatcar/sysext-bakery/releases/tags/kubernetes`,
        '{"etag":1}',
      );
      localStorage.setItem(
        "fkw:query:catalogue",
        JSON.stringify({ data: { versions: 42 }, updatedAt: "x" }),
      );
    },
  };
  for (const [name, script] of Object.entries(scenarios)) {
    test(`localStorage ${name}`, async ({ page }) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.addInitScript(script);
      await page.goto("./?hostname=kept");
      await expect(page.getByRole("banner").getByRole("status")).toContainText(
        "offline snapshot from 2026-07-16",
      );
      await expect(preview(page)).toContainText("inline: kept");
      await group(page, "Role").getByLabel("Worker").check();
      await expect(preview(page)).not.toContainText("kubeadm init");
      expect(errors).toEqual([]);
    });
  }
});

test("GitHub slow for 30 s: the wizard works meanwhile, and the status says it gave up", async ({
  browser,
}) => {
  const context = await browser.newContext();
  await context.route("https://api.github.com/**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    await route.abort("timedout").catch(() => undefined);
  });
  const page = await context.newPage();
  await page.goto("./");
  await page.getByLabel("Hostname").fill("works-while-waiting");
  await expect(preview(page)).toContainText("inline: works-while-waiting");
  await expect(page.getByRole("banner").getByRole("status")).toContainText(
    "GitHub did not answer within 10 s",
    {
      timeout: 25_000,
    },
  );
  await expect(page.getByLabel("Hostname")).toHaveValue("works-while-waiting");
  await context.close();
});

test("the first preview is made in a worker; edits render on the page once it is used; and without the worker", async ({
  page,
}) => {
  const workers: string[] = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  const rendererRequests: string[] = [];
  page.on("request", (request) => {
    if (/\/render-node-[\w-]+\.js$/.test(request.url())) rendererRequests.push(request.url());
  });
  await page.goto("./?bootstrap=manual");
  await expect(preview(page)).toContainText("variant: flatcar");
  expect(workers.filter((url) => url.includes("render-worker"))).toHaveLength(1);
  await page.waitForTimeout(500);
  expect(rendererRequests).toEqual([]); // loading alone leaves the main thread free
  await page.getByLabel("Hostname", { exact: true }).click();
  await expect.poll(() => rendererRequests.length).toBe(1);
  await page.getByLabel("Hostname", { exact: true }).fill("edited-here");
  await expect(preview(page)).toContainText("inline: edited-here");

  const refused = await page.context().newPage();
  await refused.route("**/render-worker-*.js", (route) => route.abort());
  await refused.goto("./?bootstrap=manual");
  await expect(preview(refused)).toContainText("variant: flatcar");
  await refused.getByLabel("Hostname", { exact: true }).fill("fallback-node");
  await expect(preview(refused)).toContainText("inline: fallback-node");
  await tab(refused, "Ignition (config.ign)").click();
  await expect(preview(refused)).toContainText('"version": "3.3.0"');
});
