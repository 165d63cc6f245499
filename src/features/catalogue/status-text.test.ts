import { describe, expect, it } from "vitest";
import {
  catalogueFrom,
  embeddedCatalogue,
  fallbackCatalogue,
} from "../../core/catalogue/catalogue";
import { ago, snapshotAge, statusText } from "./status-text";

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
      /^catalogue: offline snapshot from 2026-07-16 \(from today\) — GitHub rate limit, retry at 14:05 · \d+ versions$/,
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

  it("says how old the offline snapshot is against the person's clock", () => {
    const at = (year: number, month: number, day: number, hour = 12) =>
      new Date(year, month - 1, day, hour).getTime();
    expect(statusText(embeddedCatalogue(), idle, at(2026, 12, 6))).toMatch(
      /^catalogue: offline snapshot from 2026-07-16 \(4 months old\) · \d+ versions$/,
    );
    const ages = [
      at(2026, 7, 16, 0),
      at(2026, 7, 16, 23),
      at(2026, 7, 17),
      at(2026, 7, 29),
      at(2026, 7, 30),
      at(2026, 8, 15),
      at(2026, 8, 16),
      at(2026, 11, 16),
      at(2026, 12, 15),
      at(2027, 7, 16),
      at(2028, 7, 15),
      at(2028, 7, 16),
    ].map((now) => snapshotAge("2026-07-16", now));
    expect(ages).toEqual([
      "from today",
      "from today",
      "1 day old",
      "13 days old",
      "2 weeks old",
      "4 weeks old",
      "1 month old",
      "4 months old",
      "4 months old",
      "12 months old",
      "23 months old",
      "2 years old",
    ]);
    // A clock behind the snapshot, or a date that is not one: no age rather than a wrong one.
    expect(snapshotAge("2026-07-16", at(2026, 7, 15))).toBeUndefined();
    expect(snapshotAge("", at(2026, 7, 15))).toBeUndefined();
    expect(statusText(embeddedCatalogue(), idle, at(2026, 7, 1))).toMatch(
      /^catalogue: offline snapshot from 2026-07-16 · \d+ versions$/,
    );
  });
});
