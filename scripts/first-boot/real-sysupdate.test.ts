import { createHash } from "node:crypto";
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { transferFileText } from "../../src/core/render/bakery.ts";
import {
  findSysupdate,
  hostArchitecture,
  listAgainst,
  parseSysupdateList,
  parseSysupdateResources,
  resourcesAgainst,
  rewrittenTransfer,
  sysupdateList,
  sysupdateUpdate,
  transferSetting,
  updateAgainst,
} from "./real-sysupdate.ts";
import { serve } from "./simulate-node.ts";

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

describe("transfer settings", () => {
  it("reads a key of one section, the last value winning", () => {
    const text = transferFileText("v1.32");
    expect(transferSetting(text, "Source", "Path")).toBe(
      "https://extensions.flatcar.org/extensions/kubernetes/",
    );
    expect(transferSetting(text, "Target", "Path")).toBe("/opt/extensions/kubernetes");
    expect(transferSetting("[Target]\nPath=/a\nPath=/b\n", "Target", "Path")).toBe("/b");
    expect(transferSetting(text, "Target", "MatchPattern")).toBeUndefined();
  });
});

// The real systemd-sysupdate 254 (scripts/systemd-backports.sh unpacks it; without it these fail
// saying so) over a node whose transfer names the bakery, served from 127.0.0.1 instead.
describe("the real systemd-sysupdate against a local server", { timeout: 30_000 }, () => {
  const image = (name: string) => Buffer.from(`stand-in image ${name}\n`);
  const names = [
    "kubernetes-v1.32.1-x86-64.raw",
    "kubernetes-v1.32.2-x86-64.raw",
    "kubernetes-v1.32.2-arm64.raw",
  ];
  const sums = names
    .map((name) => `${createHash("sha256").update(image(name)).digest("hex")}  ${name}`)
    .join("\n");

  async function withNode(
    check: (root: string, transfer: string, source: string) => Promise<void>,
  ) {
    const { server, base } = await serve((urlPath) => {
      const name = urlPath.replace(/^\/kubernetes\//, "");
      if (name === "SHA256SUMS") return Buffer.from(`${sums}\n`);
      return names.includes(name) ? image(name) : undefined;
    });
    const root = mkdtempSync(path.join(tmpdir(), "sysupdate-node-"));
    try {
      const transfer = path.join(root, "etc/sysupdate.kubernetes.d/kubernetes-v1.32.conf");
      mkdirSync(path.dirname(transfer), { recursive: true });
      writeFileSync(transfer, transferFileText("v1.32"));
      const installed = "kubernetes-v1.32.1-x86-64.raw";
      mkdirSync(path.join(root, "opt/extensions/kubernetes"), { recursive: true });
      writeFileSync(path.join(root, "opt/extensions/kubernetes", installed), image(installed));
      mkdirSync(path.join(root, "etc/extensions"), { recursive: true });
      symlinkSync(
        `/opt/extensions/kubernetes/${installed}`,
        path.join(root, "etc/extensions/kubernetes.raw"),
      );
      await check(root, transfer, `${base}/kubernetes/`);
      // The node's own transfer still names the bakery.
      expect(readFileSync(transfer, "utf8")).toBe(transferFileText("v1.32"));
    } finally {
      rmSync(root, { recursive: true, force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  it.runIf(hostArchitecture() === "x86-64")(
    "lists the newer patch as a candidate, updates to it and moves the link",
    () =>
      withNode(async (root, transfer, source) => {
        expect(await listAgainst(root, transfer, source)).toEqual([
          { version: "2", installed: false, available: true, assessment: "candidate" },
          { version: "1", installed: true, available: true, assessment: "current" },
        ]);
        expect(await resourcesAgainst(root, transfer, source, "2")).toEqual([
          {
            type: "url-file",
            path: `${source}kubernetes-v1.32.2-x86-64.raw`,
            sha256: createHash("sha256")
              .update(image("kubernetes-v1.32.2-x86-64.raw"))
              .digest("hex"),
          },
        ]);
        const log = await updateAgainst(root, transfer, source);
        expect(log).toContain("Successfully installed update '2'");
        expect(await listAgainst(root, transfer, source)).toEqual([
          { version: "2", installed: true, available: true, assessment: "current" },
          { version: "1", installed: true, available: true, assessment: "installed" },
        ]);
        expect(readlinkSync(path.join(root, "etc/extensions/kubernetes.raw"))).toBe(
          "../../opt/extensions/kubernetes/kubernetes-v1.32.2-x86-64.raw",
        );
        expect(
          readFileSync(path.join(root, "opt/extensions/kubernetes/kubernetes-v1.32.2-x86-64.raw")),
        ).toEqual(image("kubernetes-v1.32.2-x86-64.raw"));
      }),
  );

  it.runIf(hostArchitecture() === "x86-64")(
    "updates a root whose own transfer names the server, and leaves the link when nothing is newer",
    () =>
      withNode(async (root, transfer, source) => {
        const own = mkdtempSync(path.join(tmpdir(), "sysupdate-own-"));
        try {
          cpSync(root, own, { recursive: true, verbatimSymlinks: true });
          const ownTransfer = path.join(own, path.relative(root, transfer));
          writeFileSync(ownTransfer, rewrittenTransfer(readFileSync(ownTransfer, "utf8"), source));
          expect(await sysupdateUpdate(own, "kubernetes")).toContain(
            "Successfully installed update '2'",
          );
          // The old image stays a file: the link moved, as on a node (see real-sysupdate.ts).
          const old = path.join(own, "opt/extensions/kubernetes/kubernetes-v1.32.1-x86-64.raw");
          expect(lstatSync(old).isFile()).toBe(true);
          expect(await sysupdateUpdate(own, "kubernetes")).toContain("No update needed");
          expect(readlinkSync(path.join(own, "etc/extensions/kubernetes.raw"))).toBe(
            "../../opt/extensions/kubernetes/kubernetes-v1.32.2-x86-64.raw",
          );
          expect((await sysupdateList(own, "kubernetes")).map((entry) => entry.assessment)).toEqual(
            ["current", "installed"],
          );
        } finally {
          rmSync(own, { recursive: true, force: true });
        }
      }),
  );

  it("lists another architecture's images with %a written in", () =>
    withNode(async (root, transfer, source) => {
      expect(await listAgainst(root, transfer, source, "arm64")).toEqual([
        { version: "2", installed: false, available: true, assessment: "candidate" },
      ]);
    }));

  it("rejects with its log when the server does not have the listing", () =>
    withNode(async (root, transfer, source) => {
      await expect(listAgainst(root, transfer, `${source}missing/`)).rejects.toThrow(
        /exited 1[\s\S]*SHA256SUMS/,
      );
    }));
});
