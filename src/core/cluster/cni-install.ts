import type { AddonRelease } from "./addon-releases";
import { addonDirectory, addonUnit } from "./addon-unit";
import { parseCidr } from "./cidr";
import { cniOption, cniRelease, cniStampPath, type CniChoice, type CniRelease } from "./cni";
import { multiDocumentYaml } from "./kubeadm-config";

/** How the control plane installs the CNI: the unit and the files it reads (objects -> text). */

/** A file the install unit reads: written into the Butane from objects. */
export interface CniFile {
  path: string;
  contents: string;
}

export type CniInstall =
  | { kind: "none" }
  | { kind: "manual"; reason: string }
  | {
      kind: "unit";
      name: string;
      version: string;
      /** The release chosen for the Kubernetes minor, with its compatibility source. */
      release: AddonRelease;
      /** Every URL the unit applies: each names an exact release. */
      urls: string[];
      files: CniFile[];
      unit: string;
      /** Set when the chosen Kubernetes minor is outside every known release's range. */
      note?: string;
    };

export interface CniClusterInput {
  cni: CniChoice;
  kubernetesVersion: string;
  podCidr: string;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Flannel's net-conf.json for a pod CIDR (Documentation/configuration.md). */
export function flannelNetConf(podCidr: string): Record<string, unknown> {
  const parsed = parseCidr(podCidr);
  if (!parsed.ok) throw new Error(`pod CIDR: ${parsed.message}`);
  const backend = { Type: "vxlan" };
  return parsed.cidr.family === "ipv4"
    ? { Network: parsed.cidr.text, EnableIPv4: true, EnableIPv6: false, Backend: backend }
    : { IPv6Network: parsed.cidr.text, EnableIPv4: false, EnableIPv6: true, Backend: backend };
}

export const flannelPatchPath = `${addonDirectory}/flannel-net-conf-patch.json`;

/** The unit that applies a CNI release once, with the files its commands read. */
function cniUnitInstall(
  chosen: CniRelease,
  files: { path: string; contents: string }[],
  commands: string[],
): CniInstall {
  return {
    kind: "unit",
    name: chosen.name,
    version: chosen.release.version,
    release: chosen.release,
    urls: chosen.urls,
    files,
    unit: addonUnit(
      `Install the pod network (${chosen.name}) once kubeadm init has finished`,
      cniStampPath,
      commands,
    ),
    ...(chosen.note ? { note: chosen.note } : {}),
  };
}

function flannelInstall(input: CniClusterInput, chosen: CniRelease): CniInstall {
  const [url] = chosen.urls;
  // A merge patch of the ConfigMap's one key: net-conf.json is itself JSON text.
  const patch = { data: { "net-conf.json": json(flannelNetConf(input.podCidr)) } };
  return cniUnitInstall(
    chosen,
    [{ path: flannelPatchPath, contents: json(patch) }],
    [
      `apply -f ${url ?? ""}`,
      // The manifest hard-codes 10.244.0.0/16: give it the cluster's pod CIDR, then restart
      // the DaemonSet so every flannel pod reads it (pods that started first crash-loop).
      `--namespace kube-flannel patch configmap kube-flannel-cfg --type merge --patch-file ${flannelPatchPath}`,
      "--namespace kube-flannel rollout restart daemonset kube-flannel-ds",
    ],
  );
}

export const calicoResourcesPath = `${addonDirectory}/calico-installation.yaml`;

/** Calico's Installation and APIServer, as the operator reads them (its custom-resources.yaml). */
export function calicoResources(podCidr: string): Record<string, unknown>[] {
  const parsed = parseCidr(podCidr);
  if (!parsed.ok) throw new Error(`pod CIDR: ${parsed.message}`);
  const ipv4 = parsed.cidr.family === "ipv4";
  return [
    {
      apiVersion: "operator.tigera.io/v1",
      kind: "Installation",
      metadata: { name: "default" },
      spec: {
        calicoNetwork: {
          ipPools: [
            {
              cidr: parsed.cidr.text,
              // VXLANCrossSubnet as Calico's own custom-resources.yaml; IPv6 pools take VXLAN.
              encapsulation: ipv4 ? "VXLANCrossSubnet" : "VXLAN",
              natOutgoing: "Enabled",
              nodeSelector: "all()",
            },
          ],
        },
        // Flatcar's /usr is read-only: the FlexVolume driver (only for application-layer
        // policy) cannot be installed under /usr/libexec, so it is turned off.
        flexVolumePath: "None",
      },
    },
    { apiVersion: "operator.tigera.io/v1", kind: "APIServer", metadata: { name: "default" } },
  ];
}

function calicoInstall(input: CniClusterInput, chosen: CniRelease): CniInstall {
  const resourcesYaml = multiDocumentYaml(calicoResources(input.podCidr));
  return cniUnitInstall(
    chosen,
    [{ path: calicoResourcesPath, contents: resourcesYaml }],
    [
      // Server-side: the CRDs are too large for client-side apply's annotation (the docs
      // use create, which fails when run again).
      ...chosen.urls.map((url) => `apply --server-side --force-conflicts -f ${url}`),
      "wait --for condition=established --timeout=300s crd/installations.operator.tigera.io crd/apiservers.operator.tigera.io",
      `apply -f ${calicoResourcesPath}`,
    ],
  );
}

/** How the control plane installs the chosen CNI for this cluster. */
export function cniInstall(input: CniClusterInput): CniInstall {
  switch (input.cni) {
    case "none":
      return { kind: "none" };
    case "cilium":
      return { kind: "manual", reason: cniOption("cilium").explanation };
    case "flannel":
    case "calico": {
      const chosen = cniRelease(input.cni, input.kubernetesVersion);
      if (!chosen) throw new Error(`no release table for ${input.cni}`);
      return input.cni === "flannel" ? flannelInstall(input, chosen) : calicoInstall(input, chosen);
    }
  }
}
