import { choices, valuesOf, type ValuesOf } from "../config/choices";
import { addonReleaseFor, type AddonRelease } from "./addon-releases";
import { parseCidr, type IpFamily } from "../values/cidr";

/** The pod network add-on the control plane installs once it is up. */
export type CniChoice = ValuesOf<typeof choices.cni.values>[number];

export const cniChoices = valuesOf(choices.cni);

/*
 * Calico releases, newest first, each with the Kubernetes minors its "Supported versions" list
 * names (docs.tigera.io/calico/<minor>/getting-started/kubernetes/requirements, "We test Calico
 * vX against the following Kubernetes versions"). Patch versions are the newest tags of each
 * series in github.com/projectcalico/calico.
 */
export const calicoReleases: readonly AddonRelease[] = [
  {
    // 3.33 lists 1.35–1.37 (its versioned requirements page).
    version: "v3.33.0",
    minMinor: 35,
    maxMinor: 37,
    source: "https://docs.tigera.io/calico/3.33/getting-started/kubernetes/requirements",
  },
  {
    // 3.32 lists 1.34–1.36; v3.32.1 tagged 2026-06-24.
    version: "v3.32.1",
    minMinor: 34,
    maxMinor: 36,
    source: "https://docs.tigera.io/calico/3.32/getting-started/kubernetes/requirements",
  },
  {
    // 3.31 lists 1.32–1.35 (1.35 added after projectcalico discussion #11717); v3.31.7 2026-08-20.
    version: "v3.31.7",
    minMinor: 32,
    maxMinor: 35,
    source: "https://docs.tigera.io/calico/3.31/getting-started/kubernetes/requirements",
  },
  {
    version: "v3.30.7",
    minMinor: 30,
    maxMinor: 33,
    source: "https://docs.tigera.io/calico/3.30/getting-started/kubernetes/requirements",
  },
  {
    // 3.29 lists 1.29–1.32 (quoted in projectcalico discussion #11717).
    version: "v3.29.7",
    minMinor: 29,
    maxMinor: 32,
    source: "https://docs.tigera.io/calico/3.29/getting-started/kubernetes/requirements",
  },
  {
    version: "v3.28.5",
    minMinor: 28,
    maxMinor: 30,
    source: "https://docs.tigera.io/calico/3.28/getting-started/kubernetes/requirements",
  },
  {
    version: "v3.27.5",
    minMinor: 27,
    maxMinor: 29,
    source: "https://docs.tigera.io/calico/3.27/getting-started/kubernetes/requirements",
  },
];

/*
 * Flannel publishes no per-minor matrix: its release notes name no Kubernetes limit, and
 * kube-flannel.yml uses only GA APIs (v1, apps/v1, rbac.authorization.k8s.io/v1) that every
 * minor 1.27–1.37 serves. v0.28.9 (tagged 2026-08-07) is the newest release.
 */
export const flannelReleases: readonly AddonRelease[] = [
  {
    version: "v0.28.9",
    minMinor: 27,
    maxMinor: 37,
    source: "https://github.com/flannel-io/flannel/releases/tag/v0.28.9",
  },
];

/*
 * Cilium releases, newest first, each with the Kubernetes minors its "Kubernetes Compatibility"
 * page lists as e2e tested (Documentation/network/kubernetes/compatibility.rst at that release).
 * The cilium CLI from the bakery's sysext installs the chosen one (`cilium install --version`).
 */
export const ciliumReleases: readonly AddonRelease[] = [
  {
    // 1.19 lists 1.32–1.35 (compatibility.rst at v1.19.3).
    version: "v1.19.3",
    minMinor: 32,
    maxMinor: 35,
    source: "https://docs.cilium.io/en/v1.19/network/kubernetes/compatibility/",
  },
  {
    // 1.18 lists 1.30–1.33 (compatibility.rst at v1.18.14).
    version: "v1.18.14",
    minMinor: 30,
    maxMinor: 33,
    source: "https://docs.cilium.io/en/v1.18/network/kubernetes/compatibility/",
  },
];

/** A system extension from the Flatcar sysext bakery, pinned to one of its releases. */
export interface BakeryExtension {
  /** The extension's name: its image is `<name>-<version>-<arch>.raw`, merged as `<name>.raw`. */
  name: string;
  version: string;
  /** The bakery's release of that version. */
  source: string;
}

/*
 * The bakery's cilium sysext: the cilium CLI and a cilium.service driven by
 * CILIUM_INSTALL_ARGS (the bakery's docs/cilium.md, cilium.sysext/). cilium-v0.19.6 (tagged
 * 2026-07-13) is its newest release; the CLI only installs, so any recent one installs every
 * Cilium in ciliumReleases.
 */
export const ciliumSysext: BakeryExtension = {
  name: "cilium",
  version: "v0.19.6",
  source: "https://github.com/flatcar/sysext-bakery/releases/tag/cilium-v0.19.6",
};

export interface CniOption {
  label: string;
  /** What it means for the nodes, in plain words, for the help beside the choice. */
  explanation: string;
  /** What the control plane does with it, for Details and the cluster's README. */
  details: string;
  /** Where the facts come from: linked beside the choice. */
  source: string;
}

