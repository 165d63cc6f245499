import { describe, expect, it } from "vitest";
import { embeddedCatalogue } from "./catalogue";
import { releasesFromVersions, withRelease } from "./live-catalogue";
import { githubReleaseSchema, toKubernetesRelease } from "./releases";
import detail from "./fixtures/release-kubernetes-v1.37.0.json";

const snapshot = embeddedCatalogue().releases;

describe("releasesFromVersions", () => {
  it("keeps what the snapshot knows and assumes both arches for a newer version", () => {
    const releases = releasesFromVersions(["v1.32.2", "v1.37.0", "v1.9.1"], snapshot);
    expect(releases.map((r) => r.version)).toEqual(["v1.37.0", "v1.32.2", "v1.9.1"]);
    expect(releases[0]).toEqual({
      version: "v1.37.0",
      minor: "v1.37",
      publishedAt: null,
      arches: ["x86-64", "arm64"],
      sha256: {},
    });
    expect(releases[1]).toBe(snapshot.find((r) => r.version === "v1.32.2"));
  });

  it("leaves out what the live list no longer has", () => {
    expect(releasesFromVersions(["v1.36.2"], snapshot)).toHaveLength(1);
  });
});

describe("withRelease", () => {
  it("replaces the assumed arches by the version's own release: arches and digests", () => {
    const own = toKubernetesRelease(githubReleaseSchema.parse(detail));
    expect(own).toMatchObject({
      version: "v1.37.0",
      arches: ["x86-64"],
      sha256: { "x86-64": "3f".repeat(32) },
    });
    if (!own) throw new Error("the fixture is a Kubernetes release");
    const merged = withRelease(releasesFromVersions(["v1.37.0", "v1.36.2"], snapshot), own);
    expect(merged[0]?.arches).toEqual(["x86-64"]);
    expect(merged[1]?.version).toBe("v1.36.2");
  });
});
