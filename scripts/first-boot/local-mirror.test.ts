import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { transferFileText } from "../../src/core/render/bakery.ts";
import { checkSysupdateFromMirror } from "./local-mirror.ts";

const mirror = "http://127.0.0.1:8080/flatcar";
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const image = (version: string, arch: string) => Buffer.from(`image ${version} ${arch}\n`);
const roots: string[] = [];

/** A node's root as Ignition leaves it: the transfer, the image installed, the current link. */
function nodeRoot(installed: string, transfer = transferFileText("v1.33", mirror)): string {
  const root = mkdtempSync(path.join(tmpdir(), "sysupdate-view-"));
  roots.push(root);
  mkdirSync(path.join(root, "etc/sysupdate.kubernetes.d"), { recursive: true });
  writeFileSync(path.join(root, "etc/sysupdate.kubernetes.d/kubernetes-v1.33.conf"), transfer);
  mkdirSync(path.join(root, "opt/extensions/kubernetes"), { recursive: true });
  const name = `kubernetes-${installed}-x86-64.raw`;
  writeFileSync(path.join(root, "opt/extensions/kubernetes", name), image(installed, "x86-64"));
  mkdirSync(path.join(root, "etc/extensions"), { recursive: true });
  symlinkSync(
    `/opt/extensions/kubernetes/${name}`,
    path.join(root, "etc/extensions/kubernetes.raw"),
  );
  return root;
}

/** A mirror holding these images, and a SHA256SUMS listing them (or the lines given). */
function mirrorGet(versions: [string, string][], listing?: string) {
  const files = new Map<string, Buffer>();
  const lines: string[] = [];
  for (const [version, arch] of versions) {
    const name = `kubernetes-${version}-${arch}.raw`;
    files.set(`${mirror}/kubernetes/${name}`, image(version, arch));
    lines.push(`${sha256(image(version, arch))}  ${name}`);
  }
  files.set(`${mirror}/kubernetes/SHA256SUMS`, Buffer.from(listing ?? `${lines.join("\n")}\n`));
  return (url: string) => Promise.resolve(files.get(url));
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("what systemd-sysupdate finds on the mirror for a node", () => {
  const held: [string, string][] = [
    ["v1.33.1", "x86-64"],
    ["v1.33.4", "x86-64"],
    ["v1.33.4", "arm64"],
    ["v1.34.0", "x86-64"],
  ];

  it("the newest image of the node's minor and architecture, as listed, and the one installed", async () => {
    const view = await checkSysupdateFromMirror(
      nodeRoot("v1.33.4"),
      "x86-64",
      mirror,
      mirrorGet(held),
    );
    expect(view.problems).toEqual([]);
    expect(view.found).toContain("2 matches for x86-64, newest kubernetes-v1.33.4-x86-64.raw");
  });

  it("fails when the listing's digest is not the image's", async () => {
    const listing = `${"0".repeat(64)}  kubernetes-v1.33.4-x86-64.raw\n`;
    const view = await checkSysupdateFromMirror(
      nodeRoot("v1.33.4"),
      "x86-64",
      mirror,
      mirrorGet(held, listing),
    );
    expect(view.problems.join("\n")).toMatch(
      /kubernetes-v1\.33\.4-x86-64\.raw: sha256 [0-9a-f]{64}, but .*SHA256SUMS lists 0{64}/,
    );
  });

  it("fails when the node installed another image than the newest listed", async () => {
    const view = await checkSysupdateFromMirror(
      nodeRoot("v1.33.1"),
      "x86-64",
      mirror,
      mirrorGet(held),
    );
    expect(view.problems.join("\n")).toContain(
      "the newest match kubernetes-v1.33.4-x86-64.raw is not the image Ignition installed",
    );
  });

  it("fails when nothing listed matches the node's architecture", async () => {
    const view = await checkSysupdateFromMirror(
      nodeRoot("v1.33.4"),
      "x86-64",
      mirror,
      mirrorGet([["v1.33.4", "arm64"]]),
    );
    expect(view.problems.join("\n")).toContain(
      "has no entry matching kubernetes-v1.33.@v-%a.raw for x86-64",
    );
  });

  it("fails when the transfer's Source Path is not the mirror", async () => {
    const upstream = transferFileText("v1.33");
    const view = await checkSysupdateFromMirror(
      nodeRoot("v1.33.4", upstream),
      "x86-64",
      mirror,
      mirrorGet(held),
    );
    expect(view.problems[0]).toContain(
      "Path=https://extensions.flatcar.org/extensions/kubernetes/ is not on the mirror",
    );
  });
});
