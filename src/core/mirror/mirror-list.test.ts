import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { defaultWizardState, type WizardState } from "../config/wizard-state";
import { kubeVipRelease } from "../cluster/kube-vip";
import { mirrorList, mirrorNodes } from "./mirror-list";
import { mirrorListText, mirrorScript } from "./mirror-script";

const state = (changes: Partial<WizardState> = {}): WizardState => ({
  ...defaultWizardState("v1.35.6"),
  controlPlaneEndpoint: "10.0.0.100:6443",
  mirror: "https://mirror.example.com/flatcar",
  registry: "registry.example.com:5000",
  ...changes,
});

describe("mirrorNodes", () => {
  it("is the one node, or the whole cluster for mode cluster or a worker count", () => {
    expect(mirrorNodes(state())).toHaveLength(1);
    const cluster = mirrorNodes(state({ mode: "cluster", controlPlanes: "3", workers: "2" }));
    expect(cluster.map((node) => [node.state.role, node.index])).toEqual([
      ["control-plane", 0],
      ["control-plane", 1],
      ["control-plane", 2],
      ["worker", undefined],
      ["worker", undefined],
    ]);
    expect(mirrorNodes(state(), 4)).toHaveLength(5);
  });
});

describe("mirrorList", () => {
  it("lists a cluster's downloads once each, with the digests it knows", () => {
    const digest = "cd".repeat(32);
    const list = mirrorList(
      mirrorNodes(state({ mode: "cluster", sysupdate: "bakery", controlPlanes: "3" })),
      { imageSha256: digest },
    );
    expect(list.files.map((file) => [file.path, file.fetchedBy])).toEqual([
      ["kubernetes/kubernetes-v1.35.6-x86-64.raw", "Ignition"],
      ["kubernetes/kubernetes-v1.35.conf", "Ignition"],
      ["noop.conf", "Ignition"],
      ["kubernetes/SHA256SUMS", "systemd-sysupdate"],
      [
        "raw.githubusercontent.com/projectcalico/calico/v3.33.0/manifests/operator-crds.yaml",
        "install-cni.service",
      ],
      [
        "raw.githubusercontent.com/projectcalico/calico/v3.33.0/manifests/tigera-operator.yaml",
        "install-cni.service",
      ],
      [
        "github.com/kubereboot/kured/releases/download/1.23.0/kured-1.23.0-combined.yaml",
        "install-kured.service",
      ],
    ]);
    const [image, transfer] = list.files;
    expect(image?.sha256).toBe(digest);
    expect(image?.source).toBe(
      "https://extensions.flatcar.org/extensions/kubernetes/kubernetes-v1.35.6-x86-64.raw",
    );
    // What the wizard writes is listed with its bytes and their digest, and no source.
    expect(transfer?.source).toBeUndefined();
    expect(transfer?.sha256).toBe(
      createHash("sha256")
        .update(transfer?.contents ?? "x")
        .digest("hex"),
    );
    expect(transfer?.contents).toContain("Path=https://mirror.example.com/flatcar/kubernetes/");
    expect(list.images.map((entry) => entry.mirrored)).toContain(
      `registry.example.com:5000/${kubeVipRelease.image}`,
    );
    expect(new Set(list.images.map((entry) => entry.image)).size).toBe(list.images.length);
    expect(list.notes.join("\n")).toMatch(/Calico's operator chooses its images/);
  });

  it("lists Cilium's system extension for the control plane that installs it", () => {
    const list = mirrorList(
      mirrorNodes(state({ cni: "cilium", updates: "off", reboot: "locksmithd" })),
    );
    expect(list.files.map((file) => file.url)).toEqual([
      "https://mirror.example.com/flatcar/kubernetes/kubernetes-v1.35.6-x86-64.raw",
      "https://mirror.example.com/flatcar/cilium/cilium-v0.19.6-x86-64.raw",
    ]);
  });

  it("lists only what a worker fetches and pulls", () => {
    const list = mirrorList(
      mirrorNodes(state({ role: "worker", mode: "join", reboot: "locksmithd" })),
    );
    expect(list.files.map((file) => file.path)).toEqual([
      "kubernetes/kubernetes-v1.35.6-x86-64.raw",
      "kubernetes/SHA256SUMS",
    ]);
    expect(list.images.map((entry) => entry.image)).toEqual([
      expect.stringMatching(/^registry\.k8s\.io\/pause:/),
      "registry.k8s.io/kube-proxy:v1.35.6",
    ]);
  });
});

describe("mirrorScript", () => {
  const list = mirrorList(
    mirrorNodes(state({ mode: "cluster", sysupdate: "bakery", registry: "http://10.0.0.5:5000" })),
    { imageSha256: "ef".repeat(32) },
  );
  const script = mirrorScript(list);

  it("downloads each file, checks known digests, writes the wizard's files and copies each image", () => {
    expect(script).toContain(
      `fetch 'https://extensions.flatcar.org/extensions/kubernetes/kubernetes-v1.35.6-x86-64.raw' 'kubernetes/kubernetes-v1.35.6-x86-64.raw' '${"ef".repeat(32)}'`,
    );
    expect(script).toContain(`cat > "$dir"/'kubernetes/kubernetes-v1.35.conf' <<'FKW_FILE'`);
    expect(script).toContain(`(cd "$dir"/'kubernetes' && sha256sum -- *.raw > SHA256SUMS)`);
    expect(script).toContain(
      "skopeo copy --all --dest-tls-verify=false 'docker://registry.k8s.io/kube-proxy:v1.35.6' 'docker://10.0.0.5:5000/registry.k8s.io/kube-proxy:v1.35.6'",
    );
  });

  it("passes shellcheck", () => {
    const check = spawnSync("shellcheck", ["--shell=sh", "-"], { input: script, encoding: "utf8" });
    if (check.error)
      throw new Error("shellcheck is needed for this test: install Debian's shellcheck");
    expect(check.stdout + check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("writes the wizard's files byte for byte when run", () => {
    // Only the here-documents: no network. The script's writing part, run by sh.
    const file = list.files.find((entry) => entry.contents !== undefined);
    const dir = spawnSync("mktemp", ["-d"], { encoding: "utf8" }).stdout.trim();
    const heredocs = script
      .split("\n")
      .filter((_, index, lines) => {
        const start = lines.findIndex((line) =>
          line.startsWith(`cat > "$dir"/'${file?.path ?? ""}'`),
        );
        const end = lines.indexOf("FKW_FILE", start);
        return index >= start - 1 && index <= end;
      })
      .join("\n");
    const run = spawnSync(
      "sh",
      ["-c", `dir=${dir}\n${heredocs}\ncat "$dir"/'${file?.path ?? ""}'`],
      {
        encoding: "utf8",
      },
    );
    expect(run.stdout).toBe(file?.contents);
  });
});

describe("mirrorListText", () => {
  it("gives one line per URL and per image", () => {
    const list = mirrorList(
      mirrorNodes(state({ updates: "off", reboot: "locksmithd", cni: "none" })),
    );
    expect(mirrorListText(list).split("\n").filter(Boolean)).toEqual([
      "https://mirror.example.com/flatcar/kubernetes/kubernetes-v1.35.6-x86-64.raw  -  https://extensions.flatcar.org/extensions/kubernetes/kubernetes-v1.35.6-x86-64.raw",
      ...list.images.map((entry) => `${entry.mirrored}  ${entry.image}`),
    ]);
  });
});
