/**
 * What each kubeadm minor reads, in one table: the config API versions it accepts, the
 * kubeadm-specific feature gates it knows (kubeadm refuses an unknown gate: "unrecognized
 * feature-gate key", cmd/kubeadm/app/features/features.go), and what changed in that minor.
 * Every kubeadm file the wizard writes is checked against its minor's row
 * (kubeadmDocumentProblems), so nothing reaches a node that its kubeadm does not know.
 */

import { minorNumber } from "../version";

export type KubeadmApiVersion = "kubeadm.k8s.io/v1beta3" | "kubeadm.k8s.io/v1beta4";

export interface KubeadmMinorRules {
  /** The Kubernetes minor, 1.<minor>. */
  minor: number;
  /** Config API versions this kubeadm reads, newest last. */
  apiVersions: readonly KubeadmApiVersion[];
  /** kubeadm's own feature gates (ClusterConfiguration.featureGates) that exist in this minor. */
  featureGates: readonly string[];
  /** kubeadm flags the wizard's units pass: all exist in every minor of the table. */
  flags: readonly string[];
  /** What was added, removed or renamed in this minor, for the explanations. */
  changes: readonly string[];
}

const v1beta3 = "kubeadm.k8s.io/v1beta3";
const v1beta4 = "kubeadm.k8s.io/v1beta4";
/** `kubeadm init --config` and `kubeadm join --config`: unchanged since v1beta1. */
const wizardFlags = ["--config"] as const;

/*
 * Sources, one per fact:
 * - v1beta3 added in 1.22: kubernetes/kubernetes#101129; v1beta4 enabled in 1.31 (v1beta3
 *   deprecated): kubernetes/kubernetes#125029; v1beta3 removed together with the
 *   PublicKeysECDSA gate, and a placeholder v1 "that cannot be used yet" added:
 *   kubernetes/kubernetes#136016, merged after 1.36 shipped (kinder followed in
 *   kubernetes/kubeadm#3311, 2026-06), so first released in 1.37.
 * - Feature gates: https://kubernetes.io/docs/reference/setup-tools/kubeadm/kubeadm-init/#feature-gates
 *   per release, and the PRs named in each row's changes.
 */
/**
 * kubeadm's own feature gates, each with the first and last minor of the table that knows it
 * (the rows' changes say when and why one came or went).
 */
const kubeadmFeatureGates: readonly { gate: string; from: number; until: number }[] = [
  { gate: "PublicKeysECDSA", from: 27, until: 36 },
  { gate: "RootlessControlPlane", from: 27, until: 37 },
  { gate: "EtcdLearnerMode", from: 27, until: 32 },
  { gate: "UpgradeAddonsBeforeControlPlane", from: 28, until: 30 },
  { gate: "WaitForAllControlPlaneComponents", from: 30, until: 34 },
  { gate: "ControlPlaneKubeletLocalMode", from: 31, until: 35 },
  { gate: "NodeLocalCRISocket", from: 32, until: 36 },
];

function gatesOf(minor: number): string[] {
  return kubeadmFeatureGates
    .filter((row) => row.from <= minor && minor <= row.until)
    .map((row) => row.gate);
}