/** A CNI's entry in the choices table, as the explanations and READMEs quote it. */
export function cniOption(cni: CniChoice): CniOption {
  const entry = choices.cni.values.find((value) => value.value === cni) ?? choices.cni.values[0];
  return {
    label: entry.label,
    explanation: entry.explanation,
    details: "details" in entry ? entry.details : entry.explanation,
    source: entry.docs.url,
  };
}

export interface CniRelease {
  /** "Calico v3.33.0" */
  name: string;
  release: AddonRelease;
  /** The control plane's unit that installs it once. */
  unitName: string;
  /** The bakery extension that brings the installer (Cilium's CLI); absent for manifests. */
  extension?: BakeryExtension;
  /** Every manifest the control plane applies, in order: each names an exact release (none for Cilium, which its CLI installs). */
  urls: string[];
  /** Set when the Kubernetes minor is outside every known release's range. */
  note?: string;
}

/** The CNI release for a Kubernetes version and the manifests it is installed from. */
export function cniRelease(cni: CniChoice, kubernetesVersion: string): CniRelease | undefined {
  if (cni === "cilium") {
    const { release, note } = addonReleaseFor("Cilium", ciliumReleases, kubernetesVersion);
    return {
      name: `Cilium ${release.version}`,
      release,
      unitName: ciliumUnitName,
      extension: ciliumSysext,
      // The cilium CLI fetches the chart of exactly that release: no manifest URL of ours.
      urls: [],
      ...(note ? { note } : {}),
    };
  }
  if (cni === "flannel") {
    const { release, note } = addonReleaseFor("Flannel", flannelReleases, kubernetesVersion);
    return {
      name: `Flannel ${release.version}`,
      release,
      unitName: cniUnitName,
      urls: [
        `https://github.com/flannel-io/flannel/releases/download/${release.version}/kube-flannel.yml`,
      ],
      ...(note ? { note } : {}),
    };
  }
  if (cni === "calico") {
    const { release, note } = addonReleaseFor("Calico", calicoReleases, kubernetesVersion);
    const base = `https://raw.githubusercontent.com/projectcalico/calico/${release.version}/manifests`;
    // From 3.30 the CRDs come apart from the operator (operator-crds.yaml); before, in it.
    const separateCrds = Number(release.version.split(".")[1]) >= 30;
    return {
      name: `Calico ${release.version}`,
      release,
      unitName: cniUnitName,
      urls: [
        ...(separateCrds ? [`${base}/operator-crds.yaml`] : []),
        `${base}/tigera-operator.yaml`,
      ],
      ...(note ? { note } : {}),
    };
  }
  return undefined;
}

export const cniUnitName = "install-cni.service";
/** The bakery's cilium sysext's own unit, run once through a drop-in. */
export const ciliumUnitName = "cilium.service";
/** Written after a successful install, so the unit never runs again on later boots. */
export const cniStampPath = "/var/lib/install-cni/applied";

export interface CniPodCidrProblem {
  field: "podCidr" | "cni";
  message: string;
}

/**
 * Whether the CNI's own configuration agrees with the cluster's pod CIDR; a problem names the
 * field and what to do. Every CNI offered is configured from the pod CIDR, so only what it
 * cannot carry is a problem.
 */
export function cniPodCidrProblem(state: {
  cni: CniChoice;
  podCidr: string;
  bootstrap?: string;
}): CniPodCidrProblem | undefined {
  if (state.bootstrap === "manual") return undefined;
  const parsed = parseCidr(state.podCidr);
  if (!parsed.ok) return undefined; // The field's own validation says what is wrong.
  const { family, prefix, text } = parsed.cidr;
  switch (state.cni) {
    case "none":
      return undefined;
    case "flannel":
    case "cilium":
      return nodePodCidrProblem(
        state.cni === "flannel" ? "Flannel" : "Cilium",
        family,
        prefix,
        text,
      );
    case "calico": {
      // Calico hands out blocks of /26 (IPv4) or /122 (IPv6) from its pool.
      const blockPrefix = family === "ipv4" ? 26 : 122;
      if (prefix > blockPrefix) {
        return {
          field: "podCidr",
          message: `Calico allocates /${blockPrefix} blocks from its IP pool: ${text} is smaller than one. Use a wider pod CIDR, e.g. ${family === "ipv4" ? "192.168.0.0/16" : "fd00:10:244::/56"}.`,
        };
      }
      return undefined;
    }
  }
}

/**
 * Flannel and Cilium (ipam.mode=kubernetes) take each node's podCIDR, cut by
 * kube-controller-manager at /24 (IPv4) or /64 (IPv6, at most 16 bits below the cluster's prefix).
 */
function nodePodCidrProblem(
  name: string,
  family: IpFamily,
  prefix: number,
  text: string,
): CniPodCidrProblem | undefined {
  if (family === "ipv4" && prefix > 23) {
    return {
      field: "podCidr",
      message: `${name} gives each node a /24 from the pod CIDR: ${text} holds at most one. Use a /16 to /23, e.g. 10.244.0.0/16.`,
    };
  }
  if (family === "ipv6" && (prefix > 63 || prefix < 48)) {
    return {
      field: "podCidr",
      message: `${name} gives each node a /64 from the pod CIDR, and kube-controller-manager allows at most 16 bits between them: use a /48 to /63, e.g. fd00:10:244::/56, not ${text}.`,
    };
  }
  return undefined;
}
