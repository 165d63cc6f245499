import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { embeddedCatalogue, findRelease } from "../catalogue/catalogue";
import { readFormInput, type FieldErrors } from "../config/form-input";
import { defaultWizardState, type WizardState } from "../config/wizard-state";
import { wizardStateArbitrary } from "../config/wizard-state-arbitrary";
import { checkProperty, propertyTimeout } from "../../test-support/property-run";
import type { NodeSecrets } from "../cluster/node-secrets";
import { renderCluster } from "../render/render-cluster";
import { renderNode } from "../render/render-node";
import {
  clusterReadiness,
  nodeReadiness,
  readinessHeadline,
  readinessReadmeSection,
  type Readiness,
} from "./readiness";

const catalogue = embeddedCatalogue();
const version = catalogue.newest.version;

/** Stand-in secrets: rendering only places them, so their shape is what matters here. */
const secrets: NodeSecrets = {
  bootstrapToken: "abcdef.0123456789abcdef",
  caCertificatePem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
  caPrivateKeyPem: "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
  discoveryHash: `sha256:${"ab".repeat(32)}`,
};

const zeroTouch: WizardState = {
  ...defaultWizardState(version),
  controlPlaneEndpoint: "10.0.0.10:6443",
  tokenTtl: "0",
};
const manualWorker: WizardState = {
  ...zeroTouch,
  bootstrap: "manual",
  role: "worker",
  joinToken: "abcdef.0123456789abcdef",
  caCertHash: `sha256:${"0a".repeat(32)}`,
};

function node(
  changes: Partial<WizardState>,
  options: { fieldErrors?: FieldErrors; hasSecrets?: boolean; base?: WizardState } = {},
): Readiness {
  const state = { ...(options.base ?? zeroTouch), ...changes };
  const hasSecrets = options.hasSecrets ?? true;
  return nodeReadiness({
    state,
    fieldErrors: options.fieldErrors ?? {},
    catalogue,
    hasSecrets,
    rendered: renderNode(state, hasSecrets ? { secrets } : {}),
  });
}

const rules = (readiness: Readiness) => ({
  blocking: readiness.blocking.map((item) => item.rule),
  warnings: readiness.warnings.map((item) => item.rule),
});

describe("a node is ready to boot", () => {
  it("as a zero-touch control plane or worker with every value set", () => {
    expect(node({})).toEqual({ ready: true, blocking: [], warnings: [] });
    expect(node({ role: "worker" })).toEqual({ ready: true, blocking: [], warnings: [] });
  });

  it("as a manual control plane, and as a manual worker with endpoint, token and CA hash", () => {
    expect(node({ role: "control-plane" }, { base: manualWorker, hasSecrets: false }).ready).toBe(
      true,
    );
    expect(node({}, { base: manualWorker, hasSecrets: false })).toEqual({
      ready: true,
      blocking: [],
      warnings: [],
    });
  });

  it("with valid extra Butane", () => {
    const extraButane =
      "storage:\n  files:\n    - path: /etc/motd\n      contents:\n        inline: hi\n";
    expect(node({ extraButane }).ready).toBe(true);
  });
});

