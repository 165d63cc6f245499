import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { transferFileText } from "../../src/core/render/bakery.ts";
import {
  findSysupdate,
  hostArchitecture,
  parseSysupdateList,
  parseSysupdateResources,
  rewrittenTransfer,
} from "./real-sysupdate.ts";

// Printed by systemd-sysupdate 254 (--json=short) over a root holding patch 2, newest, and patch 1.
const listed =
  '[{"":"●","version":"2","installed":"✓","available":"✓","assessment":"current"},' +
  '{"":" ","version":"1","installed":" ","available":"✓","assessment":"available"}]';

describe("systemd-sysupdate's output", () => {
  it("reads the versions `list --json=short` prints, ✓ as true and a blank as false", () => {
    expect(parseSysupdateList(listed)).toEqual([
      { version: "2", installed: true, available: true, assessment: "current" },
      { version: "1", installed: false, available: true, assessment: "available" },
    ]);
  });

  it("reads a candidate nothing installed yet, and an empty listing", () => {
    const candidate =
      '[{"":"↻","version":"2","installed":" ","available":"✓","assessment":"candidate"}]';
    expect(parseSysupdateList(candidate)).toEqual([
      { version: "2", installed: false, available: true, assessment: "candidate" },
    ]);
    expect(parseSysupdateList("[]")).toEqual([]);
  });

  it("refuses output that is not the listing, rather than reading no versions from it", () => {
    expect(() => parseSysupdateList("")).toThrow();
    expect(() => parseSysupdateList('{"version":"2"}')).toThrow(/not a JSON array/);
    expect(() => parseSysupdateList('[{"version":"2","installed":"✓"}]')).toThrow(
      /without its four columns/,
    );
  });

  it("reads one version's resources: a source's URL and sha256, an installed file's path", () => {
    const available =
      '[{"type":"url-file","path":"http://127.0.0.1:8080/kubernetes/kubernetes-v1.32.1-x86-64.raw",' +
      '"sha256":"0263829989b6fd954f72baaf2fc64bc2e2f01d692d4de72986ea808f6e99813f"}]';
    expect(parseSysupdateResources(available)).toEqual([
      {
        type: "url-file",
        path: "http://127.0.0.1:8080/kubernetes/kubernetes-v1.32.1-x86-64.raw",
        sha256: "0263829989b6fd954f72baaf2fc64bc2e2f01d692d4de72986ea808f6e99813f",
      },
    ]);
    const installed =
      '[{"type":"regular-file","path":"/r/opt/extensions/kubernetes/kubernetes-v1.32.2-x86-64.raw","mtime":1796546642000000,"mode":420}]';
    expect(parseSysupdateResources(installed)).toEqual([
      { type: "regular-file", path: "/r/opt/extensions/kubernetes/kubernetes-v1.32.2-x86-64.raw" },
    ]);
    expect(() => parseSysupdateResources('[{"type":"url-file"}]')).toThrow(/without type and path/);
  });
});

describe("a transfer pointed at a local server", () => {
  const bakery = transferFileText("v1.32");

  it("changes only [Source] Path=, not the target's Path=", () => {
    const text = rewrittenTransfer(bakery, "http://127.0.0.1:9/kubernetes/");
    expect(text).toBe(
      bakery.replace(
        "Path=https://extensions.flatcar.org/extensions/kubernetes/",
        "Path=http://127.0.0.1:9/kubernetes/",
      ),
    );
    expect(text).toContain("Path=/opt/extensions/kubernetes");
    expect(text).toContain("MatchPattern=kubernetes-v1.32.@v-%a.raw");
  });

  it("writes another architecture in for %a, and leaves %a to systemd for this machine's", () => {
    const other = hostArchitecture() === "arm64" ? "x86-64" : "arm64";
    expect(rewrittenTransfer(bakery, "http://m/", other)).toContain(
      `MatchPattern=kubernetes-v1.32.@v-${other}.raw`,
    );
    expect(rewrittenTransfer(bakery, "http://m/", hostArchitecture())).toContain(
      "MatchPattern=kubernetes-v1.32.@v-%a.raw",
    );
  });

  it("refuses a transfer without a [Source] Path=", () => {
    expect(() => rewrittenTransfer("[Target]\nPath=/opt\n", "http://m/")).toThrow(/no \[Source\]/);
  });
});

describe("finding the unpacked systemd 254", () => {
  it("says how to get it when the folder holds none", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "no-systemd-"));
    try {
      expect(() => findSysupdate(empty)).toThrow(/scripts\/systemd-backports\.sh/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
