import { X509Certificate, createHash, createPrivateKey } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { clusterBundle } from "../bundle/cluster-bundle";
import { compileButane } from "../butane/compile";
import { parseClusterSecrets } from "../cluster/cluster-secrets-file";
import { generateNodeSecrets } from "../cluster/generate-secrets";
import { defaultWizardState, type WizardState } from "../config/wizard-state";
import type { NodeSecrets } from "./kubeadm-parts";
import { renderCluster, workerHostnames } from "./render-cluster";
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
    expect(readme).toContain("1. `control-plane/config.ign`: the control plane");
    expect(readme).toContain("`worker-1`, `worker-2`");
  });
});
