import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import {
  controlPlaneKubeadmConfig,
  controlPlaneKubeadmDocuments,
  workerKubeadmConfig,
  workerKubeadmDocuments,
  type ControlPlaneKubeadmInput,
} from "./kubeadm-config";
import { kubeadmApiVersion, kubeadmDocumentProblems, kubeadmRulesByMinor } from "./kubeadm-rules";
import { choices } from "../config/choices";

const token = "abcdef.0123456789abcdef";
const hash = `sha256:${"ab".repeat(32)}`;

function controlPlane(overrides: Partial<ControlPlaneKubeadmInput> = {}): ControlPlaneKubeadmInput {
  return {
    kubernetesVersion: "v1.32.2",
    clusterName: "lab",
    controlPlaneEndpoint: "10.0.0.10:6443",
    podSubnet: "10.244.0.0/16",
    serviceSubnet: "10.96.0.0/12",
    bootstrapToken: token,
    tokenTtl: "24h",
    ...overrides,
  };
}

function parse(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Record<string, unknown>;
  });
}

describe("kubeadmApiVersion", () => {
  it.each([
    ["v1.27.3", "kubeadm.k8s.io/v1beta3"],
    ["1.30", "kubeadm.k8s.io/v1beta3"],
    ["v1.31", "kubeadm.k8s.io/v1beta4"],
    ["v1.32.2", "kubeadm.k8s.io/v1beta4"],
    ["v1.35", "kubeadm.k8s.io/v1beta4"],
    ["v1.36.0", "kubeadm.k8s.io/v1beta4"],
    // v1beta3 is gone from kubeadm 1.37 on; a newer minor uses the newest known row.
    ["v1.37.2", "kubeadm.k8s.io/v1beta4"],
    ["v1.40", "kubeadm.k8s.io/v1beta4"],
  ])("%s -> %s", (version, expected) => {
    expect(kubeadmApiVersion(version)).toBe(expected);
  });

  it.each(["v1.21", "v1.26.5", "v2.0", "latest", ""])("rejects %s", (version) => {
    expect(() => kubeadmApiVersion(version)).toThrow();
  });
});

describe("control plane config", () => {
  it("has InitConfiguration with the token and ClusterConfiguration with the cluster", () => {
    const [init, cluster] = parse(controlPlaneKubeadmConfig(controlPlane({ hostname: "cp1" })));
    expect(init).toEqual({
      apiVersion: "kubeadm.k8s.io/v1beta4",
      kind: "InitConfiguration",
      bootstrapTokens: [
        {
          token,
          description: expect.any(String) as string,
          ttl: "24h0m0s",
          usages: ["signing", "authentication"],
          groups: ["system:bootstrappers:kubeadm:default-node-token"],
        },
      ],
      nodeRegistration: { name: "cp1" },
    });
    expect(cluster).toEqual({
      apiVersion: "kubeadm.k8s.io/v1beta4",
      kind: "ClusterConfiguration",
      kubernetesVersion: "v1.32.2",
      clusterName: "lab",
      controlPlaneEndpoint: "10.0.0.10:6443",
      networking: { podSubnet: "10.244.0.0/16", serviceSubnet: "10.96.0.0/12" },
    });
  });

  it("writes a never-expiring token as a duration string, not a number", () => {
    const text = controlPlaneKubeadmConfig(controlPlane({ tokenTtl: "0" }));
    expect(text).toContain("ttl: 0s");
  });

  it("uses v1beta3 with a kubelet args map before 1.31", () => {
    const [init, cluster] = parse(
      controlPlaneKubeadmConfig(
        controlPlane({
          kubernetesVersion: "v1.30.14",
          kubeletExtraArgs: { "node-ip": "10.0.0.10" },
        }),
      ),
    );
    expect(init?.apiVersion).toBe("kubeadm.k8s.io/v1beta3");
    expect(cluster?.apiVersion).toBe("kubeadm.k8s.io/v1beta3");
    expect(init?.nodeRegistration).toEqual({ kubeletExtraArgs: { "node-ip": "10.0.0.10" } });
  });

  it("uses a name/value list for kubelet args in v1beta4", () => {
    const [init] = parse(
      controlPlaneKubeadmConfig(controlPlane({ kubeletExtraArgs: { "node-ip": "10.0.0.10" } })),
    );
    expect(init?.nodeRegistration).toEqual({
      kubeletExtraArgs: [{ name: "node-ip", value: "10.0.0.10" }],
    });
  });

  it("keeps odd values as data", () => {
    const text = controlPlaneKubeadmConfig(controlPlane({ clusterName: "a: b\n---\nkind: x" }));
    const documents = parse(text);
    expect(documents).toHaveLength(2);
    expect(documents[1]?.clusterName).toBe("a: b\n---\nkind: x");
  });
});

describe("worker config", () => {
  it("joins with the same token, endpoint and CA hash", () => {
    const cp = controlPlane();
    const [join, ...rest] = parse(
      workerKubeadmConfig({
        kubernetesVersion: cp.kubernetesVersion,
        controlPlaneEndpoint: cp.controlPlaneEndpoint,
        bootstrapToken: cp.bootstrapToken,
        discoveryHash: hash,
        hostname: "worker1",
      }),
    );
    expect(rest).toEqual([]);
    expect(join).toEqual({
      apiVersion: "kubeadm.k8s.io/v1beta4",
      kind: "JoinConfiguration",
      discovery: {
        bootstrapToken: { apiServerEndpoint: "10.0.0.10:6443", token, caCertHashes: [hash] },
      },
      nodeRegistration: { name: "worker1" },
    });
    const [init] = parse(controlPlaneKubeadmConfig(cp));
    const initToken = (init?.bootstrapTokens as { token: string }[])[0]?.token;
    expect(initToken).toBe(token);
  });

  it("follows the minor's apiVersion too", () => {
    const [join] = parse(
      workerKubeadmConfig({
        kubernetesVersion: "v1.28.5",
        controlPlaneEndpoint: "cp.example.com:6443",
        bootstrapToken: token,
        discoveryHash: hash,
      }),
    );
    expect(join?.apiVersion).toBe("kubeadm.k8s.io/v1beta3");
    expect(join?.nodeRegistration).toBeUndefined();
  });
});

describe("every minor's documents are known to that minor's kubeadm", () => {
  const minors = [...kubeadmRulesByMinor.map((row) => row.minor), 38];
  it.each(minors)("v1.%i: control plane and worker documents", (minor) => {
    const kubernetesVersion = `v1.${minor}.1`;
    const controlPlaneDocuments = controlPlaneKubeadmDocuments(
      controlPlane({ kubernetesVersion, kubeletExtraArgs: { "node-ip": "10.0.0.10" } }),
    );
    const workerDocuments = workerKubeadmDocuments({
      kubernetesVersion,
      controlPlaneEndpoint: "10.0.0.10:6443",
      bootstrapToken: token,
      discoveryHash: hash,
    });
    const documents = [...controlPlaneDocuments, ...workerDocuments];
    expect(kubeadmDocumentProblems(kubernetesVersion, documents)).toEqual([]);
    const expected = minor >= 31 ? "kubeadm.k8s.io/v1beta4" : "kubeadm.k8s.io/v1beta3";
    expect(new Set(documents.map((document) => document.apiVersion))).toEqual(new Set([expected]));
  });
});

describe("token lifetime choices", () => {
  it("explains both choices", () => {
    expect(choices.tokenTtl.values.map((c) => c.value)).toEqual(["24h", "0"]);
    expect(choices.tokenTtl.values[1]?.explanation).toContain("kubeadm token delete");
  });
});
