/**
 * Which Chromium the browser tests drive: Playwright's own when it is installed,
 * else Debian's /usr/bin/chromium. Flags keep it quiet on a machine without internet.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const debianChromium = "/usr/bin/chromium";

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The executable to launch, or undefined for Playwright's own; null when there is none. */
export function chromiumExecutable() {
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined;
  } catch {
    // Playwright's browser is not installed.
  }
  return existsSync(debianChromium) ? debianChromium : null;
}
