import { describe, expect, it } from "vitest";
import {
  catalogueFrom,
  embeddedCatalogue,
  fallbackCatalogue,
} from "../../core/catalogue/catalogue";
import { ago, statusText } from "./status-text";

const idle = { checking: false };

describe("statusText", () => {
  it("says why the snapshot is shown and when to retry", () => {
    const retryAt = new Date(2026, 6, 16, 14, 5).getTime();
    const text = statusText(
      fallbackCatalogue("GitHub rate limit", retryAt),
      idle,
      retryAt - 60_000,
    );
    expect(text).toMatch(
      /^catalogue: offline snapshot from 2026-07-16 — GitHub rate limit, retry at 14:05 · \d+ versions$/,
    );
    expect(statusText(embeddedCatalogue(), { checking: true }, 0)).toContain("· checking GitHub…");
  });

  it("counts the age of live data, and says when a refresh failed", () => {
    const live = catalogueFrom(embeddedCatalogue().releases, {
      kind: "live",
      fetchedAt: 0,
      assetsComplete: false,
    });
    expect(statusText(live, idle, 4 * 60_000 + 5)).toContain("live from GitHub, fetched 4 min ago");
    expect(statusText(live, { checking: false, refreshFailed: "GitHub unreachable" }, 0)).toContain(
      "fetched just now — refresh failed: GitHub unreachable",
    );
    expect([ago(59_000), ago(61_000), ago(3 * 3600_000), ago(72 * 3600_000)]).toEqual([
      "just now",
      "1 min ago",
      "3 h ago",
      "3 days ago",
    ]);
  });
});
