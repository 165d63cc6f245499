import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { parse as parseToml } from "smol-toml";
import { embeddedCatalogue } from "../catalogue/catalogue";
import { generateNodeSecrets } from "../cluster/generate-secrets";
import { kubeadmConfigPath } from "../cluster/kubeadm-config";
import { kubeadmImages } from "../cluster/kubeadm-images";
import { readFormInput } from "../config/form-input";
import { defaultWizardState, type WizardState } from "../config/wizard-state";
import { clusterReadiness, nodeReadiness } from "../readiness/readiness";
import type { NodeSecrets } from "../cluster/node-secrets";
import { renderCluster } from "./render-cluster";
import { clusterBundle } from "../bundle/cluster-bundle";
import { nodeBundle } from "../bundle/node-bundle";
import { decodePreset } from "../config/preset";
import { renderNode } from "./render-node";
import {
  containerdConfigPath,
  containerdDropinName,
  upstreamRegistries,
} from "./containerd-registry";

const catalogue = embeddedCatalogue();
let secrets: NodeSecrets;
beforeAll(async () => {
  secrets = await generateNodeSecrets();
});

const mirrored = (changes: Partial<WizardState> = {}): WizardState => ({
  ...defaultWizardState("v1.35.6"),
  controlPlaneEndpoint: "10.0.0.10:6443",
  mirror: "https://mirror.example.com/flatcar",
  registry: "registry.example.com:5000",
  ...changes,
});

interface ButaneDoc {
  storage: { files: { path: string; contents: { inline?: string; source?: string } }[] };
  systemd: {
    units: { name: string; contents?: string; dropins?: { name: string; contents: string }[] }[];
  };
}

const butaneOf = (state: WizardState) =>
  parse(renderNode(state, { secrets }).butane, { version: "1.1" }) as ButaneDoc;
const inlineAt = (doc: ButaneDoc, path: string) =>
  doc.storage.files.find((file) => file.path === path)?.contents.inline;

describe("a node with a registry", () => {
  it("runs containerd with Flatcar's settings, the hosts folder and the registry's pause image", () => {
    const doc = butaneOf(mirrored());
    const config = parseToml(inlineAt(doc, containerdConfigPath) ?? "") as {
      version: number;
      plugins: Record<string, Record<string, unknown>>;
    };
    const cri = config.plugins["io.containerd.grpc.v1.cri"];
    expect(config.version).toBe(2);
    expect(cri?.sandbox_image).toBe(`registry.example.com:5000/${kubeadmImages("v1.35.6").pause}`);
    expect((cri?.registry as Record<string, unknown>).config_path).toBe("/etc/containerd/certs.d");
    const runc = (
      cri?.containerd as { runtimes: { runc: { options: { SystemdCgroup: boolean } } } }
    ).runtimes.runc;
    expect(runc.options.SystemdCgroup).toBe(true);
    const containerd = doc.systemd.units.find((unit) => unit.name === "containerd.service");
    expect(containerd?.dropins?.[0]?.name).toBe(containerdDropinName);
    expect(containerd?.dropins?.[0]?.contents).toBe(
      "[Service]\nExecStart=\nExecStart=/usr/bin/containerd\n",
    );
  });

  it("sends every upstream registry's pulls to <registry>/v2/<upstream>", () => {
    const doc = butaneOf(mirrored({ registry: "registry.example.com:5000/mirror" }));
    for (const upstream of upstreamRegistries) {
      const hosts = parseToml(
        inlineAt(doc, `/etc/containerd/certs.d/${upstream}/hosts.toml`) ?? "",
      ) as { host: Record<string, { capabilities: string[]; override_path: boolean }> };
      expect(hosts.host).toEqual({
        [`https://registry.example.com:5000/v2/mirror/${upstream}`]: {
          capabilities: ["pull", "resolve"],
          override_path: true,
        },
      });
    }
    expect(inlineAt(doc, "/etc/containerd/certs.d/registry.example.com:5000/hosts.toml")).toBe(
      undefined,
    );
  });

  it("reaches a registry without TLS over http, its own images too", () => {
    const doc = butaneOf(mirrored({ registry: "http://10.0.0.5:5000" }));
    const own = parseToml(inlineAt(doc, "/etc/containerd/certs.d/10.0.0.5:5000/hosts.toml") ?? "");
    expect(own).toEqual({
      server: "http://10.0.0.5:5000",
      host: { "http://10.0.0.5:5000": { capabilities: ["pull", "resolve"] } },
    });
    expect(inlineAt(doc, "/etc/containerd/certs.d/quay.io/hosts.toml")).toContain(
      '[host."http://10.0.0.5:5000/v2/quay.io"]',
    );
  });

  it("has kubeadm pull its images from the registry at the tags the mirror list names", () => {
    const doc = butaneOf(mirrored());
    const [, cluster] = parseAllDocuments(inlineAt(doc, kubeadmConfigPath) ?? "").map((d) =>
      d.toJS(),
    ) as Record<string, unknown>[];
    const images = kubeadmImages("v1.35.6");
    expect(cluster).toMatchObject({
      kind: "ClusterConfiguration",
      imageRepository: "registry.example.com:5000/registry.k8s.io",
      dns: {
        imageRepository: "registry.example.com:5000/registry.k8s.io/coredns",
        imageTag: images.coreDnsTag,
      },
      etcd: { local: { imageTag: images.etcdTag } },
    });
    // kubeadm's own names under that repository are the list's mirrored names.
    expect(images.etcd).toBe(`registry.k8s.io/etcd:${images.etcdTag}`);
    expect(images.coreDns).toBe(`registry.k8s.io/coredns/coredns:${images.coreDnsTag}`);
  });

  it("changes nothing without one", () => {
    const doc = butaneOf(mirrored({ registry: "", mirror: "" }));
    expect(doc.storage.files.some((file) => file.path.startsWith("/etc/containerd/"))).toBe(false);
    expect(inlineAt(doc, kubeadmConfigPath)).not.toContain("imageRepository");
  });
});

