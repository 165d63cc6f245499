import { describe, expect, it } from "vitest";
import { catalogueFrom } from "./catalogue";
import { kubernetesReleases, type GithubRelease } from "./releases";
import {
  embeddedSupportSchedule,
  localDay,
  minorSupport,
  recommendedRelease,
  supportScheduleSchema,
} from "./support-schedule";
import pageOne from "./fixtures/release-list-page-1.json";
import pageTwo from "./fixtures/release-list-page-2.json";

describe("embedded support schedule", () => {
  it("parses, has a date, and covers every minor the bakery publishes (1.27–1.37)", () => {
    const parsed = supportScheduleSchema.parse(embeddedSupportSchedule);
    expect(parsed.date).toBe("2026-12-02");
    expect(parsed.minors.map((row) => row.minor)).toEqual(
      ["27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37"].map((m) => `1.${m}`),
    );
    for (const row of parsed.minors) {
      expect(row.releaseDate < row.maintenanceModeStartDate).toBe(true);
      expect(row.maintenanceModeStartDate < row.endOfLifeDate).toBe(true);
    }
  });
});

describe("minorSupport around each boundary", () => {
  it.each([
    // 1.34: maintenance from 2026-08-27, end of life 2026-10-27 (the dates).
    ["v1.34", "2026-08-26", "supported", "1.34 — supported until 2026-10-27"],
    ["v1.34", "2026-08-27", "maintenance", "1.34 — maintenance until 2026-10-27"],
    ["v1.34.9", "2026-10-26", "maintenance", "1.34 — maintenance until 2026-10-27"],
    ["v1.34.9", "2026-10-27", "end-of-life", "1.34 — end of life since 2026-10-27"],
    // 1.35: maintenance from 2026-12-28, end of life 2027-02-28.
    ["v1.35", "2026-12-02", "supported", "1.35 — supported until 2027-02-28"],
    ["v1.35", "2026-12-27", "supported", "1.35 — supported until 2027-02-28"],
    ["v1.35", "2026-12-28", "maintenance", "1.35 — maintenance until 2027-02-28"],
    ["v1.35", "2027-02-27", "maintenance", "1.35 — maintenance until 2027-02-28"],
    ["v1.35", "2027-02-28", "end-of-life", "1.35 — end of life since 2027-02-28"],
    // 1.33: end of life 2026-06-28.
    ["1.33", "2026-06-27", "maintenance", "1.33 — maintenance until 2026-06-28"],
    ["1.33", "2026-06-28", "end-of-life", "1.33 — end of life since 2026-06-28"],
    ["v1.37.2", "2026-12-02", "supported", "1.37 — supported until 2027-10-28"],
    ["v1.38.0", "2026-12-02", "unscheduled", "1.38 — not in the upstream schedule of 2026-12-02"],
  ])("%s on %s: %s", (version, today, status, text) => {
    const support = minorSupport(version, today);
    expect(support.status).toBe(status);
    expect(support.text).toBe(text);
    expect(support.warning !== undefined).toBe(status === "end-of-life");
  });

  it("warns about an end-of-life minor, naming the date", () => {
    expect(minorSupport("v1.34", "2026-12-02").warning).toBe(
      "Kubernetes 1.34 reached its upstream end of life on 2026-10-27: it gets no more security or bug fixes. Choose a supported minor for a new cluster.",
    );
  });

  it("reads the day from the local clock", () => {
    expect(localDay(new Date(2026, 11, 2, 23, 59))).toBe("2026-12-02");
    expect(localDay(new Date(2027, 0, 1, 0, 0))).toBe("2027-01-01");
  });
});

describe("the default version", () => {
  const live = catalogueFrom(
    kubernetesReleases([...pageOne, ...pageTwo] as GithubRelease[]),
    { kind: "live", fetchedAt: 0, assetsComplete: true },
    "2026-12-02",
  );

  it("is the newest patch of the newest supported minor the bakery publishes (1.37.0; 1.37.1 is a draft, 1.37.2 a prerelease)", () => {
    expect(live.recommended.version).toBe("v1.37.0");
  });

  it("skips a minor past its end of life for the newest one still supported", () => {
    // A schedule in which 1.37 had already ended: the default falls back to 1.36.
    const schedule = {
      ...embeddedSupportSchedule,
      minors: embeddedSupportSchedule.minors.map((row) =>
        row.minor === "1.37" ? { ...row, endOfLifeDate: "2026-11-01" } : row,
      ),
    };
    expect(recommendedRelease(live.minors, "2026-12-02", schedule)?.version).toBe("v1.36.2");
  });

  it("keeps the newest release when every minor is past its end of life", () => {
    expect(recommendedRelease(live.minors, "2030-01-01")?.version).toBe("v1.37.0");
  });
});
