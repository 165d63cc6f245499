import type { AddonRelease } from "./addon-releases";
import {
  addonDirectory,
  addonUnit,
  adminKubeconfig,
  runOnceService,
  waitForAdminKubeconfig,
} from "./addon-unit";
import { parseCidr } from "../values/cidr";
import {
  ciliumSysext,
  cniRelease,
  cniStampPath,
  type BakeryExtension,
  type CniChoice,
  type CniRelease,
} from "./cni";
import { multiDocumentYaml } from "./kubeadm-config";
import { mirroredUrl } from "../values/download-sources";

/** How the control plane installs the CNI: the unit and the files it reads (objects -> text). */

/** A file the install unit reads: written into the Butane from objects. */
export interface CniFile {
  path: string;
  contents: string;
}

export type CniInstall =
  | { kind: "none" }
  | {
      /** A bakery extension whose own unit installs the CNI, run once through a drop-in. */
      kind: "sysext";
      name: string;
      version: string;
      release: AddonRelease;
      extension: BakeryExtension;
      /** The extension's unit and the drop-in that makes it run once with these arguments. */
      unitName: string;
      dropinName: string;
      dropin: string;
      installArgs: string[];
      note?: string;
    }
  | {
      kind: "unit";
      name: string;
      version: string;
      /** The release chosen for the Kubernetes minor, with its compatibility source. */
      release: AddonRelease;
      /** Every URL the unit applies: each names an exact release. */
      urls: string[];
      files: CniFile[];
      /** kubectl's arguments for each step the unit runs with the admin kubeconfig (an upgrade reruns them). */
      steps: string[];
      unit: string;
      /** Set when the chosen Kubernetes minor is outside every known release's range. */
      note?: string;
    };

export interface CniClusterInput {
  cni: CniChoice;
  kubernetesVersion: string;
  podCidr: string;
  /** The person's mirror (none when absent or ""): the manifests come from it. */
  mirror?: string;
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
    steps: commands,
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

const ciliumBinary = "/usr/local/bin/cilium";

/** `cilium install` arguments: the release, and IPAM from the nodes' podCIDRs (the cluster's pod CIDR). */
export function ciliumInstallArgs(podCidr: string, version: string): string[] {
  const parsed = parseCidr(podCidr);
  if (!parsed.ok) throw new Error(`pod CIDR: ${parsed.message}`);
  return [
    // The CLI takes the chart version without the "v" (docs.cilium.io, "cilium install --version").
    `--version ${version.replace(/^v/, "")}`,
    "--namespace kube-system",
    // Cilium's default cluster-pool IPAM hands out 10.0.0.0/8 whatever kubeadm was told.
    "--set ipam.mode=kubernetes",
    ...(parsed.cidr.family === "ipv6"
      ? ["--set ipv4.enabled=false", "--set ipv6.enabled=true"]
      : []),
  ];
}

/**
 * The drop-in for the bakery's cilium.service. As shipped it runs `cilium install` on every boot
 * for ever (Restart=always) with /home/core/.kube/config, which kubeadm never writes, and passes
 * ${CILIUM_INSTALL_ARGS} as one argument (systemd.service: "${FOO}" is always exactly one
 * argument, "$FOO" as a word of its own is split at whitespace). Here it runs once after
 * kubeadm init with the admin kubeconfig and the arguments split.
 */
function ciliumDropin(installArgs: string[]): string {
  return `[Unit]
After=kubeadm.service
ConditionPathExists=!${cniStampPath}
${runOnceService(
  cniStampPath,
  `Environment=KUBECONFIG=${adminKubeconfig}
Environment="CILIUM_INSTALL_ARGS=${installArgs.join(" ")}"
# Waits for admin.conf; skips the install when an earlier try got as far as the DaemonSet
# (installing again would fail on the existing release).
ExecCondition=/usr/bin/sh -c '${waitForAdminKubeconfig}; ! /usr/bin/kubectl --namespace kube-system get daemonset cilium'
ExecStart=
ExecStart=${ciliumBinary} install $CILIUM_INSTALL_ARGS
`,
)}`;
}

function ciliumInstall(input: CniClusterInput, chosen: CniRelease): CniInstall {
  const installArgs = ciliumInstallArgs(input.podCidr, chosen.release.version);
  return {
    kind: "sysext",
    name: chosen.name,
    version: chosen.release.version,
    release: chosen.release,
    extension: chosen.extension ?? ciliumSysext,
    unitName: chosen.unitName,
    dropinName: "10-install-once.conf",
    dropin: ciliumDropin(installArgs),
    installArgs,
    ...(chosen.note ? { note: chosen.note } : {}),
  };
}

/** How the control plane installs the chosen CNI for this cluster. */
export function cniInstall(input: CniClusterInput): CniInstall {
  switch (input.cni) {
    case "none":
      return { kind: "none" };
    case "cilium":
    case "flannel":
    case "calico": {
      const upstream = cniRelease(input.cni, input.kubernetesVersion);
      if (!upstream) throw new Error(`no release table for ${input.cni}`);
      const chosen = {
        ...upstream,
        urls: upstream.urls.map((url) => mirroredUrl(url, input.mirror ?? "")),
      };
      const install = { cilium: ciliumInstall, flannel: flannelInstall, calico: calicoInstall }[
        input.cni
      ];
      return install(input, chosen);
    }
  }
}
