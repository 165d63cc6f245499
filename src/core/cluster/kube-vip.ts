import { stringify } from "yaml";

/**
 * kube-vip as a static pod on every control plane, in ARP mode: the leader holds the control
 * plane endpoint's address on the chosen interface, so the endpoint answers before (and while)
 * any one control plane is down. Written as kube-vip's own `manifest pod --controlplane --arp
 * --leaderElection` writes it (pkg/kubevip/config_generator.go, generatePodSpec, v1.2.3).
 */

/** Pinned release (tagged 2026-08-10, github.com/kube-vip/kube-vip/releases/tag/v1.2.3). */
export const kubeVipRelease = {
  version: "v1.2.3",
  image: "ghcr.io/kube-vip/kube-vip:v1.2.3",
  source: "https://kube-vip.io/docs/installation/static/",
} as const;

export const kubeVipManifestPath = "/etc/kubernetes/manifests/kube-vip.yaml";
/** Where a joining control plane keeps it until kubeadm join has run. */
export const kubeVipStagedPath = "/etc/kubernetes/kube-vip.yaml";
/** Where the pod reads its kubeconfig; the host file mounted there is the node's choice. */
const kubeconfigMountPath = "/etc/kubernetes/admin.conf";

export interface KubeVipInput {
  /** The virtual IP: the control plane endpoint's host, an IPv4 or IPv6 address (no brackets). */
  address: string;
  /** The API server's port, which the endpoint must use: kube-vip only moves the address. */
  port: string;
  interfaceName: string;
  /** The host's kubeconfig kube-vip uses: super-admin.conf while the first `kubeadm init` runs. */
  kubeconfigPath: string;
}

export function kubeVipPod(input: KubeVipInput): Record<string, unknown> {
  const env: Record<string, string>[] = [
    { name: "vip_arp", value: "true" },
    { name: "port", value: input.port },
    { name: "vip_interface", value: input.interfaceName },
    { name: "vip_subnet", value: input.address.includes(":") ? "128" : "32" },
    { name: "dns_mode", value: "first" },
    { name: "cp_enable", value: "true" },
    { name: "cp_namespace", value: "kube-system" },
    { name: "vip_leaderelection", value: "true" },
    { name: "vip_leasename", value: "plndr-cp-lock" },
    { name: "vip_leaseduration", value: "5" },
    { name: "vip_renewdeadline", value: "3" },
    { name: "vip_retryperiod", value: "1" },
    { name: "address", value: input.address },
    { name: "prometheus_server", value: ":2112" },
  ];
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "kube-vip", namespace: "kube-system" },
    spec: {
      containers: [
        {
          name: "kube-vip",
          image: kubeVipRelease.image,
          imagePullPolicy: "IfNotPresent",
          args: ["manager"],
          env: [
            ...env.slice(0, 2),
            { name: "vip_nodename", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
            ...env.slice(2),
          ],
          securityContext: {
            capabilities: { add: ["NET_ADMIN", "NET_RAW"], drop: ["ALL"] },
          },
          volumeMounts: [{ name: "kubeconfig", mountPath: kubeconfigMountPath }],
        },
      ],
      hostAliases: [{ ip: "127.0.0.1", hostnames: ["kubernetes"] }],
      hostNetwork: true,
      volumes: [
        {
          name: "kubeconfig",
          // type File: the pod waits for kubeadm to write the kubeconfig, where an untyped
          // hostPath could have the runtime create a directory in its place.
          hostPath: { path: input.kubeconfigPath, type: "File" },
        },
      ],
    },
  };
}

export function kubeVipManifest(input: KubeVipInput): string {
  return stringify(kubeVipPod(input), { lineWidth: 0 });
}

/** After init, the first control plane's kube-vip goes back to admin.conf (super-admin.conf bypasses RBAC). */
export function kubeVipUseAdminConf(superAdminPath: string, adminPath: string): string {
  return `/usr/bin/sed -i 's#path: ${superAdminPath}#path: ${adminPath}#' ${kubeVipManifestPath}`;
}
