import { describe, expect, it } from "vitest";
import { parseSha256Sums } from "../../src/core/mirror/sha256-sums.ts";
import { transferFileText } from "../../src/core/render/bakery.ts";
import {
  compareVersions,
  expandSpecifiers,
  matchingEntries,
  matchVersion,
  transferSettings,
  urlFileSource,
} from "./sysupdate-source.ts";

const digest = (char: string) => char.repeat(64);

describe("a transfer file's url-file source", () => {
  it("reads Path= and MatchPattern= of the transfer the wizard writes for a mirror", () => {
    const text = transferFileText("v1.33", "http://127.0.0.1:8080/flatcar");
    expect(urlFileSource(transferSettings(text))).toEqual({
      path: "http://127.0.0.1:8080/flatcar/kubernetes/",
      matchPatterns: ["kubernetes-v1.33.@v-%a.raw"],
    });
  });

  it("says what is missing in a transfer that is not a url-file", () => {
    expect(urlFileSource(transferSettings("[Source]\nType=regular-file\nPath=/\n"))).toBe(
      "[Source] Type= is regular-file, not url-file",
    );
    expect(urlFileSource(transferSettings("[Source]\nType=url-file\nPath=http://m/\n"))).toBe(
      "[Source] has no MatchPattern=",
    );
    expect(urlFileSource(transferSettings("[Target]\nPath=/\n"))).toBe(
      "the transfer has no [Source] section",
    );
  });
});

describe("matching SHA256SUMS entries as systemd-sysupdate does", () => {
  const pattern = "kubernetes-v1.33.@v-%a.raw";
  const sums = parseSha256Sums(
    [
      `${digest("1")}  kubernetes-v1.33.2-x86-64.raw`,
      `${digest("2")}  kubernetes-v1.33.10-x86-64.raw`,
      `${digest("3")} *kubernetes-v1.33.4-arm64.raw`,
      `${digest("4")}  kubernetes-v1.32.9-x86-64.raw`,
      `${digest("5")}  kubernetes-v1.33.3-x86-64.raw.sig`,
      `${digest("6")}  kubernetes-v1.33.1/2-x86-64.raw`,
      "not a line of sha256sum",
    ].join("\n"),
  );

  it("expands %a to the node's architecture and refuses specifiers it does not model", () => {
    expect(expandSpecifiers(pattern, "arm64")).toBe("kubernetes-v1.33.@v-arm64.raw");
    expect(expandSpecifiers("100%%-@v", "x86-64")).toBe("100%-@v");
    expect(() => expandSpecifiers("%w-@v", "x86-64")).toThrow(/%w .*not modelled/);
  });

  it("takes @v up to the next literal and refuses a name with anything after the pattern", () => {
    expect(matchVersion("kubernetes-v1.33.@v-x86-64.raw", "kubernetes-v1.33.2-x86-64.raw")).toBe(
      "2",
    );
    expect(
      matchVersion("kubernetes-v1.33.@v-x86-64.raw", "kubernetes-v1.33.2-x86-64.raw.sig"),
    ).toBe(undefined);
    expect(matchVersion("kubernetes-v1.33.@v-x86-64.raw", "kubernetes-v1.32.2-x86-64.raw")).toBe(
      undefined,
    );
    // The field ends at the first "-x86-64.raw", so a version holding "/" is refused.
    expect(matchVersion("a-@v-x86-64.raw", "a-1/2-x86-64.raw")).toBe(undefined);
    expect(matchVersion("a-@v", "a-3.1_rc+1")).toBe("3.1_rc+1");
    expect(() => matchVersion("a-@u.raw", "a-1.raw")).toThrow(/@u .*not modelled/);
    expect(() => matchVersion("a.raw", "a.raw")).toThrow(/no @v/);
  });

  it("selects the node's minor and architecture, newest patch first by number", () => {
    expect(matchingEntries(sums, [pattern], "x86-64")).toEqual([
      { name: "kubernetes-v1.33.10-x86-64.raw", version: "10", sha256: digest("2") },
      { name: "kubernetes-v1.33.2-x86-64.raw", version: "2", sha256: digest("1") },
    ]);
    expect(matchingEntries(sums, [pattern], "arm64")).toEqual([
      { name: "kubernetes-v1.33.4-arm64.raw", version: "4", sha256: digest("3") },
    ]);
    expect(matchingEntries(sums, ["kubernetes-v1.34.@v-%a.raw"], "x86-64")).toEqual([]);
  });

  it("orders versions by their numbers, not as text", () => {
    expect(compareVersions("10", "9")).toBeGreaterThan(0);
    expect(compareVersions("1.2.3", "1.2.3")).toBe(0);
    expect(compareVersions("1.2", "1.2.1")).toBeLessThan(0);
    expect(compareVersions("2a", "2b")).toBeLessThan(0);
  });
});
