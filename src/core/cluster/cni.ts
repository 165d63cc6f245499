/** The pod network add-on the control plane installs once it is up. */
export type CniChoice = "none" | "calico" | "cilium" | "flannel";

export const cniChoices = [
  "none",
  "calico",
  "flannel",
  "cilium",
] as const satisfies readonly CniChoice[];

export type CniInstall =
  | { kind: "none" }
  /** One pinned, released manifest that `kubectl apply -f` installs as is. */
  | { kind: "manifest"; version: string; url: string }
  /** No plain manifest exists: the person installs it themselves. */
  | { kind: "manual"; reason: string };

export interface CniOption {
  choice: CniChoice;
  label: string;
  install: CniInstall;
  /** The pod CIDR the add-on assumes unless configured otherwise. */
  defaultPodSubnet?: string;
  /** How the add-on and kubeadm's networking.podSubnet relate. */
  podSubnetNote: string;
  /** Where the URL or the fact comes from. */
  source: string;
}

export const cniOptions: Record<CniChoice, CniOption> = {
  none: {
    choice: "none",
    label: "None (install a CNI yourself)",
    install: { kind: "none" },
    podSubnetNote: "Nodes stay NotReady until a pod network add-on is installed.",
    source:
      "https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/create-cluster-kubeadm/",
  },
  calico: {
    choice: "calico",
    label: "Calico v3.24.1 (the Flatcar how-to's manifest)",
    // The exact URL the Flatcar "Getting started with Kubernetes" page applies.
    install: {
      kind: "manifest",
      version: "v3.24.1",
      url: "https://raw.githubusercontent.com/projectcalico/calico/v3.24.1/manifests/calico.yaml",
    },
    defaultPodSubnet: "192.168.0.0/16",
    podSubnetNote:
      "The manifest's pool defaults to 192.168.0.0/16; with kubeadm Calico reads the cluster's " +
      "pod subnet instead, so any podSubnet that overlaps no node network works.",
    source:
      "flatcar/flatcar-website content/docs/latest/orchestrate/kubernetes/getting-started-with-kubernetes.md",
  },
  flannel: {
    choice: "flannel",
    label: "Flannel v0.27.4",
    install: {
      kind: "manifest",
      version: "v0.27.4",
      url: "https://github.com/flannel-io/flannel/releases/download/v0.27.4/kube-flannel.yml",
    },
    defaultPodSubnet: "10.244.0.0/16",
    podSubnetNote:
      "The manifest's net-conf.json hard-codes 10.244.0.0/16: kubeadm's podSubnet must be exactly that.",
    source: "https://github.com/flannel-io/flannel/releases/tag/v0.27.4 (asset kube-flannel.yml)",
  },
  cilium: {
    choice: "cilium",
    label: "Cilium (install it yourself)",
    install: {
      kind: "manual",
      reason:
        "Cilium publishes no plain manifest since 1.10 (quick-install.yaml was removed); it is " +
        "installed with the cilium CLI (cilium install --version …) or its Helm chart, after " +
        "the control plane is up. Choose this to leave the pod network to that step.",
    },
    defaultPodSubnet: "10.0.0.0/8",
    podSubnetNote:
      "Cilium's default IPAM (cluster-pool) hands out pod addresses from 10.0.0.0/8 and ignores " +
      "kubeadm's podSubnet unless installed with ipam.mode=kubernetes.",
    source:
      "cilium/cilium#16498 (quick-install.yaml removed in v1.10; generate with helm template)",
  },
};

/**
 * Whether the add-on's own configuration agrees with kubeadm's pod CIDR: a message naming the
 * fields and what to do when it does not. Flannel's manifest fixes its network in
 * net-conf.json, and flanneld exits when a node's pod CIDR lies outside it.
 */
export function cniPodCidrProblem(choice: CniChoice, podCidr: string): string | undefined {
  if (choice !== "flannel" || podCidr === cniOptions.flannel.defaultPodSubnet) return undefined;
  const fixed = cniOptions.flannel.defaultPodSubnet;
  return `Pod CIDR: ${cniOptions.flannel.label}'s manifest fixes the pod network to ${fixed}, so with ${podCidr} flanneld would exit on every node; set the pod CIDR to ${fixed} or choose another CNI.`;
}

/** The add-on's manifest URL, when it has one. */
export function cniManifestUrl(choice: CniChoice): string | undefined {
  const install = cniOptions[choice].install;
  return install.kind === "manifest" ? install.url : undefined;
}

export const cniUnitName = "install-cni.service";
/** Written after a successful apply, so the unit never runs again on later boots. */
export const cniStampPath = "/var/lib/install-cni/applied";
const adminKubeconfig = "/etc/kubernetes/admin.conf";

/**
 * A oneshot unit for the control plane: waits for kubeadm's admin kubeconfig, applies the
 * pinned manifest once, then leaves a stamp. Undefined when there is nothing to apply.
 */
export function cniInstallUnit(choice: CniChoice): string | undefined {
  const url = cniManifestUrl(choice);
  if (!url) return undefined;
  const label = cniOptions[choice].label;
  return `[Unit]
Description=Install the pod network (${label}) once kubeadm init has finished
Wants=network-online.target
After=network-online.target kubeadm.service
ConditionPathExists=!${cniStampPath}
[Service]
Type=oneshot
RemainAfterExit=yes
# kubeadm init writes admin.conf near its end; wait for it however long init takes.
TimeoutStartSec=infinity
ExecStartPre=/usr/bin/sh -c 'until [ -s ${adminKubeconfig} ]; do sleep 5; done'
ExecStart=/usr/bin/kubectl --kubeconfig ${adminKubeconfig} apply -f ${url}
ExecStartPost=/usr/bin/mkdir -p ${cniStampPath.slice(0, cniStampPath.lastIndexOf("/"))}
ExecStartPost=/usr/bin/touch ${cniStampPath}
# The API server may refuse for a while after admin.conf appears: try again.
Restart=on-failure
RestartSec=10
[Install]
WantedBy=multi-user.target
`;
}
