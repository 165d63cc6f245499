import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "./scripts/chromium.mjs";

const executablePath = chromiumExecutable() ?? undefined;
/** PW_PORT moves both static servers (PW_PORT and PW_PORT + 1), so two checkouts can test at once. */
const port = Number(process.env.PW_PORT ?? 4173);
const subPathPort = port + 1;

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
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath, args: chromiumArgs },
    permissions: ["clipboard-read", "clipboard-write"],
    acceptDownloads: true,
  },
  webServer: [
    {
      command: `node scripts/serve-static.mjs ${port} /`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
    },
    {
      command: `node scripts/serve-static.mjs ${subPathPort} /flatcar/wizard/`,
      url: `http://127.0.0.1:${subPathPort}/flatcar/wizard/`,
      reuseExistingServer: false,
    },
  ],
});
