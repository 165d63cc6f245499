import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { transferFileText } from "../../src/core/render/bakery.ts";
import { checkSysupdateFromMirror, patchField } from "./local-mirror.ts";
import { hostArchitecture } from "./real-sysupdate.ts";
import { serve } from "./simulate-node.ts";

// These run the real systemd-sysupdate 254 (scripts/systemd-backports.sh unpacks it; without it
// they fail saying so) against a mirror served on 127.0.0.1.
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const image = (version: string, arch: string) => Buffer.from(`image ${version} ${arch}\n`);
const roots: string[] = [];
const served = new Map<string, Buffer>();
let server: Server;
let mirror = "";

beforeAll(async () => {
  const started = await serve((urlPath) => served.get(urlPath));
  server = started.server;
  mirror = `${started.base}/flatcar`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A node's root as Ignition leaves it: the transfer, the image installed, the current link. */
function nodeRoot(installed: string, arch = "x86-64", transfer?: string): string {
  const root = mkdtempSync(path.join(tmpdir(), "sysupdate-view-"));
  roots.push(root);
  mkdirSync(path.join(root, "etc/sysupdate.kubernetes.d"), { recursive: true });
  writeFileSync(
    path.join(root, "etc/sysupdate.kubernetes.d/kubernetes-v1.33.conf"),
    transfer ?? transferFileText("v1.33", mirror),
  );
  mkdirSync(path.join(root, "opt/extensions/kubernetes"), { recursive: true });
  const name = `kubernetes-${installed}-${arch}.raw`;
  writeFileSync(path.join(root, "opt/extensions/kubernetes", name), image(installed, arch));
  mkdirSync(path.join(root, "etc/extensions"), { recursive: true });
  symlinkSync(
    `/opt/extensions/kubernetes/${name}`,
    path.join(root, "etc/extensions/kubernetes.raw"),
  );
  return root;
}

/** The mirror holds these images, and a SHA256SUMS listing them (or the lines given). */
function mirrorHolds(versions: [string, string][], listing?: string) {
  served.clear();
  const lines: string[] = [];
  for (const [version, arch] of versions) {
    const name = `kubernetes-${version}-${arch}.raw`;
    served.set(`/flatcar/kubernetes/${name}`, image(version, arch));
    lines.push(`${sha256(image(version, arch))}  ${name}`);
  }
  served.set("/flatcar/kubernetes/SHA256SUMS", Buffer.from(listing ?? `${lines.join("\n")}\n`));
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

// Each runs the binary two or three times: give a loaded machine room.
describe(
  "what the real systemd-sysupdate finds on the mirror for a node",
  { timeout: 30_000 },
  () => {
    const held: [string, string][] = [
      ["v1.33.1", "x86-64"],
      ["v1.33.4", "x86-64"],
      ["v1.33.4", "arm64"],
      ["v1.34.0", "x86-64"],
    ];

    it("lists the installed newest as current and the older patch as available; update ends as Ignition did", async () => {
      mirrorHolds(held);
      const view = await checkSysupdateFromMirror(nodeRoot("v1.33.4"), "x86-64", mirror, [
        "4",
        "1",
      ]);
      expect(view.problems).toEqual([]);
      expect(view.found).toContain("lists 4 current, 1 available for x86-64");
      expect(view.found).toContain("fetched kubernetes-v1.33.4-x86-64.raw");
    });

    it("lists for another architecture with %a written in", async () => {
      mirrorHolds(held);
      const other = hostArchitecture() === "arm64" ? "x86-64" : "arm64";
      const view = await checkSysupdateFromMirror(nodeRoot("v1.33.4", other), other, mirror, ["4"]);
      expect(view.problems).toEqual([]);
      expect(view.found).toContain(`lists 4 current for ${other} (%a written in)`);
    });

    it("fails when the listing's digest is not the image's: update refuses the download", async () => {
      mirrorHolds(held, `${"0".repeat(64)}  kubernetes-v1.33.4-x86-64.raw\n`);
      const view = await checkSysupdateFromMirror(nodeRoot("v1.33.4"), "x86-64", mirror);
      expect(view.problems.join("\n")).toMatch(/update: .*Checksum of .*did not check out/);
    });

    it("fails when the node installed another image than the newest listed", async () => {
      mirrorHolds(held);
      const view = await checkSysupdateFromMirror(nodeRoot("v1.33.1"), "x86-64", mirror);
      expect(view.problems.join("\n")).toContain(
        "list shows the newest version 4 as candidate, not installed: Ignition installed an older image than the mirror's newest (4 candidate, 1 current)",
      );
    });

    it("fails when the versions are not the ones expected", async () => {
      mirrorHolds(held);
      const view = await checkSysupdateFromMirror(nodeRoot("v1.33.4"), "x86-64", mirror, ["4"]);
      expect(view.problems).toEqual(["list shows versions 4, 1 for x86-64, not 4"]);
    });

    it("fails when nothing listed matches the node's architecture", async () => {
      mirrorHolds([["v1.33.4", "arm64"]]);
      const view = await checkSysupdateFromMirror(nodeRoot("v1.33.4"), "x86-64", mirror);
      expect(view.problems).toContain(
        "list shows version 4 installed but not on the mirror for x86-64 (4 current)",
      );
    });

    it("fails when the transfer's Source Path is not the mirror", async () => {
      mirrorHolds(held);
      const view = await checkSysupdateFromMirror(
        nodeRoot("v1.33.4", "x86-64", transferFileText("v1.33")),
        "x86-64",
        mirror,
      );
      expect(view.problems[0]).toContain(
        "Path=https://extensions.flatcar.org/extensions/kubernetes/ is not on the mirror",
      );
    });
  },
);

describe("the field @v captures", () => {
  it("is the patch number under the minor's pattern", () => {
    expect(patchField("v1.33.4", "x86-64")).toBe("4");
    expect(patchField("v1.36.12", "arm64")).toBe("12");
  });
});
