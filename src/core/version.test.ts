import { describe, expect, it } from "vitest";
import { architectures } from "./values/architecture";
import {
  imageFileName,
  imageMatchPattern,
  isKubernetesVersion,
  isMinor,
  minorNumber,
  minorOf,
  newestFirst,
  oldestFirst,
  parseImageFileName,
  releaseTag,
  scheduleMinorOf,
  versionOfReleaseTag,
} from "./version";

describe("Kubernetes versions", () => {
  it("reads only vX.Y.Z as a version", () => {
    expect(isKubernetesVersion("v1.32.2")).toBe(true);
    for (const text of ["1.32.2", "v1.32", "v1.32.2-rc.1", "v1.32.2+build", " v1.32.2", "v01.2.3"])
      expect(isKubernetesVersion(text), text).toBe(false);
  });

  it("gives the minor of a version or a minor, in each spelling", () => {
    expect(minorOf("v1.32.2")).toBe("v1.32");
    expect(minorOf("v1.32")).toBe("v1.32");
    expect(minorOf("1.32")).toBe("v1.32");
    expect(scheduleMinorOf("v1.35.1")).toBe("1.35");
    expect(minorNumber("v1.37.0")).toBe(37);
    expect(minorNumber("1.27")).toBe(27);
    expect(() => minorOf("latest")).toThrow('not a Kubernetes version: "latest"');
    expect(() => minorNumber("v2.0.0")).toThrow('not a Kubernetes 1.x version: "v2.0.0"');
  });

  it("tells a minor from a version", () => {
    expect(isMinor("v1.32")).toBe(true);
    expect(isMinor("v1.32.2")).toBe(false);
    expect(isMinor("1.32")).toBe(false);
    expect(isMinor("v1.x")).toBe(false);
  });

  it("sorts numerically, versions and minors alike", () => {
    const versions = ["v1.9.0", "v1.32.10", "v1.32.2", "v1.100.0"];
    expect([...versions].sort(newestFirst)).toEqual(["v1.100.0", "v1.32.10", "v1.32.2", "v1.9.0"]);
    expect([...versions].sort(oldestFirst)).toEqual(["v1.9.0", "v1.32.2", "v1.32.10", "v1.100.0"]);
    expect(["v1.30", "v1.4", "v1.31"].sort(newestFirst)).toEqual(["v1.31", "v1.30", "v1.4"]);
    expect(["1.30", "1.4"].sort(oldestFirst)).toEqual(["1.4", "1.30"]);
  });
});

describe("the bakery's names", () => {
  it("builds and parses image file names for every architecture", () => {
    for (const arch of architectures) {
      const name = imageFileName("v1.33.2", arch);
      expect(parseImageFileName(name)).toEqual({ version: "v1.33.2", arch });
    }
    expect(imageFileName("v1.33.2", "x86-64")).toBe("kubernetes-v1.33.2-x86-64.raw");
  });

  it("parses no other extension's image, unknown architecture or partial version", () => {
    for (const name of [
      "kubernetes-v1.33.2-riscv64.raw",
      "k3s-v1.33.2-x86-64.raw",
      "kubernetes-v1.33-x86-64.raw",
      "kubernetes-v1.33.2-x86-64.raw.sig",
      "kubernetes.raw",
    ])
      expect(parseImageFileName(name), name).toBeNull();
  });

  it("writes sysupdate's match pattern in the bakery's words", () => {
    expect(imageMatchPattern("v1.32")).toBe("kubernetes-v1.32.@v-%a.raw");
  });

  it("reads and writes release tags", () => {
    expect(releaseTag("v1.32.2")).toBe("kubernetes-v1.32.2");
    expect(versionOfReleaseTag("kubernetes-v1.32.2")).toBe("v1.32.2");
    expect(versionOfReleaseTag("k3s-v1.32.2+k3s1")).toBeNull();
    expect(versionOfReleaseTag("kubernetes")).toBeNull();
  });
});
