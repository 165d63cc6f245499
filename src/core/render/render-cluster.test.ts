import { clusterShareQuery } from "../config/preset";
import { X509Certificate, createHash, createPrivateKey } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { clusterBundle } from "../bundle/cluster-bundle";
import { compileButane } from "../butane/compile";
import { parseClusterSecrets } from "../cluster/cluster-secrets-file";
import { generateNodeSecrets } from "../cluster/generate-secrets";
import { defaultWizardState, type WizardState } from "../config/wizard-state";
import { catalogueFrom } from "../catalogue/catalogue";
import pageOne from "../catalogue/fixtures/release-list-page-1.json";
import pageTwo from "../catalogue/fixtures/release-list-page-2.json";
import { kubernetesReleases, type GithubRelease } from "../catalogue/releases";
import { cniStampPath } from "../cluster/cni";
import { flannelPatchPath } from "../cluster/cni-install";
import { decodePreset } from "../config/preset";
import type { NodeSecrets } from "../cluster/node-secrets";
import { kuredPatchPath, kuredStampPath } from "./kured";
import { renderCluster } from "./render-cluster";
import { workerHostnames } from "./cluster-nodes";
import { renderNode } from "./render-node";

interface ButaneDoc {
  storage: { files: { path: string; mode?: number; contents: { inline?: string } }[] };
  systemd: { units: { name: string; contents?: string; enabled?: boolean }[] };
}

let secrets: NodeSecrets;
beforeAll(async () => {
  secrets = await generateNodeSecrets();
});

const state: WizardState = {
  ...defaultWizardState("v1.32.2"),
  controlPlaneEndpoint: "10.0.0.10:6443",
  cni: "flannel",
  workers: "3",
};
const doc = (butane: string) => parse(butane, { version: "1.1" }) as ButaneDoc;
const file = (butane: ButaneDoc, path: string) => butane.storage.files.find((f) => f.path === path);
const kubeadmDocs = (butane: ButaneDoc) =>
  parseAllDocuments(file(butane, "/etc/kubeadm.yml")?.contents.inline ?? "").map(
    (d) => d.toJS() as Record<string, unknown>,
  );

describe("generated cluster secrets", () => {
  it("make a CA that Node reads as a CA, whose key matches and whose discovery hash is its public key's", () => {
    const certificate = new X509Certificate(secrets.caCertificatePem);
    expect(certificate.ca).toBe(true);
    expect(certificate.checkPrivateKey(createPrivateKey(secrets.caPrivateKeyPem))).toBe(true);
    const spki = certificate.publicKey.export({ type: "spki", format: "der" });
    expect(secrets.discoveryHash).toBe(`sha256:${createHash("sha256").update(spki).digest("hex")}`);
    expect(secrets.bootstrapToken).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
  });

  it("differ between generations", async () => {
    const other = await generateNodeSecrets();
    expect(other.bootstrapToken).not.toBe(secrets.bootstrapToken);
    expect(other.discoveryHash).not.toBe(secrets.discoveryHash);
  });
});

