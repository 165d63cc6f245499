import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedCatalogue, embeddedSnapshot, snapshotSchema } from "./catalogue";
import { kubernetesReleases } from "./releases";

describe("embeddedCatalogue", () => {
  const catalogue = embeddedCatalogue();

  it("reads snapshot.json unparsed, to the same releases its schema would give", () => {
    const parsed = snapshotSchema.parse(embeddedSnapshot);
    expect(kubernetesReleases(embeddedSnapshot.releases)).toStrictEqual(
      kubernetesReleases(parsed.releases),
    );
    expect(embeddedSnapshot.date).toBe(parsed.date);
  });

  it("holds every tag of the bakery snapshot, both architectures, with its date", () => {
    const tagsPath = path.resolve(
      __dirname,
      "../../../../shared/reference/bakery-kubernetes-versions.txt",
    );
    const tags = readFileSync(tagsPath, "utf8").match(/^kubernetes-v\S+/gm) ?? [];
    expect(catalogue.releases).toHaveLength(tags.length);
    expect(catalogue.source).toEqual({ kind: "snapshot", date: "2026-07-16" });
    expect(catalogue.releases.every((r) => r.arches.join() === "x86-64,arm64")).toBe(true);
  });

  it("groups by minor, newest first, and defaults to the newest patch of the newest minor", () => {
    expect(catalogue.minors.map((g) => g.minor)).toEqual([
      "v1.36",
      "v1.35",
      "v1.34",
      "v1.33",
      "v1.32",
      "v1.31",
      "v1.30",
      "v1.28",
      "v1.27",
    ]);
    expect(catalogue.minors[3]?.releases.slice(0, 3).map((r) => r.version)).toEqual([
      "v1.33.13",
      "v1.33.12",
      "v1.33.11",
    ]);
    expect(catalogue.newest.version).toBe("v1.36.2");
  });
});