describe("a node with a mirror", () => {
  it("fetches its image, transfer and manifests from the mirror, the transfer listing it too", () => {
    const state = mirrored({ sysupdate: "bakery", cni: "flannel" });
    const doc = butaneOf(state);
    const sources = doc.storage.files.flatMap((file) => file.contents.source ?? []);
    expect(sources).toEqual([
      "https://mirror.example.com/flatcar/kubernetes/kubernetes-v1.35.conf",
      "https://mirror.example.com/flatcar/noop.conf",
      "https://mirror.example.com/flatcar/kubernetes/kubernetes-v1.35.6-x86-64.raw",
    ]);
    const units = doc.systemd.units.map((unit) => unit.contents ?? "").join("\n");
    expect(units).toContain(
      "apply -f https://mirror.example.com/flatcar/github.com/flannel-io/flannel/releases/download/",
    );
    expect(units).toContain(
      "apply -f https://mirror.example.com/flatcar/github.com/kubereboot/kured/releases/download/",
    );
    const transfer = renderNode({ ...state, sysupdate: "inline" }, { secrets }).files.find(
      (file) => file.name === "kubernetes-v1.35.conf",
    );
    expect(transfer?.contents).toContain("Path=https://mirror.example.com/flatcar/kubernetes/\n");
  });

  it("keeps the image's digest pin", () => {
    const digest = "ab".repeat(32);
    const rendered = renderNode(mirrored(), { secrets, imageSha256: digest });
    expect(rendered.butane).toContain(`hash: sha256-${digest}`);
  });
});

describe("readiness with a mirror or a registry", () => {
  const readinessOf = (state: WizardState) =>
    nodeReadiness({
      state,
      rendered: renderNode(state, { secrets }),
      fieldErrors: {},
      catalogue,
      hasSecrets: true,
      hasControlPlaneSecrets: false,
    });

  it("says what still comes from the internet when only one is set, or with Cilium", () => {
    const messages = (state: WizardState) =>
      readinessOf(state)
        .warnings.filter((w) => w.rule === "download-source")
        .map((w) => w.message);
    expect(messages(mirrored())).toEqual([]);
    expect(messages(mirrored({ registry: "" }))).toEqual([
      expect.stringMatching(/^Image registry is not set: the container images still come from/),
    ]);
    expect(messages(mirrored({ mirror: "" }))).toEqual([
      expect.stringMatching(/^Download mirror is not set: the system extension and the manifests/),
    ]);
    expect(messages(mirrored({ cni: "cilium" }))).toEqual([
      expect.stringMatching(/helm\.cilium\.io/),
    ]);
    expect(messages(mirrored({ registry: "", mirror: "" }))).toEqual([]);
  });

  it("names the field when a typed mirror is not valid, and the files leave it out", () => {
    const base = mirrored({ mirror: "" });
    const { state, errors } = readFormInput({ ...base, mirror: "ftp://mirror" }, base);
    expect(errors.mirror).toMatch(/^Download mirror: an http:\/\/ or https:\/\/ address/);
    expect(state.mirror).toBe("");
    const cluster = clusterReadiness({
      state,
      nodes: renderCluster(state, secrets, {}, 1),
      fieldErrors: errors,
      catalogue,
      hasSecrets: true,
      hasControlPlaneSecrets: false,
    });
    expect(cluster.blocking.map((entry) => entry.fields)).toContainEqual(["mirror"]);
  });
});

describe("the READMEs with a mirror", () => {
  it("say where the nodes download from and how to fill the mirror for exactly these choices", () => {
    const state = mirrored({ mode: "cluster", workers: "2" });
    const nodes = renderCluster(state, secrets, {}, 2);
    const readme = clusterBundle(state, nodes, secrets).find((file) => file.path === "README.md");
    const command = /cli -- mirror --preset '([^']*)' --workers 2\n/.exec(readme?.contents ?? "");
    expect(readme?.contents).toContain(
      "These nodes download from https://mirror.example.com/flatcar and pull their images from registry.example.com:5000",
    );
    const decoded = decodePreset(command?.[1] ?? "missing", catalogue);
    expect(decoded.notices).toEqual([]);
    expect(decoded.state).toEqual({ ...state, kubernetesVersion: decoded.state.kubernetesVersion });
    expect(decoded.state.kubernetesVersion).toBe("v1.35.6");
  });

  it("say nothing of it without one", () => {
    const state = mirrored({ mirror: "", registry: "" });
    const readme = nodeBundle(state, renderNode(state, { secrets }).files).find(
      (file) => file.path === "README.md",
    );
    expect(readme?.contents).not.toContain("## Mirror and registry");
  });
});
