import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  githubReleaseListSchema,
  groupByMinor,
  kubernetesReleases,
  type GithubRelease,
} from "./releases";

const samplePath = path.resolve(
  __dirname,
  "../../../../shared/reference/bakery-releases-sample.json",
);
const sample = githubReleaseListSchema.parse(JSON.parse(readFileSync(samplePath, "utf8")));

function release(tag: string, assets: string[], extra: Partial<GithubRelease> = {}): GithubRelease {
  return {
    tag_name: tag,
    draft: false,
    prerelease: false,
    published_at: null,
    assets: assets.map((name) => ({ name, digest: null })),
    ...extra,
  };
}

describe("kubernetesReleases", () => {
  it("reads the bakery's release list: only kubernetes-vX.Y.Z releases, newest first", () => {
    const releases = kubernetesReleases(sample);
    expect(releases.map((r) => r.version)).toEqual(["v1.36.2", "v1.32.2"]);
    expect(releases[0]).toMatchObject({ minor: "v1.36", arches: ["x86-64", "arm64"] });
  });

  it("never takes other extensions' tags, drafts or prereleases", () => {
    const releases = kubernetesReleases([
      release("k3s-v1.32.2+k3s1", ["k3s-v1.32.2+k3s1-x86-64.raw"]),
      release("kubernetes-v1.32.2-rc.1", ["kubernetes-v1.32.2-rc.1-x86-64.raw"]),
      release("kubernetes", ["kubernetes-v1.32.conf"]),
      release("xkubernetes-v1.30.1", ["kubernetes-v1.30.1-x86-64.raw"]),
      release("kubernetes-v1.31.1", ["kubernetes-v1.31.1-x86-64.raw"], { draft: true }),
      release("kubernetes-v1.31.2", ["kubernetes-v1.31.2-x86-64.raw"], { prerelease: true }),
      release("kubernetes-v1.31.3", ["kubernetes-v1.31.3-arm64.raw"]),
    ]);
    expect(releases.map((r) => r.version)).toEqual(["v1.31.3"]);
    expect(releases[0]?.arches).toEqual(["arm64"]);
  });

  it("leaves out a release without images and ignores images of another version", () => {
    const releases = kubernetesReleases([
      release("kubernetes-v1.33.1", ["SHA256SUMS", "kubernetes-v1.33.0-x86-64.raw"]),
    ]);
    expect(releases).toEqual([]);
  });

  it("keeps GitHub's sha256 digest of each image", () => {
    const hex = "ab".repeat(32);
    const [only] = kubernetesReleases([
      {
        ...release("kubernetes-v1.34.1", []),
        assets: [
          { name: "kubernetes-v1.34.1-x86-64.raw", digest: `sha256:${hex}` },
          { name: "kubernetes-v1.34.1-arm64.raw", digest: "md5:abc" },
        ],
      },
    ]);
    expect(only?.sha256).toEqual({ "x86-64": hex });
  });

  it("sorts by semver, not as strings", () => {
    const releases = kubernetesReleases([
      release("kubernetes-v1.9.0", ["kubernetes-v1.9.0-x86-64.raw"]),
      release("kubernetes-v1.30.10", ["kubernetes-v1.30.10-x86-64.raw"]),
      release("kubernetes-v1.30.9", ["kubernetes-v1.30.9-x86-64.raw"]),
    ]);
    expect(releases.map((r) => r.version)).toEqual(["v1.30.10", "v1.30.9", "v1.9.0"]);
    expect(groupByMinor(releases).map((g) => g.minor)).toEqual(["v1.30", "v1.9"]);
  });
});