describe("blocking problems", () => {
  it("a worker without the control plane endpoint, zero-touch or manual", () => {
    const zero = node({ role: "worker", controlPlaneEndpoint: "" });
    expect(rules(zero).blocking).toEqual(["endpoint-missing"]);
    expect(zero.blocking[0]?.fields).toEqual(["controlPlaneEndpoint"]);
    expect(zero.blocking[0]?.message).toMatch(/Control plane endpoint is not set/);
    expect(rules(node({ controlPlaneEndpoint: "" }, { base: manualWorker })).blocking).toEqual([
      "endpoint-missing",
    ]);
  });

  it("a manual worker without its join token or CA hash, one item per missing value", () => {
    const readiness = node({ joinToken: "", caCertHash: "" }, { base: manualWorker });
    expect(readiness.blocking.map((item) => item.fields)).toEqual([["joinToken"], ["caCertHash"]]);
    expect(readiness.blocking[0]?.message).toBe(
      "Join token is not set: the worker has no kubeadm join until it is.",
    );
  });

  it("a value typed but not valid names its field, what is allowed, and that it is left out", () => {
    const { state, errors } = readFormInput(
      { ...zeroTouch, reboot: "locksmithd", windowStart: "Thursday 04:00", windowLength: "1h" },
      zeroTouch,
    );
    const readiness = nodeReadiness({
      state,
      fieldErrors: errors,
      catalogue,
      hasSecrets: true,
      rendered: renderNode(state, { secrets }),
    });
    expect(readiness.ready).toBe(false);
    expect(readiness.blocking[0]?.fields).toEqual(["windowStart"]);
    expect(readiness.blocking[0]?.message).toMatch(
      /^Reboot window start: .*The files leave this value out until it is fixed\.$/,
    );
  });

  it("extra Butane that is not YAML, or that Butane rejects, with the snippet's line", () => {
    const syntax = node({ extraButane: "storage:\n  files: [\n" });
    expect(rules(syntax).blocking).toEqual(["extra-butane"]);
    expect(syntax.blocking[0]?.message).toMatch(/^Extra Butane, line \d+: not valid YAML/);
    const rejected = node({
      extraButane: "storage:\n  files:\n    - path: relative/file\n",
    });
    expect(rules(rejected).blocking).toEqual(["extra-butane"]);
    expect(rejected.blocking[0]?.message).toMatch(/line 3: error: path not absolute/);
  });

  it("extra Butane entries left out, or Butane's warnings, are warnings", () => {
    const dropped = node({
      extraButane:
        "storage:\n  files:\n    - path: /etc/hostname\n      contents:\n        inline: x\n",
      hostname: "cp-1",
    });
    expect(rules(dropped)).toEqual({ blocking: [], warnings: ["extra-butane"] });
    expect(dropped.warnings[0]?.message).toMatch(/left out of the files/);
    const unused = node({ extraButane: "storage:\n  filez: []\n" });
    expect(rules(unused).warnings).toEqual(["extra-butane"]);
  });

  it("a pod CIDR the CNI cannot use: too small for Flannel's per-node ranges, IPv4 or IPv6", () => {
    for (const podCidr of ["10.42.0.0/25", "fd00:10:244::/64"]) {
      const readiness = node({ cni: "flannel", podCidr });
      expect(rules(readiness).blocking).toEqual(["cni-pod-cidr"]);
      expect(readiness.blocking[0]?.fields).toEqual(["podCidr", "cni"]);
      expect(readiness.blocking[0]?.message).toContain(podCidr);
    }
    // Flannel follows any pod CIDR it can split per node, IPv4 and IPv6.
    expect(node({ cni: "flannel", podCidr: "10.42.0.0/16" }).ready).toBe(true);
    expect(node({ cni: "flannel", podCidr: "fd00:10:244::/56" }).ready).toBe(true);
  });

  it("a version the catalogue does not publish, or an architecture it has no image for", () => {
    expect(rules(node({ kubernetesVersion: "v1.99.0" })).blocking).toContain("version-unpublished");
    const release = findRelease(catalogue, version);
    if (!release) throw new Error("the newest release is in the catalogue");
    const armless = { ...release, arches: ["x86-64" as const] };
    const state = { ...zeroTouch, arch: "arm64" as const };
    const readiness = nodeReadiness({
      state,
      fieldErrors: {},
      catalogue,
      release: armless,
      hasSecrets: true,
      rendered: renderNode(state, { secrets }),
    });
    expect(rules(readiness).blocking).toEqual(["arch-unpublished"]);
    expect(readiness.blocking[0]?.message).toMatch(/has no arm64 image; choose x86-64/);
  });

  it("zero-touch without the cluster's secrets: a worker is asked to load them", () => {
    const worker = node({ role: "worker" }, { hasSecrets: false });
    expect(rules(worker).blocking).toEqual(["secrets-missing"]);
    expect(worker.blocking[0]?.message).toMatch(/load the cluster's cluster-secrets\.json/);
    expect(rules(node({}, { hasSecrets: false })).blocking).toEqual(["secrets-missing"]);
  });
});

describe("warnings", () => {
  it("a minor past its upstream end of life, judged on the given day", () => {
    const eol = nodeReadiness({
      state: { ...zeroTouch, kubernetesVersion: "v1.33.2" },
      fieldErrors: {},
      catalogue,
      hasSecrets: true,
      today: "2026-12-02",
      rendered: renderNode({ ...zeroTouch, kubernetesVersion: "v1.33.2" }, { secrets }),
    });
    expect(rules(eol)).toEqual({ blocking: [], warnings: ["support-ended"] });
    expect(eol.warnings[0]?.message).toMatch(
      /^Kubernetes 1\.33 reached its upstream end of life on 2026-06-28/,
    );
    const before = nodeReadiness({
      state: { ...zeroTouch, kubernetesVersion: "v1.33.2" },
      fieldErrors: {},
      catalogue,
      hasSecrets: true,
      today: "2026-06-27",
      rendered: renderNode({ ...zeroTouch, kubernetesVersion: "v1.33.2" }, { secrets }),
    });
    expect(before.warnings).toEqual([]);
  });

  it("no CNI on a zero-touch control plane", () => {
    expect(rules(node({ cni: "none" }))).toEqual({
      blocking: [],
      warnings: ["cni-not-installed"],
    });
  });

  it("Cilium is installed by the control plane: only its pod CIDR limits and release notes", () => {
    expect(rules(node({ cni: "cilium", kubernetesVersion: "v1.35.6" }))).toEqual({
      blocking: [],
      warnings: [],
    });
    expect(rules(node({ cni: "cilium", podCidr: "10.42.0.0/24" })).blocking).toEqual([
      "cni-pod-cidr",
    ]);
  });

  it("a 24-hour token for a worker that may boot later", () => {
    expect(rules(node({ role: "worker", tokenTtl: "24h" })).warnings).toEqual(["token-expires"]);
  });

  it("a zero-touch control plane without an endpoint starts, but workers need one", () => {
    expect(rules(node({ controlPlaneEndpoint: "" }))).toEqual({
      blocking: [],
      warnings: ["endpoint-missing"],
    });
  });
});

describe("a cluster", () => {
  const cluster = (changes: Partial<WizardState>, withNodes = false) => {
    const state = { ...zeroTouch, ...changes };
    return clusterReadiness({
      state,
      fieldErrors: {},
      catalogue,
      hasSecrets: true,
      nodes: withNodes ? renderCluster(state, secrets, {}, 2) : undefined,
    });
  };

  it("is ready with an endpoint, and blocked without one", () => {
    expect(cluster({}, true)).toEqual({ ready: true, blocking: [], warnings: [] });
    const missing = cluster({ controlPlaneEndpoint: "" });
    expect(rules(missing).blocking).toEqual(["endpoint-missing"]);
    expect(missing.blocking[0]?.message).toMatch(/workers cannot join/);
  });

  it("names the nodes that do not compile, once for all of them", () => {
    const readiness = cluster({ extraButane: "storage:\n  files:\n    - path: x\n" }, true);
    expect(rules(readiness).blocking).toEqual(["extra-butane", "node-not-compiled"]);
    expect(readiness.blocking[0]?.affects).toEqual(["control-plane", "worker-1", "worker-2"]);
    expect(readiness.blocking[1]?.message).toMatch(
      /^3 nodes do not compile, so the zip has no config.ign for control-plane, worker-1, worker-2/,
    );
  });

  it("warns when a host name would be ignored, and about a 24-hour token", () => {
    expect(rules(cluster({ role: "worker", hostname: "w-9", tokenTtl: "24h" })).warnings).toEqual([
      "token-expires",
      "hostname-unused",
    ]);
  });

  it("blocks a pod CIDR the CNI cannot use", () => {
    expect(rules(cluster({ cni: "calico", podCidr: "10.42.0.0/27" })).blocking).toEqual([
      "cni-pod-cidr",
    ]);
  });
});

describe("what the surfaces print", () => {
  it("a headline that counts what to fix, or says ready", () => {
    expect(readinessHeadline(node({}))).toBe("Ready to boot");
    expect(readinessHeadline(node({ cni: "none" }))).toBe("Ready to boot, 1 note");
    expect(readinessHeadline(node({ joinToken: "", caCertHash: "" }, { base: manualWorker }))).toBe(
      "2 things to fix",
    );
  });

  it("a README section only when not ready, listing each problem with its fields", () => {
    expect(readinessReadmeSection(node({}))).toBe("");
    expect(readinessReadmeSection(node({ cni: "none" }))).toMatch(
      /^## Notes before you boot\n\n- No pod network is installed/,
    );
    const section = readinessReadmeSection(node({ joinToken: "" }, { base: manualWorker }));
    expect(section).toMatch(/^## NOT READY TO BOOT\n/);
    expect(section).toContain(
      "- Join token is not set: the worker has no kubeadm join until it is. (Join token)",
    );
  });
});

const readyMeansBootable = { seed: 1202, numRuns: 200, timeLimitMs: 20_000, minRuns: 40 };

describe("property: ready means the files do what they promise", () => {
  it(
    `for ${readyMeansBootable.numRuns} random states, a ready node compiles and has its kubeadm step; a node that is not names a field`,
    () => {
      checkProperty(
        "ready means bootable",
        fc.property(wizardStateArbitrary(catalogue), fc.boolean(), (state, hasSecrets) => {
          const rendered = renderNode(state, hasSecrets ? { secrets } : {});
          const readiness = nodeReadiness({
            state,
            fieldErrors: {},
            catalogue,
            hasSecrets,
            rendered,
          });
          if (!readiness.ready) {
            for (const item of readiness.blocking) {
              expect(item.fields.length).toBeGreaterThan(0);
              expect(item.message.length).toBeGreaterThan(10);
            }
            return;
          }
          expect(rendered.compiled.exitCode).toBe(0);
          expect(rendered.files.some((file) => file.name === "config.ign")).toBe(true);
          expect(rendered.butane).toMatch(/ExecStart(Pre)?=\/usr\/bin\/kubeadm (init|join)/);
          if (state.role === "worker") expect(rendered.butane).toContain("kubeadm join --config");
          // Flannel is configured with the cluster's pod CIDR, as kubeadm is.
          if (
            state.bootstrap === "generated" &&
            state.role === "control-plane" &&
            state.cni === "flannel"
          )
            expect(rendered.butane.split(state.podCidr).length).toBeGreaterThan(2);
        }),
        readyMeansBootable,
      );
    },
    propertyTimeout(readyMeansBootable),
  );
});
