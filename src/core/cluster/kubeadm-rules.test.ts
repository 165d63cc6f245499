import { describe, expect, it } from "vitest";
import {
  kubeadmApiVersion,
  kubeadmDocumentProblems,
  kubeadmRules,
  kubeadmRulesByMinor,
} from "./kubeadm-rules";

/** What each minor's kubeadm reads and knows: one expectation per minor, 1.27–1.37. */
const expectations: Record<number, { api: string[]; gates: string[]; absent: string[] }> = {
  27: { api: ["v1beta3"], gates: ["EtcdLearnerMode", "PublicKeysECDSA"], absent: ["v1beta4"] },
  28: { api: ["v1beta3"], gates: ["UpgradeAddonsBeforeControlPlane"], absent: ["v1beta4"] },
  29: {
    api: ["v1beta3"],
    gates: ["EtcdLearnerMode"],
    absent: ["WaitForAllControlPlaneComponents"],
  },
  30: { api: ["v1beta3"], gates: ["WaitForAllControlPlaneComponents"], absent: ["v1beta4"] },
  31: {
    api: ["v1beta3", "v1beta4"],
    gates: ["ControlPlaneKubeletLocalMode"],
    absent: ["UpgradeAddonsBeforeControlPlane"],
  },
  32: { api: ["v1beta3", "v1beta4"], gates: ["NodeLocalCRISocket"], absent: [] },
  33: { api: ["v1beta3", "v1beta4"], gates: ["NodeLocalCRISocket"], absent: ["EtcdLearnerMode"] },
  34: {
    api: ["v1beta3", "v1beta4"],
    gates: ["WaitForAllControlPlaneComponents"],
    absent: ["EtcdLearnerMode"],
  },
  35: {
    api: ["v1beta3", "v1beta4"],
    gates: ["ControlPlaneKubeletLocalMode"],
    absent: ["WaitForAllControlPlaneComponents"],
  },
  36: {
    api: ["v1beta3", "v1beta4"],
    gates: ["NodeLocalCRISocket", "PublicKeysECDSA"],
    absent: ["ControlPlaneKubeletLocalMode"],
  },
  37: {
    api: ["v1beta4"],
    gates: ["RootlessControlPlane"],
    absent: ["v1beta3", "PublicKeysECDSA", "NodeLocalCRISocket"],
  },
};

describe("kubeadm rules per minor", () => {
  it("has one row per minor from 1.27 to 1.37, in order", () => {
    expect(kubeadmRulesByMinor.map((row) => row.minor)).toEqual([
      27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37,
    ]);
  });

  it.each(Object.entries(expectations))("v1.%s", (minor, expected) => {
    const { rules, assumedFrom } = kubeadmRules(`v1.${minor}.0`);
    expect(assumedFrom).toBeUndefined();
    expect(rules.apiVersions).toEqual(expected.api.map((api) => `kubeadm.k8s.io/${api}`));
    for (const gate of expected.gates) expect(rules.featureGates).toContain(gate);
    for (const name of expected.absent) {
      expect(rules.featureGates).not.toContain(name);
      expect(rules.apiVersions).not.toContain(`kubeadm.k8s.io/${name}`);
    }
    expect(rules.flags).toEqual(["--config"]);
    expect(rules.changes.length).toBeGreaterThan(0);
  });

  it("reads an unknown newer minor (1.38) as the newest known row, and says so", () => {
    const { rules, assumedFrom } = kubeadmRules("v1.38.0");
    expect(rules.minor).toBe(37);
    expect(assumedFrom).toBe(
      "kubeadm v1.38 is newer than the rules this wizard knows: its config is written as for v1.37 (kubeadm.k8s.io/v1beta4).",
    );
    expect(kubeadmApiVersion("v1.38.0")).toBe("kubeadm.k8s.io/v1beta4");
  });

  it("refuses minors older than the table", () => {
    expect(() => kubeadmRules("v1.26.0")).toThrow("v1.27 and later");
  });
});

describe("kubeadmDocumentProblems", () => {
  it("names an API version the minor does not read", () => {
    expect(
      kubeadmDocumentProblems("v1.37.0", [
        { apiVersion: "kubeadm.k8s.io/v1beta3", kind: "InitConfiguration" },
      ]),
    ).toEqual(["kubeadm v1.37 does not read kubeadm.k8s.io/v1beta3"]);
    expect(
      kubeadmDocumentProblems("v1.30.0", [
        { apiVersion: "kubeadm.k8s.io/v1beta4", kind: "InitConfiguration" },
      ]),
    ).toEqual(["kubeadm v1.30 does not read kubeadm.k8s.io/v1beta4"]);
  });

  it("names a feature gate removed from the minor", () => {
    const documents = [
      {
        apiVersion: "kubeadm.k8s.io/v1beta4",
        kind: "ClusterConfiguration",
        featureGates: { ControlPlaneKubeletLocalMode: true, RootlessControlPlane: false },
      },
    ];
    expect(kubeadmDocumentProblems("v1.35.0", documents)).toEqual([]);
    expect(kubeadmDocumentProblems("v1.36.0", documents)).toEqual([
      "kubeadm v1.36 has no feature gate ControlPlaneKubeletLocalMode",
    ]);
  });
});
