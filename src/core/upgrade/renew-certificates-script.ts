import { shellQuote } from "./upgrade-script";

/**
 * renew-certificates.sh, for a control plane that will not be upgraded within the year: kubeadm's
 * component certificates last one year, and only `kubeadm upgrade` or `kubeadm certs renew`
 * renews them (kubernetes.io, "Certificate Management with kubeadm"). The control plane's static
 * pods read their certificates when they start, and the kubelet, not the API server, runs them:
 * the documented way to restart one is to move its manifest out of /etc/kubernetes/manifests,
 * wait until the kubelet stopped it (it looks every 20 s), and move it back.
 */

export const renewCertificatesScriptName = "renew-certificates.sh";
export const staticPodComponents = [
  "etcd",
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
] as const;

export function renewCertificatesScript(node: string): string {
  return `#!/bin/sh
# Renews kubeadm's certificates on the control plane ${node} and restarts its static pods so they
# read them. Made by the Flatcar Kubernetes Wizard. Run it as root on ${node}, one control plane at
# a time:   sudo sh ${renewCertificatesScriptName}
# A kubeadm upgrade renews the same certificates: this is for a year without one.
set -eu

node=${shellQuote(node)}
root="\${UPGRADE_ROOT:-}"
manifests="$root/etc/kubernetes/manifests"
parked="$root/etc/kubernetes/manifests-parked"

say() { printf '%s\\n' "${renewCertificatesScriptName} ($node): $*"; }
fail() { printf '%s\\n' "${renewCertificatesScriptName} ($node): $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run it as root: sudo sh ${renewCertificatesScriptName}"
actual=$(cat "$root/etc/hostname" 2>/dev/null || hostname)
[ "$actual" = "$node" ] || fail "this script is for $node, but this node is $actual."
[ -d "$manifests" ] || fail "no /etc/kubernetes/manifests: $node is not a control plane."

# A manifest parked by a run that stopped half way goes back first.
mkdir -p "$parked"
for manifest in "$parked"/*.yaml; do
  [ -e "$manifest" ] || continue
  mv -f "$manifest" "$manifests/"
  say "put back \${manifest##*/}, parked by an earlier run"
done

kubeadm certs check-expiration
kubeadm certs renew all

# Waits until crictl shows the component running (want=1) or gone (want=0), at most 120 s.
wait_for() {
  tries=0
  while :; do
    if [ -n "$(crictl ps --quiet --name "^$1$" --state running 2>/dev/null)" ]; then running=1; else running=0; fi
    [ "$running" = "$2" ] && return 0
    tries=$((tries + 1))
    [ "$tries" -le 60 ] || fail "$1 did not $([ "$2" = 1 ] && echo start || echo stop) within 120 s; its manifest is in \${parked#"$root"}: move it back to /etc/kubernetes/manifests."
    sleep 2
  done
}

for component in ${staticPodComponents.join(" ")}; do
  [ -f "$manifests/$component.yaml" ] || continue
  mv -f "$manifests/$component.yaml" "$parked/"
  wait_for "$component" 0
  mv -f "$parked/$component.yaml" "$manifests/"
  wait_for "$component" 1
  say "$component restarted with its renewed certificate"
done

kubeadm certs check-expiration
if [ -d "$root/home/core/.kube" ]; then
  cp "$root/etc/kubernetes/admin.conf" "$root/home/core/.kube/config"
  chown core:core "$root/home/core/.kube/config"
  say "the core user's kubeconfig holds the renewed admin.conf"
fi
say "done. Copy /etc/kubernetes/admin.conf to your admin machine again: the old one's certificate is replaced."
`;
}
