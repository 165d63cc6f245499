/**
 * Takes the README's screenshots of the built site (npm run build first): desktop 1280×800 and
 * phone 390×844, light and dark, into docs/screenshots/. GitHub is kept unreachable, so the
 * page shows the embedded release snapshot, as on any machine.
 *   npx tsx scripts/screenshots.ts [--port 4310]
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "./chromium.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "docs/screenshots");
const portFlag = process.argv.indexOf("--port");
const port = portFlag >= 0 ? Number(process.argv[portFlag + 1]) : 4310;

const shots = [
  { name: "desktop-light", width: 1280, height: 800, colorScheme: "light", query: "mode=cluster" },
  { name: "desktop-dark", width: 1280, height: 800, colorScheme: "dark", query: "mode=node" },
  { name: "phone-light", width: 390, height: 844, colorScheme: "light", query: "mode=node" },
  {
    name: "phone-dark",
    width: 390,
    height: 844,
    colorScheme: "dark",
    query: "mode=join&bootstrap=manual&hostname=worker-4",
  },
] as const;

async function waitForServer(url: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the static server did not answer at ${url}`);
}

mkdirSync(out, { recursive: true });
const server = spawn(
  process.execPath,
  [path.join(root, "scripts/serve-static.mjs"), String(port), "/"],
  {
    stdio: "inherit",
  },
);
try {
  const base = `http://127.0.0.1:${port}/`;
  await waitForServer(base);
  const browser = await chromium.launch({
    executablePath: chromiumExecutable() ?? undefined,
    args: chromiumArgs,
  });
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: { width: shot.width, height: shot.height },
      colorScheme: shot.colorScheme,
      deviceScaleFactor: 1,
    });
    await context.route("https://api.github.com/**", (route) =>
      route.abort("internetdisconnected"),
    );
    const page = await context.newPage();
    await page.goto(`${base}?${shot.query}&endpoint=10.0.0.10:6443`);
    // The cluster's CA is made in a worker first: wait for the readiness headline.
    await page.locator(".readiness-headline").first().waitFor({ timeout: 30_000 });
    await page.locator("#preview-panel .file-text .line").first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    const file = path.join(out, `${shot.name}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${path.relative(root, file)}`);
    await context.close();
  }
  await browser.close();
} finally {
  server.kill();
}
