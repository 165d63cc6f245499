import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { embeddedCatalogue } from "../../src/core/catalogue/catalogue.ts";
import { transferFileText } from "../../src/core/render/bakery.ts";
import { minorNumber, minorOf, newestFirst } from "../../src/core/version.ts";
import {
  apiServerManifest,
  nextUpdateProblems,
  standInImage,
  upgradedTreeProblems,
  upgradeVersions,
  type UpgradeVersions,
} from "./upgrade.ts";

describe("upgradeVersions", () => {
  it("goes one minor up to a patch that has a newer one, and finds a minor kubeadm would refuse", () => {
    const { from, to, newer, tooOld } = upgradeVersions(embeddedCatalogue());
    expect(minorNumber(to)).toBe(minorNumber(from) + 1);
    expect(minorOf(newer)).toBe(minorOf(to));
    expect(newestFirst(newer, to)).toBeLessThan(0);
    expect(minorNumber(tooOld)).toBe(minorNumber(from) - 1);
  });
});

describe("nextUpdateProblems", () => {
  const row = (version: string, installed: boolean, assessment: string) => ({
    version,
    installed,
    available: true,
    assessment,
  });

  it("passes the newer patch as the candidate and the target as current", () => {
    expect(
      nextUpdateProblems(
        [row("2", false, "candidate"), row("1", true, "current")],
        "v1.36.1",
        "v1.36.2",
      ),
    ).toEqual([]);
  });

  it("fails when the newer patch is missing, installed, or the target is not current", () => {
    expect(nextUpdateProblems([row("1", true, "current")], "v1.36.1", "v1.36.2")).toHaveLength(1);
    expect(
      nextUpdateProblems(
        [row("2", true, "current"), row("1", true, "installed")],
        "v1.36.1",
        "v1.36.2",
      ),
    ).toHaveLength(2);
    expect(
      nextUpdateProblems(
        [row("2", false, "candidate"), row("1", false, "available")],
        "v1.36.1",
        "v1.36.2",
      ),
    ).toHaveLength(1);
  });
});

describe("upgradedTreeProblems", () => {
  const versions: UpgradeVersions = {
    from: "v1.35.6",
    to: "v1.36.1",
    newer: "v1.36.2",
    tooOld: "v1.34.9",
  };
  let root: string;
  const write = (at: string, contents: string | Buffer) => {
    mkdirSync(path.dirname(path.join(root, at)), { recursive: true });
    writeFileSync(path.join(root, at), contents);
  };

  // A control plane as upgrade.sh leaves it.
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "upgraded-tree-"));
    write("opt/extensions/kubernetes/kubernetes-v1.35.6-x86-64.raw", standInImage("v1.35.6"));
    write("opt/extensions/kubernetes/kubernetes-v1.36.1-x86-64.raw", standInImage("v1.36.1"));
    mkdirSync(path.join(root, "etc/extensions"), { recursive: true });
    symlinkSync(
      "/opt/extensions/kubernetes/kubernetes-v1.36.1-x86-64.raw",
      path.join(root, "etc/extensions/kubernetes.raw"),
    );
    write("etc/sysupdate.kubernetes.d/kubernetes-v1.36.conf", transferFileText("v1.36"));
    write("var/lib/kubernetes-upgrade/v1.36.1.done", "");
    write("var/lib/kubernetes-upgrade/v1.36.1.previous", "kubernetes-v1.35.6-x86-64.raw\n");
    write("etc/kubernetes/manifests/kube-apiserver.yaml", apiServerManifest("v1.36.1"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const problems = () =>
    upgradedTreeProblems(root, { position: "first-control-plane", versions, mirror: "" });

  it("passes a tree upgraded as it should be", () => {
    expect(problems()).toEqual([]);
  });

  it("fails the old transfer left beside the new one, or a transfer that is not the bakery's", () => {
    write("etc/sysupdate.kubernetes.d/kubernetes-v1.35.conf", transferFileText("v1.35"));
    expect(problems()).toContain(
      "/etc/sysupdate.kubernetes.d/kubernetes-v1.35.conf is still there",
    );
    rmSync(path.join(root, "etc/sysupdate.kubernetes.d/kubernetes-v1.35.conf"));
    write(
      "etc/sysupdate.kubernetes.d/kubernetes-v1.36.conf",
      transferFileText("v1.36", "http://127.0.0.1:1"),
    );
    expect(problems()).toEqual([
      "/etc/sysupdate.kubernetes.d/kubernetes-v1.36.conf is not the bakery's transfer for v1.36",
    ]);
  });

  it("fails other bytes than the pinned image's, a lost previous image and a reboot flag", () => {
    write("opt/extensions/kubernetes/kubernetes-v1.36.1-x86-64.raw", "tampered");
    rmSync(path.join(root, "opt/extensions/kubernetes/kubernetes-v1.35.6-x86-64.raw"));
    write("run/reboot-required", "");
    expect(problems()).toHaveLength(3);
  });

  it("fails a kube-apiserver.yaml still at the old version on a control plane, not on a worker", () => {
    write("etc/kubernetes/manifests/kube-apiserver.yaml", apiServerManifest("v1.35.6"));
    expect(problems()).toEqual([
      "/etc/kubernetes/manifests/kube-apiserver.yaml does not name kube-apiserver:v1.36.1",
    ]);
    expect(upgradedTreeProblems(root, { position: "worker", versions, mirror: "" })).toEqual([]);
  });
});
