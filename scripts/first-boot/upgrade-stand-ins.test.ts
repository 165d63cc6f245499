import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callProblems, parseCalls, writeStandIns, type StandInCall } from "./upgrade-stand-ins.ts";
import { apiServerManifest } from "./upgrade.ts";

describe("the stand-ins, run by sh", () => {
  let work: string;
  let root: string;
  let folder: string;
  const manifest = () =>
    readFileSync(path.join(root, "etc/kubernetes/manifests/kube-apiserver.yaml"), "utf8");
  const run = (tool: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync(path.join(folder, tool), args, {
      encoding: "utf8",
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        UPGRADE_ROOT: root,
        FKW_CALLS: path.join(work, "calls.log"),
        FKW_URLS: path.join(work, "urls.log"),
        FKW_FAIL_ONCE: path.join(work, "fail-once"),
        ...env,
      },
    });
  const link = (version: string) => {
    const image = `/opt/extensions/kubernetes/kubernetes-${version}-x86-64.raw`;
    writeFileSync(path.join(root, image), version);
    rmSync(path.join(root, "etc/extensions/kubernetes.raw"), { force: true });
    symlinkSync(image, path.join(root, "etc/extensions/kubernetes.raw"));
  };

  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), "upgrade-stand-ins-"));
    root = path.join(work, "root");
    mkdirSync(path.join(root, "opt/extensions/kubernetes"), { recursive: true });
    mkdirSync(path.join(root, "etc/extensions"), { recursive: true });
    mkdirSync(path.join(root, "etc/kubernetes/manifests"), { recursive: true });
    writeFileSync(
      path.join(root, "etc/kubernetes/manifests/kube-apiserver.yaml"),
      apiServerManifest("v1.35.6"),
    );
    // A "real curl" that only says what it was given.
    writeFileSync(path.join(work, "real-curl"), '#!/bin/sh\necho "real curl: $*"\n', {
      mode: 0o755,
    });
    folder = writeStandIns(path.join(work, "bin"), path.join(work, "real-curl"));
    link("v1.35.6");
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it("kubeadm's version is the image the link points at, and none without the image", () => {
    expect(run("kubeadm", ["version", "-o", "short"]).stdout).toBe("v1.35.6\n");
    link("v1.36.1");
    expect(run("kubeadm", ["version", "-o", "short"]).stdout).toBe("v1.36.1\n");
    rmSync(path.join(root, "opt/extensions/kubernetes/kubernetes-v1.36.1-x86-64.raw"));
    expect(run("kubeadm", ["version", "-o", "short"]).status).toBe(127);
  });

  it("kubeadm upgrade apply refuses a version past its own and otherwise names it in kube-apiserver.yaml", () => {
    const refused = run("kubeadm", ["upgrade", "apply", "v1.36.1", "--yes"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("higher than the kubeadm version");
    expect(manifest()).toContain("image: registry.k8s.io/kube-apiserver:v1.35.6\n");
    link("v1.36.1");
    expect(run("kubeadm", ["upgrade", "apply", "v1.36.1", "--yes"]).status).toBe(0);
    expect(manifest()).toContain("image: registry.k8s.io/kube-apiserver:v1.36.1\n");
    expect(manifest()).not.toContain("v1.35.6");
  });

  it("kubeadm upgrade node upgrades a control plane's static pods and passes on a worker", () => {
    link("v1.36.1");
    expect(run("kubeadm", ["upgrade", "node"]).status).toBe(0);
    expect(manifest()).toContain("/kube-apiserver:v1.36.1\n");
    rmSync(path.join(root, "etc/kubernetes"), { recursive: true });
    expect(run("kubeadm", ["upgrade", "node"]).status).toBe(0);
  });

  it("records every call, and fails the one named in FKW_FAIL_ONCE once", () => {
    writeFileSync(path.join(work, "fail-once"), "kubeadm upgrade node");
    expect(run("systemctl", ["restart", "kubelet"]).status).toBe(0);
    const failed = run("kubeadm", ["upgrade", "node"]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain("failing once");
    expect(existsSync(path.join(work, "fail-once"))).toBe(false);
    expect(run("kubeadm", ["upgrade", "node"]).status).toBe(0);
    expect(readFileSync(path.join(work, "calls.log"), "utf8")).toBe(
      "systemctl restart kubelet\nkubeadm upgrade node\nkubeadm upgrade node\n",
    );
  });

  it("curl records the URL, sends the bakery's to the local base, and refuses any other host", () => {
    const bakery = {
      FKW_BAKERY: "https://extensions.flatcar.org/extensions",
      FKW_BAKERY_LOCAL: "http://127.0.0.1:8080",
    };
    const mapped = run(
      "curl",
      ["--fail", "--output", "/tmp/x", "https://extensions.flatcar.org/extensions/a b.raw"],
      bakery,
    );
    expect(mapped.stdout).toBe("real curl: --fail --output /tmp/x http://127.0.0.1:8080/a b.raw\n");
    const local = run("curl", ["http://127.0.0.1:9/kubernetes/x.raw"]);
    expect(local.stdout).toBe("real curl: http://127.0.0.1:9/kubernetes/x.raw\n");
    const outside = run("curl", ["https://extensions.flatcar.org/extensions/x.raw"]);
    expect(outside.status).toBe(6);
    expect(outside.stdout).toBe("");
    expect(readFileSync(path.join(work, "urls.log"), "utf8")).toBe(
      "https://extensions.flatcar.org/extensions/a b.raw\nhttp://127.0.0.1:9/kubernetes/x.raw\nhttps://extensions.flatcar.org/extensions/x.raw\n",
    );
  });
});

describe("parseCalls", () => {
  it("splits each line into the command and its arguments", () => {
    expect(parseCalls("kubeadm upgrade node\nsystemctl daemon-reload\n\nkubectl\n")).toEqual([
      { tool: "kubeadm", args: "upgrade node" },
      { tool: "systemctl", args: "daemon-reload" },
      { tool: "kubectl", args: "" },
    ]);
  });
});

describe("callProblems", () => {
  const calls = (...lines: string[]): StandInCall[] => parseCalls(lines.join("\n"));
  const before = [
    "curl --fail https://x/kubernetes-v1.36.1-x86-64.raw",
    "systemctl stop systemd-sysupdate.timer",
    "systemctl restart systemd-sysext",
    "kubeadm version -o short",
  ];
  const after = [
    "systemctl daemon-reload",
    "systemctl restart kubelet",
    "systemctl start systemd-sysupdate.timer",
  ];
  const first = [
    ...before,
    "kubeadm upgrade plan v1.36.1",
    "kubeadm upgrade apply v1.36.1 --yes",
    ...after,
  ];
  const other = [...before, "kubeadm upgrade node", ...after];

  it("passes upgrade.sh's order on the first control plane and on the others", () => {
    expect(callProblems(calls(...first), "first-control-plane", "v1.36.1")).toEqual([]);
    expect(callProblems(calls(...other), "control-plane", "v1.36.1")).toEqual([]);
    expect(callProblems(calls(...other), "worker", "v1.36.1")).toEqual([]);
  });

  it("wants upgrade apply, after plan, on the first control plane only", () => {
    expect(callProblems(calls(...other), "first-control-plane", "v1.36.1")).toContain(
      "kubeadm upgrade apply v1.36.1 --yes was not called",
    );
    const swapped = [...before, first[5] ?? "", first[4] ?? "", ...after];
    expect(callProblems(calls(...swapped), "first-control-plane", "v1.36.1")).toContain(
      "kubeadm upgrade plan ran after apply",
    );
    expect(callProblems(calls(...first), "worker", "v1.36.1")).toEqual([
      "kubeadm upgrade node was not called",
      "kubeadm upgrade apply was called on a node other than the first control plane",
    ]);
  });

  it("wants systemd-sysext restarted before kubeadm, and the kubelet restarted after it", () => {
    const noSysext = other.filter((line) => line !== "systemctl restart systemd-sysext");
    expect(callProblems(calls(...noSysext), "worker", "v1.36.1")).toEqual([
      "systemd-sysext was not restarted",
    ]);
    const noKubelet = other.filter((line) => line !== "systemctl restart kubelet");
    expect(callProblems(calls(...noKubelet), "worker", "v1.36.1")).toEqual([
      "the kubelet was not restarted",
    ]);
    const early = [...before, ...after, "kubeadm upgrade node"];
    expect(callProblems(calls(...early), "worker", "v1.36.1")).toEqual([
      "the kubelet restarted before kubeadm upgraded",
    ]);
  });
});
