import { createHash, createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { embeddedCatalogue } from "../catalogue/catalogue";
import { controlPlaneSecretPaths } from "../cluster/control-plane-files";
import { generateNodeSecrets } from "../cluster/generate-secrets";
import { kubeadmApiVersion } from "../cluster/kubeadm-rules";
import { kubeVipRelease } from "../cluster/kube-vip";
import { readFormInput } from "../config/form-input";
import { defaultWizardState, type WizardState } from "../config/wizard-state";
import { clusterReadiness, nodeReadiness } from "../readiness/readiness";
import type { NodeSecrets } from "../cluster/node-secrets";
import { renderCluster, type ClusterNode } from "./render-cluster";
import { renderNode } from "./render-node";

const catalogue = embeddedCatalogue();
let secrets: NodeSecrets;
beforeAll(async () => {
  secrets = await generateNodeSecrets({ controlPlanes: 3 });
});

const haState = (changes: Partial<WizardState> = {}): WizardState => ({
  ...defaultWizardState("v1.35.6"),
  controlPlaneEndpoint: "10.0.0.100:6443",
  controlPlanes: "3",
  workers: "2",
  tokenTtl: "0",
  ...changes,
});

interface ButaneDoc {
  storage: { files: { path: string; mode?: number; contents: { inline?: string } }[] };
  systemd: { units: { name: string; contents?: string }[] };
}

const butaneOf = (node: ClusterNode) =>
  parse(node.rendered.butane, { version: "1.1" }) as ButaneDoc;
const fileOf = (node: ClusterNode, path: string) =>
  butaneOf(node).storage.files.find((file) => file.path === path);
const inline = (node: ClusterNode, path: string) => {
  const text = fileOf(node, path)?.contents.inline;
  if (text === undefined) throw new Error(`${node.name} has no ${path}`);
  return text;
};
const unit = (node: ClusterNode, name: string) =>
  butaneOf(node).systemd.units.find((entry) => entry.name === name)?.contents ?? "";
const kubeadmDocs = (node: ClusterNode) =>
  parseAllDocuments(inline(node, "/etc/kubeadm.yml")).map(
    (document) => document.toJS() as Record<string, unknown>,
  );

describe("three control planes from one set of secrets", () => {
  it("names them cp-1…cp-3 before the workers, and every one compiles", () => {
    const nodes = renderCluster(haState(), secrets);
    expect(nodes.map((node) => [node.name, node.role])).toEqual([
      ["cp-1", "control-plane"],
      ["cp-2", "control-plane"],
      ["cp-3", "control-plane"],
      ["worker-1", "worker"],
      ["worker-2", "worker"],
    ]);
    for (const node of nodes) expect(node.rendered.compiled.exitCode).toBe(0);
  });

  it("gives every control plane the same CA, front-proxy CA, etcd CA and service-account keys", () => {
    const controlPlanes = renderCluster(haState(), secrets).slice(0, 3);
    const paths = [
      "/etc/kubernetes/pki/ca.crt",
      "/etc/kubernetes/pki/ca.key",
      ...Object.values(controlPlaneSecretPaths),
    ];
    for (const path of paths) {
      const texts = new Set(controlPlanes.map((node) => inline(node, path)));
      expect(texts.size, path).toBe(1);
    }
    const [first] = controlPlanes as [ClusterNode];
    for (const [name, base] of [
      ["kubernetes", "/etc/kubernetes/pki/ca"],
      ["front-proxy-ca", "/etc/kubernetes/pki/front-proxy-ca"],
      ["etcd-ca", "/etc/kubernetes/pki/etcd/ca"],
    ] as const) {
      const certificate = new X509Certificate(inline(first, `${base}.crt`));
      expect(certificate.ca).toBe(true);
      expect(certificate.subject).toBe(`CN=${name}`);
      expect(certificate.checkPrivateKey(createPrivateKey(inline(first, `${base}.key`)))).toBe(
        true,
      );
      // Keys are root's alone; certificates may be read.
      expect(fileOf(first, `${base}.key`)?.mode).toBe(0o600);
      expect(fileOf(first, `${base}.crt`)?.mode).toBe(0o644);
    }
    const fromPrivate = createPublicKey(
      createPrivateKey(inline(first, "/etc/kubernetes/pki/sa.key")),
    );
    const published = createPublicKey(inline(first, "/etc/kubernetes/pki/sa.pub"));
    expect(fromPrivate.export({ type: "spki", format: "pem" })).toBe(
      published.export({ type: "spki", format: "pem" }),
    );
    expect(fileOf(first, "/etc/kubernetes/pki/sa.key")?.mode).toBe(0o600);
  });

  it("initialises on the first, joins the others as control planes without a certificate key", () => {
    const [first, ...others] = renderCluster(haState(), secrets).slice(0, 3) as [
      ClusterNode,
      ...ClusterNode[],
    ];
    expect(kubeadmDocs(first).map((doc) => doc.kind)).toEqual([
      "InitConfiguration",
      "ClusterConfiguration",
    ]);
    expect(unit(first, "kubeadm.service")).toContain("ExecStart=/usr/bin/kubeadm init --config");
    expect(others).toHaveLength(2);
    for (const node of others) {
      const [join] = kubeadmDocs(node);
      expect(join).toMatchObject({
        kind: "JoinConfiguration",
        controlPlane: {},
        nodeRegistration: { name: node.name },
        discovery: { bootstrapToken: { apiServerEndpoint: "10.0.0.100:6443" } },
      });
      expect(JSON.stringify(join)).not.toContain("certificateKey");
      expect(unit(node, "kubeadm.service")).toContain("ExecStart=/usr/bin/kubeadm join --config");
      expect(unit(node, "kubeadm.service")).toContain("https://10.0.0.100:6443/readyz");
      // Add-ons are installed once, by the first control plane.
      expect(unit(node, "install-cni.service")).toBe("");
    }
  });

  it("starts the joins a minute apart, so etcd members are added one at a time", () => {
    const nodes = renderCluster(haState({ controlPlanes: "5" }), secrets).slice(0, 5);
    expect(
      nodes.map(
        (node) => /ExecStartPre=\/usr\/bin\/sleep (\d+)/.exec(unit(node, "kubeadm.service"))?.[1],
      ),
    ).toEqual([undefined, undefined, "60", "120", "180"]);
  });

  it("writes join configs each minor's kubeadm reads, 1.27 to 1.37", () => {
    const versions = [
      ...catalogue.minors.flatMap((group) => group.releases.slice(0, 1).map((r) => r.version)),
      "v1.37.0", // newer than the snapshot: from the recorded GitHub responses
    ];
    expect(versions).toEqual(expect.arrayContaining(["v1.27.3", "v1.37.0"]));
    for (const version of versions) {
      const [, second] = renderCluster(haState({ kubernetesVersion: version }), secrets, {}, 0) as [
        ClusterNode,
        ClusterNode,
      ];
      const [join] = kubeadmDocs(second);
      expect(join?.apiVersion, version).toBe(kubeadmApiVersion(version));
      expect(second.rendered.compiled.exitCode).toBe(0);
    }
  });

  it("gives every worker the CA's discovery hash", () => {
    const nodes = renderCluster(haState(), secrets);
    const spki = new X509Certificate(secrets.caCertificatePem).publicKey.export({
      type: "spki",
      format: "der",
    });
    const hash = `sha256:${createHash("sha256").update(spki).digest("hex")}`;
    for (const worker of nodes.filter((node) => node.role === "worker")) {
      const [join] = kubeadmDocs(worker);
      expect(join).toMatchObject({ discovery: { bootstrapToken: { caCertHashes: [hash] } } });
      expect(join).not.toHaveProperty("controlPlane");
      expect(fileOf(worker, controlPlaneSecretPaths.etcdCaPrivateKeyPem)).toBeUndefined();
    }
  });
});

describe("kube-vip", () => {
  const manifest = (node: ClusterNode, path: string) =>
    parse(inline(node, path)) as {
      spec: {
        containers: { image: string; env: { name: string; value?: string }[] }[];
        volumes: { hostPath: { path: string; type: string } }[];
      };
    };
  const env = (pod: ReturnType<typeof manifest>, name: string) =>
    pod.spec.containers[0]?.env.find((entry) => entry.name === name)?.value;

  it("runs on every control plane, pinned, with the endpoint's address on the chosen interface", () => {
    const nodes = renderCluster(haState({ vipInterface: "ens3" }), secrets);
    const [first, second] = nodes as [ClusterNode, ClusterNode];
    const pod = manifest(first, "/etc/kubernetes/manifests/kube-vip.yaml");
    expect(pod.spec.containers[0]?.image).toBe(kubeVipRelease.image);
    expect(kubeVipRelease.image).toMatch(/:v\d+\.\d+\.\d+$/);
    expect(env(pod, "address")).toBe("10.0.0.100");
    expect(env(pod, "vip_interface")).toBe("ens3");
    expect(env(pod, "port")).toBe("6443");
    expect(env(pod, "vip_arp")).toBe("true");
    expect(env(pod, "cp_enable")).toBe("true");
    // The joining control planes keep it aside until kubeadm join has run.
    expect(fileOf(second, "/etc/kubernetes/manifests/kube-vip.yaml")).toBeUndefined();
    expect(manifest(second, "/etc/kubernetes/kube-vip.yaml").spec.volumes[0]?.hostPath).toEqual({
      path: "/etc/kubernetes/admin.conf",
      type: "File",
    });
    expect(unit(second, "kubeadm.service")).toContain(
      "ExecStartPost=/usr/bin/cp /etc/kubernetes/kube-vip.yaml /etc/kubernetes/manifests/kube-vip.yaml",
    );
    for (const worker of nodes.slice(3)) {
      expect(fileOf(worker, "/etc/kubernetes/manifests/kube-vip.yaml")).toBeUndefined();
    }
  });

  it("uses super-admin.conf during the first init from 1.29, admin.conf after and before", () => {
    const [first] = renderCluster(haState(), secrets) as [ClusterNode];
    expect(
      manifest(first, "/etc/kubernetes/manifests/kube-vip.yaml").spec.volumes[0]?.hostPath.path,
    ).toBe("/etc/kubernetes/super-admin.conf");
    expect(unit(first, "kubeadm.service")).toContain(
      "ExecStartPost=/usr/bin/sed -i 's#path: /etc/kubernetes/super-admin.conf#path: /etc/kubernetes/admin.conf#' /etc/kubernetes/manifests/kube-vip.yaml",
    );
    const old = catalogue.releases.find((release) => release.minor === "v1.28");
    if (!old) throw new Error("the snapshot has no 1.28");
    const [oldFirst] = renderCluster(haState({ kubernetesVersion: old.version }), secrets) as [
      ClusterNode,
    ];
    expect(
      manifest(oldFirst, "/etc/kubernetes/manifests/kube-vip.yaml").spec.volumes[0]?.hostPath.path,
    ).toBe("/etc/kubernetes/admin.conf");
    expect(unit(oldFirst, "kubeadm.service")).not.toContain("super-admin");
  });

  it("an IPv6 virtual IP is written without brackets, as a /128", () => {
    const [first] = renderCluster(
      haState({ controlPlaneEndpoint: "[fd00::100]:6443" }),
      secrets,
    ) as [ClusterNode];
    const pod = manifest(first, "/etc/kubernetes/manifests/kube-vip.yaml");
    expect(env(pod, "address")).toBe("fd00::100");
    expect(env(pod, "vip_subnet")).toBe("128");
  });

  it("is left out with an external load balancer", () => {
    for (const node of renderCluster(haState({ loadBalancer: "external" }), secrets)) {
      expect(node.rendered.butane).not.toContain("kube-vip");
    }
  });
});

describe("the virtual IP's interface", () => {
  it.each(["eth0; rm -rf /", "eth0\nExecStart=/bin/sh", "a-very-long-interface-name", "", "eth 0"])(
    "refuses %j, naming the field, and keeps the last good one",
    (typed) => {
      const base = haState();
      const { state, errors } = readFormInput({ ...base, vipInterface: typed }, base);
      expect(errors.vipInterface).toMatch(/^Virtual IP interface: an interface name of letters/);
      expect(state.vipInterface).toBe("eth0");
    },
  );
});

describe("readiness of several control planes", () => {
  const judge = (changes: Partial<WizardState>, nodeSecrets: NodeSecrets = secrets) => {
    const state = haState(changes);
    return clusterReadiness({
      state,
      fieldErrors: {},
      catalogue,
      hasSecrets: true,
      hasControlPlaneSecrets: nodeSecrets.controlPlane !== undefined,
      today: "2026-12-02",
      nodes: renderCluster(state, nodeSecrets),
    });
  };
  const rules = (changes: Partial<WizardState>, nodeSecrets?: NodeSecrets) =>
    judge(changes, nodeSecrets).blocking.map((entry) => entry.rule);

  it("is ready with a virtual IP on 6443", () => {
    expect(rules({})).toEqual([]);
  });

  it("refuses a kube-vip endpoint that is a name, or on another port", () => {
    expect(rules({ controlPlaneEndpoint: "k8s.example.com:6443" })).toEqual(["vip-not-address"]);
    expect(rules({ controlPlaneEndpoint: "10.0.0.100:8443" })).toEqual(["vip-port"]);
    expect(judge({ controlPlaneEndpoint: "10.0.0.100:8443" }).blocking[0]?.message).toContain(
      "use 10.0.0.100:6443",
    );
    // An external load balancer may have a name and any port.
    expect(
      rules({ loadBalancer: "external", controlPlaneEndpoint: "k8s.example.com:443" }),
    ).toEqual([]);
  });

  it("needs an endpoint", () => {
    expect(rules({ controlPlaneEndpoint: "" })).toContain("endpoint-missing");
  });

  it("refuses secrets without what the control planes share", () => {
    const single: NodeSecrets = { ...secrets, controlPlane: undefined };
    expect(rules({}, single)).toEqual(["control-plane-secrets-missing"]);
  });

  it("a lone control plane node of three without an endpoint is blocked, not warned", () => {
    const state = haState({ role: "control-plane", controlPlaneEndpoint: "" });
    const readiness = nodeReadiness({
      state,
      fieldErrors: {},
      catalogue,
      hasSecrets: true,
      hasControlPlaneSecrets: true,
      today: "2026-12-02",
      rendered: renderNode(state, { secrets }),
    });
    expect(readiness.blocking.map((entry) => entry.rule)).toEqual(["endpoint-missing"]);
  });
});
