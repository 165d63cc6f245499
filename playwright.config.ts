import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "./scripts/chromium.mjs";

const executablePath = chromiumExecutable() ?? undefined;

/** Browser tests against the built app (npm run build first), served as a static site. */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.PW_JSON_REPORT
    ? [["list"], ["json", { outputFile: process.env.PW_JSON_REPORT }]]
    : [["list"]],
  use: {
    baseURL: "http://127.0.0.1:4173/",
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath, args: chromiumArgs },
    permissions: ["clipboard-read", "clipboard-write"],
    acceptDownloads: true,
  },
  webServer: [
    {
      command: "node scripts/serve-static.mjs 4173 /",
      url: "http://127.0.0.1:4173/",
      reuseExistingServer: false,
    },
    {
      command: "node scripts/serve-static.mjs 4174 /flatcar/wizard/",
      url: "http://127.0.0.1:4174/flatcar/wizard/",
      reuseExistingServer: false,
    },
  ],
});