export const kubeadmRulesByMinor: readonly KubeadmMinorRules[] = [
  {
    minor: 27,
    apiVersions: [v1beta3],
    featureGates: gatesOf(27),
    flags: wizardFlags,
    changes: ["EtcdLearnerMode added (alpha); v1beta2 removed (kubernetes/kubeadm#2459)"],
  },
  {
    minor: 28,
    apiVersions: [v1beta3],
    featureGates: gatesOf(28),
    flags: wizardFlags,
    changes: ["UpgradeAddonsBeforeControlPlane added (deprecated on arrival)"],
  },
  {
    minor: 29,
    apiVersions: [v1beta3],
    featureGates: gatesOf(29),
    flags: wizardFlags,
    changes: ["EtcdLearnerMode beta"],
  },
  {
    minor: 30,
    apiVersions: [v1beta3],
    featureGates: gatesOf(30),
    flags: wizardFlags,
    changes: ["WaitForAllControlPlaneComponents added (alpha)"],
  },
  {
    minor: 31,
    apiVersions: [v1beta3, v1beta4],
    featureGates: gatesOf(31),
    flags: wizardFlags,
    changes: [
      "v1beta4 added, v1beta3 deprecated (kubernetes/kubernetes#125029): extraArgs become name/value lists",
      "ControlPlaneKubeletLocalMode added (alpha); UpgradeAddonsBeforeControlPlane removed",
    ],
  },
  {
    minor: 32,
    apiVersions: [v1beta3, v1beta4],
    featureGates: gatesOf(32),
    flags: wizardFlags,
    changes: ["NodeLocalCRISocket added (alpha, kubernetes/kubernetes#128031); EtcdLearnerMode GA"],
  },
  {
    minor: 33,
    apiVersions: [v1beta3, v1beta4],
    featureGates: gatesOf(33),
    flags: wizardFlags,
    changes: ["EtcdLearnerMode removed (GA in 1.32)"],
  },
  {
    minor: 34,
    apiVersions: [v1beta3, v1beta4],
    featureGates: gatesOf(34),
    flags: wizardFlags,
    changes: [
      "WaitForAllControlPlaneComponents GA (kubernetes/kubernetes#132594); NodeLocalCRISocket beta (kubernetes/kubernetes#131981)",
    ],
  },
  {
    minor: 35,
    apiVersions: [v1beta3, v1beta4],
    featureGates: gatesOf(35),
    flags: wizardFlags,
    changes: [
      "WaitForAllControlPlaneComponents removed (kubernetes/kubernetes#134781); ControlPlaneKubeletLocalMode GA (kubernetes/kubernetes#134106)",
    ],
  },
  {
    minor: 36,
    apiVersions: [v1beta3, v1beta4],
    featureGates: gatesOf(36),
    flags: wizardFlags,
    changes: [
      "ControlPlaneKubeletLocalMode removed (kubernetes/kubernetes#135773); NodeLocalCRISocket GA (kubernetes/kubernetes#135742)",
    ],
  },
  {
    minor: 37,
    apiVersions: [v1beta4],
    featureGates: gatesOf(37),
    flags: wizardFlags,
    changes: [
      "v1beta3 removed, only v1beta4 remains (v1 is a placeholder that cannot be used yet); PublicKeysECDSA removed (kubernetes/kubernetes#136016)",
      "NodeLocalCRISocket removed (kubernetes/kubernetes#138645)",
    ],
  },
];

const oldestKnown = kubeadmRulesByMinor[0] as KubeadmMinorRules;
const newestKnown = kubeadmRulesByMinor[kubeadmRulesByMinor.length - 1] as KubeadmMinorRules;

export interface KubeadmRulesLookup {
  rules: KubeadmMinorRules;
  /** Set when the minor is newer than the table: its rules are the newest known row's. */
  assumedFrom?: string;
}

/**
 * The row for a version's minor. A minor newer than the table uses the newest row and says so;
 * one older than the table is refused (the bakery publishes nothing older than 1.27).
 */
export function kubeadmRules(version: string): KubeadmRulesLookup {
  const minor = minorNumber(version);
  if (minor < oldestKnown.minor) {
    throw new Error(
      `kubeadm configs are written for Kubernetes v1.${oldestKnown.minor} and later, not ${version}`,
    );
  }
  const rules = kubeadmRulesByMinor.find((row) => row.minor === minor);
  if (rules) return { rules };
  return {
    rules: newestKnown,
    assumedFrom: `kubeadm v1.${minor} is newer than the rules this wizard knows: its config is written as for v1.${newestKnown.minor} (${newestKnown.apiVersions.join(", ")}).`,
  };
}

/** The newest config API a minor's kubeadm reads. */
/**
 * From 1.29 kubeadm's admin.conf is no longer in system:masters: its group gets cluster-admin
 * only once init has bound it, and init writes super-admin.conf for its own use (KEP-4214,
 * kubernetes/kubernetes#121305). Whatever must reach the API during init uses that file then.
 */
export function writesSuperAdminKubeconfig(version: string): boolean {
  return minorNumber(version) >= 29;
}

export function kubeadmApiVersion(version: string): KubeadmApiVersion {
  const { apiVersions } = kubeadmRules(version).rules;
  return apiVersions[apiVersions.length - 1] as KubeadmApiVersion;
}

/**
 * Anything in kubeadm documents that the minor's kubeadm would refuse: an API version it does
 * not read, or a feature gate it does not know. Empty when every document is known.
 */
export function kubeadmDocumentProblems(
  version: string,
  documents: readonly Record<string, unknown>[],
): string[] {
  const { rules } = kubeadmRules(version);
  const problems: string[] = [];
  for (const document of documents) {
    const apiVersion = String(document.apiVersion);
    if (!(rules.apiVersions as readonly string[]).includes(apiVersion)) {
      problems.push(`kubeadm v1.${rules.minor} does not read ${apiVersion}`);
    }
    const gates = document.featureGates;
    if (gates && typeof gates === "object") {
      for (const gate of Object.keys(gates)) {
        if (!rules.featureGates.includes(gate)) {
          problems.push(`kubeadm v1.${rules.minor} has no feature gate ${gate}`);
        }
      }
    }
  }
  return problems;
}