describe("a control plane with generated secrets", () => {
  it("gets the CA (key 0600), a kubeadm config for its version, init --config, and the CNI unit", () => {
    const butane = doc(renderNode(state, { secrets }).butane);
    expect(file(butane, "/etc/kubernetes/pki/ca.crt")).toEqual({
      path: "/etc/kubernetes/pki/ca.crt",
      mode: 0o644,
      contents: { inline: secrets.caCertificatePem },
    });
    expect(file(butane, "/etc/kubernetes/pki/ca.key")?.mode).toBe(0o600);
    expect(file(butane, "/etc/kubeadm.yml")?.mode).toBe(0o600);
    const [init, cluster] = kubeadmDocs(butane);
    expect(init).toMatchObject({
      apiVersion: "kubeadm.k8s.io/v1beta4",
      kind: "InitConfiguration",
      bootstrapTokens: [{ token: secrets.bootstrapToken, ttl: "24h0m0s" }],
    });
    expect(cluster).toMatchObject({
      kind: "ClusterConfiguration",
      kubernetesVersion: "v1.32.2",
      controlPlaneEndpoint: "10.0.0.10:6443",
      networking: { podSubnet: "10.244.0.0/16", serviceSubnet: "10.96.0.0/12" },
    });
    const units = butane.systemd.units.map((u) => u.name);
    expect(units).toContain("install-cni.service");
    expect(butane.systemd.units.find((u) => u.name === "kubeadm.service")?.contents).toContain(
      "ExecStart=/usr/bin/kubeadm init --config /etc/kubeadm.yml\n",
    );
  });

  it("uses v1beta3 for a minor before 1.31, and no CNI unit for none", () => {
    const butane = doc(
      renderNode({ ...state, kubernetesVersion: "v1.30.14", cni: "none" }, { secrets }).butane,
    );
    expect(kubeadmDocs(butane)[0]?.apiVersion).toBe("kubeadm.k8s.io/v1beta3");
    expect(butane.systemd.units.map((u) => u.name)).not.toContain("install-cni.service");
  });

  it("leaves kubeadm out while the secrets are being made (readiness says so)", () => {
    const rendered = renderNode(state);
    expect(rendered.butane).not.toContain("kubeadm");
  });
});

describe("renderCluster", () => {
  it("makes 1 control plane and N workers that carry the same token, hash and endpoint", () => {
    const nodes = renderCluster(state, secrets);
    expect(nodes.map((n) => n.name)).toEqual(["control-plane", "worker-1", "worker-2", "worker-3"]);
    for (const node of nodes.slice(1)) {
      const butane = doc(node.rendered.butane);
      const [join] = kubeadmDocs(butane);
      expect(join).toMatchObject({
        kind: "JoinConfiguration",
        discovery: {
          bootstrapToken: {
            apiServerEndpoint: "10.0.0.10:6443",
            token: secrets.bootstrapToken,
            caCertHashes: [secrets.discoveryHash],
          },
        },
        nodeRegistration: { name: node.name },
      });
      expect(file(butane, "/etc/hostname")?.contents.inline).toBe(node.name);
      expect(file(butane, "/etc/kubernetes/pki/ca.key")).toBeUndefined();
      const unit = butane.systemd.units.find((u) => u.name === "kubeadm.service")?.contents ?? "";
      expect(unit).toContain(
        "until /usr/bin/curl --silent --insecure --max-time 5 --output /dev/null https://10.0.0.10:6443/livez",
      );
      expect(unit).toContain("Restart=on-failure");
    }
    for (const node of nodes) {
      expect(node.rendered.compiled.reports).toEqual([]);
      expect(compileButane(node.rendered.butane, { strict: true }).exitCode).toBe(0);
    }
  });

  // renderCluster makes workers from one template (render-cluster.ts, workerFromTemplate):
  // each must be what rendering and compiling that node alone gives, byte for byte.
  const aloneChoices: [string, Partial<WizardState>][] = [
    ["flannel, worker-{n}", {}],
    [
      "calico, arm64, updates off, kured",
      { cni: "calico", arch: "arm64", updates: "off", reboot: "kured" },
    ],
    [
      "extra Butane and SSH keys, long dotted names",
      {
        workerNamePattern: `${"k".repeat(50)}-{n}.nodes.example.com`,
        sshKeys:
          "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5Zm9ydGhlY2x1c3RlcnRlc3Q0MjQyNDI ops@example",
        extraButane:
          "storage:\n  files:\n    - path: /etc/motd\n      contents:\n        inline: worker-1 says hello\n",
      },
    ],
    ["names YAML would quote (numbers)", { workerNamePattern: "{n}" }],
    ["names YAML would quote (floats)", { workerNamePattern: "{n}e5" }],
  ];
  it.each(aloneChoices)("makes each worker as renderNode alone does: %s", (_, changes) => {
    const choices: WizardState = { ...state, ...changes, bootstrap: "generated" };
    const nodes = renderCluster(choices, secrets, {}, 12);
    expect(nodes).toHaveLength(13);
    for (const node of nodes.slice(1)) {
      const alone = renderNode({ ...choices, role: "worker", hostname: node.name }, { secrets });
      expect(node.rendered.compiled.exitCode).toBe(0);
      expect(node.rendered).toEqual(alone);
      expect(JSON.stringify(node.rendered)).toBe(JSON.stringify(alone));
    }
  });

  it("names workers from the pattern", () => {
    expect(workerHostnames("w{n}.example.com", 2)).toEqual(["w1.example.com", "w2.example.com"]);
  });

  it("bundles a folder per node, the secrets file (which loads back) and a README with the boot order", async () => {
    const nodes = renderCluster({ ...state, workers: "2", tokenTtl: "0" }, secrets);
    const files = clusterBundle({ ...state, tokenTtl: "0" }, nodes, secrets);
    expect(files.map((f) => f.path)).toEqual([
      "control-plane/config.bu",
      "control-plane/config.ign",
      "worker-1/config.bu",
      "worker-1/config.ign",
      "worker-2/config.bu",
      "worker-2/config.ign",
      "cluster-secrets.json",
      "README.md",
    ]);
    const loaded = await parseClusterSecrets(
      files.find((f) => f.path === "cluster-secrets.json")?.contents ?? "",
    );
    expect(loaded).toEqual({
      ok: true,
      secrets: expect.objectContaining({
        ...secrets,
        controlPlaneEndpoint: "10.0.0.10:6443",
        tokenTtl: "0",
      }),
    });
    const readme = files.at(-1)?.contents ?? "";
    // The cluster's own link, in the README and the secrets file, for an upgrade months later.
    const link = clusterShareQuery({ ...state, tokenTtl: "0" });
    expect(link).toContain("mode=cluster");
    expect(readme).toContain(`## The link that made it\n\n    ${link}\n`);
    expect(loaded.ok && loaded.secrets.shareLink).toBe(link);
    expect(readme).toContain("1. `control-plane/config.ign`: the control plane");
    expect(readme).toContain("`worker-1`, `worker-2`");
  });
});

