/**
 * Lighthouse (npm `lighthouse`) on the production build: performance and accessibility
 * scores, each the median of `runs` runs. Lighthouse's default navigation settings: a
 * mobile page with simulated throttling (slow 4G, 4× CPU slowdown, computed by its Lantern
 * model from the unthrottled trace). Chrome is launched through chrome-launcher with the
 * same Chromium and flags as the browser tests, plus --headless=new; api.github.com is
 * blocked so the page uses its embedded snapshot. When Lighthouse cannot run here, the
 * scores are null with the reason.
 */
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { chromiumArgs, chromiumExecutable, debianChromium } from "./chromium.mjs";
import { median } from "./bench-core.ts";

export interface LighthouseScores {
  lighthousePerformance: number | null;
  lighthouseAccessibility: number | null;
  lighthouseRuns: {
    performance: number | null;
    accessibility: number | null;
    /** Lighthouse's simulated (mobile, throttled) metrics, in ms. */
    fcpMs?: number;
    lcpMs?: number;
    tbtMs?: number;
  }[];
  lighthouseError?: string;
}

const score = (value: number | null | undefined) =>
  typeof value === "number" ? Math.round(value * 100) : null;

export type FormFactor = "mobile" | "desktop";

/**
 * `formFactor` "mobile" is Lighthouse's default; "desktop" is its desktop preset (a wide
 * screen, no CPU slowdown, a fast connection), where people generate node configs.
 */
export async function benchLighthouse(
  url: string,
  runs = 3,
  formFactor: FormFactor = "mobile",
): Promise<LighthouseScores> {
  const chromePath = process.env.CHROME_PATH ?? chromiumExecutable() ?? debianChromium;
  const results: LighthouseScores["lighthouseRuns"] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const chrome = await launch({
        chromePath,
        chromeFlags: [...chromiumArgs, "--headless=new"],
        logLevel: "silent",
      });
      try {
        const result = await lighthouse(
          url,
          {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance", "accessibility"],
            blockedUrlPatterns: ["*api.github.com*"],
          },
          formFactor === "desktop" ? desktopConfig : undefined,
        );
        const categories = result?.lhr.categories;
        const runtimeError = result?.lhr.runtimeError;
        if (runtimeError) throw new Error(`${runtimeError.code}: ${runtimeError.message}`);
        const audits = result?.lhr.audits;
        const ms = (id: string) => {
          const value = audits?.[id]?.numericValue;
          return typeof value === "number" ? Math.round(value) : undefined;
        };
        results.push({
          performance: score(categories?.performance?.score),
          accessibility: score(categories?.accessibility?.score),
          fcpMs: ms("first-contentful-paint"),
          lcpMs: ms("largest-contentful-paint"),
          tbtMs: ms("total-blocking-time"),
        });
      } finally {
        chrome.kill();
      }
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      lighthousePerformance: null,
      lighthouseAccessibility: null,
      lighthouseRuns: results,
      lighthouseError: `Lighthouse could not run with ${chromePath}: ${reason}`,
    };
  }
  const of = (key: "performance" | "accessibility") => {
    const values = results.map((r) => r[key]).filter((v): v is number => v !== null);
    return values.length > 0 ? median(values) : null;
  };
  return {
    lighthousePerformance: of("performance"),
    lighthouseAccessibility: of("accessibility"),
    lighthouseRuns: results,
  };
}