describe("a zero-touch 1+3 cluster for Kubernetes 1.37, from recorded GitHub responses", () => {
  // The recorded release list holds v1.37.0 (v1.37.1 is a draft, v1.37.2 a prerelease).
  const live = catalogueFrom(
    kubernetesReleases([...pageOne, ...pageTwo] as GithubRelease[]),
    { kind: "live", fetchedAt: 0, assetsComplete: true },
    "2026-12-02",
  );
  const render = (preset: string) => {
    const { state, notices } = decodePreset(preset, live);
    expect(notices).toEqual([]);
    return renderCluster(state, secrets);
  };

  it.each(["calico", "flannel"])(
    "with %s: v1beta4 only, the CNI and kured installed once, strict compile with no message",
    (cni) => {
      const nodes = render(
        `k8s=v1.37&cni=${cni}&endpoint=10.0.0.10:6443&workers=3&window=Thu 04:00,1h`,
      );
      expect(nodes.map((node) => node.name)).toEqual([
        "control-plane",
        "worker-1",
        "worker-2",
        "worker-3",
      ]);
      for (const node of nodes) {
        expect(node.rendered.butane).toContain("kubernetes-v1.37.0-x86-64.raw");
        const butane = doc(node.rendered.butane);
        const apiVersions = kubeadmDocs(butane).map((document) => document.apiVersion);
        expect(apiVersions.length).toBeGreaterThan(0);
        expect(new Set(apiVersions)).toEqual(new Set(["kubeadm.k8s.io/v1beta4"]));
        expect(node.rendered.butane).not.toContain("v1beta3");
        const strict = compileButane(node.rendered.butane, { strict: true });
        expect(strict.exitCode).toBe(0);
        expect(strict.stderr).toBe("");
        expect(node.rendered.notices).toEqual([]);
        const units = butane.systemd.units.map((unit) => unit.name);
        const installs = units.filter((name) => name === "install-cni.service").length;
        const kureds = units.filter((name) => name === "install-kured.service").length;
        expect([installs, kureds]).toEqual(node.role === "control-plane" ? [1, 1] : [0, 0]);
        expect(units).toContain("locksmithd.service");
      }
      const controlPlane = doc(nodes[0]?.rendered.butane ?? "");
      const unit = (name: string) =>
        controlPlane.systemd.units.find((candidate) => candidate.name === name)?.contents ?? "";
      expect(unit("install-cni.service")).toContain(`ConditionPathExists=!${cniStampPath}`);
      expect(unit("install-cni.service")).toContain(
        cni === "calico"
          ? "https://raw.githubusercontent.com/projectcalico/calico/v3.33.0/manifests/tigera-operator.yaml"
          : "https://github.com/flannel-io/flannel/releases/download/v0.28.9/kube-flannel.yml",
      );
      expect(unit("install-kured.service")).toContain(`ConditionPathExists=!${kuredStampPath}`);
      expect(unit("install-kured.service")).toContain(
        "apply -f https://github.com/kubereboot/kured/releases/download/1.23.0/kured-1.23.0-combined.yaml",
      );
      expect(file(controlPlane, kuredPatchPath)?.contents.inline).toContain('"--reboot-days=thu"');
    },
  );

  it("with Flannel and pod CIDR 10.42.0.0/16: kubeadm and Flannel get the same network", () => {
    const [controlPlane] = render(
      "k8s=v1.37&cni=flannel&pod-cidr=10.42.0.0/16&endpoint=10.0.0.10:6443",
    );
    const butane = doc(controlPlane?.rendered.butane ?? "");
    const cluster = kubeadmDocs(butane).find(
      (document) => document.kind === "ClusterConfiguration",
    );
    expect(cluster?.networking).toEqual({
      podSubnet: "10.42.0.0/16",
      serviceSubnet: "10.96.0.0/12",
    });
    const patch = JSON.parse(file(butane, flannelPatchPath)?.contents.inline ?? "") as {
      data: { "net-conf.json": string };
    };
    expect(JSON.parse(patch.data["net-conf.json"])).toMatchObject({ Network: "10.42.0.0/16" });
  });

  it("with Flannel and an IPv6 pod CIDR: IPv6Network is the podSubnet, IPv4 off", () => {
    const [controlPlane] = render(
      "k8s=v1.37&cni=flannel&pod-cidr=fd00:10:244::/56&service-cidr=fd00:10:96::/112&endpoint=[fd00::10]:6443",
    );
    const butane = doc(controlPlane?.rendered.butane ?? "");
    const cluster = kubeadmDocs(butane).find(
      (document) => document.kind === "ClusterConfiguration",
    );
    expect(cluster?.networking).toEqual({
      podSubnet: "fd00:10:244::/56",
      serviceSubnet: "fd00:10:96::/112",
    });
    const patch = JSON.parse(file(butane, flannelPatchPath)?.contents.inline ?? "") as {
      data: { "net-conf.json": string };
    };
    expect(JSON.parse(patch.data["net-conf.json"])).toEqual({
      IPv6Network: "fd00:10:244::/56",
      EnableIPv4: false,
      EnableIPv6: true,
      Backend: { Type: "vxlan" },
    });
  });

  it("with kured left to the person: no kured unit, and the README gives the commands", () => {
    const nodes = render("k8s=v1.37&cni=calico&kured=manual&endpoint=10.0.0.10:6443&workers=1");
    for (const node of nodes) {
      expect(doc(node.rendered.butane).systemd.units.map((unit) => unit.name)).not.toContain(
        "install-kured.service",
      );
    }
    const { state } = decodePreset(
      "k8s=v1.37&cni=calico&kured=manual&endpoint=10.0.0.10:6443",
      live,
    );
    const readme = clusterBundle(state, nodes, secrets).find((entry) => entry.path === "README.md");
    expect(readme?.contents).toContain("- Reboots: kured, which you install yourself");
    expect(readme?.contents).toContain(
      "kubectl apply -f https://github.com/kubereboot/kured/releases/download/1.23.0/kured-1.23.0-combined.yaml",
    );
    expect(readme?.contents).toContain(
      "- Pod network: Calico v3.33.0, applied once by `install-cni.service`",
    );
  });
});
