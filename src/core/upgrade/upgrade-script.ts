import type { WizardState } from "../config/wizard-state";
import { kubeadmImageRepository } from "../cluster/kubeadm-images";
import {
  extensionSymlink,
  extensionsDirectory,
  listingFileName,
  rawImageUrl,
  transferFilePath,
  transferFileText,
  transferSourceUrl,
} from "../render/bakery";
import { containerdConfigFor, containerdConfigPath } from "../render/containerd-registry";
import { imageFileName, minorOf } from "../version";

/**
 * upgrade.sh: on one node, what the wizard's own files would have done at the target version,
 * and nothing else. The steps follow kubeadm's upgrade task (kubernetes.io, "Upgrading kubeadm
 * clusters") and the bakery's way to activate an image (`systemctl restart systemd-sysext`);
 * each step checks what is already done, so a second run changes nothing and a run after a
 * failure resumes.
 */

/** A node's place in the upgrade: kubeadm upgrade apply runs on the first control plane only. */
export type UpgradePosition = "first-control-plane" | "control-plane" | "worker";

export interface UpgradeNode {
  name: string;
  position: UpgradePosition;
}

export interface UpgradeScriptInput {
  /** The cluster's choices (its share link): version, architecture, updates, mirror, registry. */
  state: WizardState;
  node: UpgradeNode;
  /** The version the cluster goes to. */
  to: string;
  /**
   * Hex SHA-256 of the target image for the cluster's architecture, from the catalogue. Without
   * it the script takes the image's line of the bakery's SHA256SUMS, as systemd-sysupdate does.
   */
  imageSha256?: string;
}

/** Where the script keeps its own marks: the image it replaced (for a roll back), and "done". */
export const upgradeStateDirectory = "/var/lib/kubernetes-upgrade";
export const upgradeScriptName = "upgrade.sh";

/** A POSIX sh word for any text: single-quoted, with ' written as '\''. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A here-document that writes `contents` to "$root<path>" through a temporary file, only when it differs. */
function writeFileStep(variable: string, contents: string, changed: string): string {
  const delimiter = "FKW_END_OF_FILE";
  if (contents.includes(delimiter)) throw new Error("a file holds the here-document's delimiter");
  return `cat >"$${variable}.new" <<'${delimiter}'
${contents.endsWith("\n") ? contents : `${contents}\n`}${delimiter}
if cmp -s "$${variable}.new" "$${variable}"; then
  rm -f "$${variable}.new"
else
  mv -f "$${variable}.new" "$${variable}"
  ${changed}
fi`;
}

export function upgradeScript({ state, node, to, imageSha256 }: UpgradeScriptInput): string {
  const fromMinor = minorOf(state.kubernetesVersion);
  const toMinor = minorOf(to);
  const image = imageFileName(to, state.arch);
  const updatesOn = state.updates === "patch";
  const first = node.position === "first-control-plane";
  const role =
    node.position === "worker"
      ? "worker"
      : first
        ? "first control plane"
        : "control plane, not the first";
  // A shell glob of the old minor's images, by the bakery's own naming.
  const fromImages = imageFileName(`${fromMinor}.*`, state.arch);

  const transferStep = updatesOn
    ? `
step="replace the sysupdate transfer with ${toMinor}'s"
mkdir -p "$transfers"
${writeFileStep("transfer", transferFileText(toMinor, state.mirror), 'say "sysupdate now follows $to_minor patches"')}
for old in "$transfers"/kubernetes-*.conf; do
  if [ -e "$old" ] && [ "$old" != "$transfer" ]; then
    rm -f "$old"
    say "removed the old transfer \${old#"$root"}"
  fi
done
`
    : "";

  const registryTags = state.registry !== "" ? registryTagSteps(state, to, first) : "";

  const kubeadmStep = first
    ? `
step="kubeadm upgrade apply $to_version"
if grep -qs "kube-apiserver:$to_version" "$root/etc/kubernetes/manifests/kube-apiserver.yaml"; then
  say "kubeadm upgrade apply $to_version already ran"
else
${registryTags}  kubeadm upgrade plan "$to_version"
  kubeadm upgrade apply "$to_version" --yes
fi
`
    : `
step="kubeadm upgrade node"
kubeadm upgrade node
`;

  const containerdStep =
    state.registry !== ""
      ? `
step="containerd's sandbox image for $to_minor"
containerd_config="$root${containerdConfigPath}"
${writeFileStep("containerd_config", containerdConfigFor(state.registry, to), 'systemctl restart containerd\n  say "containerd uses the sandbox image of $to_minor"')}
`
      : "";

  return `#!/bin/sh
# Upgrades ${node.name} (${role}) from Kubernetes ${fromMinor} to ${to}.
# Made by the Flatcar Kubernetes Wizard. Run it on ${node.name} as root, one node at a time,
# after \`kubectl drain ${node.name} --ignore-daemonsets --delete-emptydir-data\` from your admin
# machine (see README.md for the order):
#   sudo sh ${upgradeScriptName}
# Nothing on the node changes until the new image is downloaded and its sha256 checked. Run it
# again after a failure and it resumes; after success it changes nothing.
set -eu

node=${shellQuote(node.name)}
from_minor=${shellQuote(fromMinor)}
to_version=${shellQuote(to)}
${
  updatesOn || state.registry !== ""
    ? `to_minor=${shellQuote(toMinor)}
`
    : ""
}image=${shellQuote(image)}
image_url=${shellQuote(rawImageUrl(to, state.arch, state.mirror))}
image_sha256=${shellQuote(imageSha256 ?? "")}
listing_url=${shellQuote(`${transferSourceUrl(state.mirror)}${listingFileName}`)}

# The node's root; a test runs the script against a copy of a node's tree elsewhere.
root="\${UPGRADE_ROOT:-}"
images="$root${extensionsDirectory}"
link="$root${extensionSymlink}"
${
  updatesOn
    ? `transfers="$root${transferFilePath(toMinor).slice(0, transferFilePath(toMinor).lastIndexOf("/"))}"
transfer="$root${transferFilePath(toMinor)}"
`
    : ""
}marks="$root${upgradeStateDirectory}"

say() { printf '%s\\n' "${upgradeScriptName} ($node): $*"; }
step="check the node"
stopped() {
  status=$?
  [ "$status" -eq 0 ] || printf '%s\\n' "${upgradeScriptName} ($node): stopped at: $step (exit $status). Fix the cause and run it again: it resumes from there." >&2
}
trap stopped EXIT
fail() { printf '%s\\n' "${upgradeScriptName} ($node): $*" >&2; exit 1; }
sha256_of() { sha256sum "$1" | cut -d ' ' -f 1; }

[ "$(id -u)" = 0 ] || fail "run it as root: sudo sh ${upgradeScriptName}"
actual=$(cat "$root/etc/hostname" 2>/dev/null || hostname)
[ "$actual" = "$node" ] || fail "this script is for $node, but this node is $actual: run each node's own ${upgradeScriptName}."
active=$(readlink "$link" 2>/dev/null || true)
active=\${active##*/}
if [ -f "$marks/$to_version.done" ] && [ "$active" = "$image" ]; then
  say "already upgraded to $to_version: nothing to do."
  trap - EXIT
  exit 0
fi
case "$active" in
  "$image") say "resuming: $image is already active" ;;
  ${fromImages})${
    fromMinor === toMinor
      ? `
    # Within one minor, a node sysupdate already moved past the target stays where it is.
    patch=\${active#kubernetes-${fromMinor}.}
    patch=\${patch%%-*}
    [ "$patch" -lt ${to.split(".")[2]} ] || fail "$active is already as new as $to_version: this node needs no upgrade to it."
   `
      : ""
  } say "$active is active: upgrading to $to_version" ;;
  *) fail "expected a Kubernetes $from_minor image at ${extensionSymlink}, found \${active:-nothing}: this script upgrades from $from_minor only (the cluster's share link says ${state.kubernetesVersion})." ;;
esac

step="get and check $image"
# Before the image already here is checked too: a resumed run has it, and needs its digest.
if [ -z "$image_sha256" ]; then
  # No digest was published with the release: the bakery's listing names it, as sysupdate reads it.
  listing="$images/.SHA256SUMS.part"
  curl --fail --silent --show-error --location --retry 3 --output "$listing" "$listing_url" || {
    rm -f "$listing"
    fail "could not download $listing_url. Nothing was changed."
  }
  image_sha256=$(awk -v name="$image" '$2 == name || $2 == "*" name { print $1; exit }' "$listing")
  rm -f "$listing"
  [ -n "$image_sha256" ] || fail "$listing_url does not list $image. Nothing was changed."
fi
if [ -f "$images/$image" ]; then
  have=$(sha256_of "$images/$image")
  [ "$have" = "$image_sha256" ] || fail "${extensionsDirectory}/$image is there with sha256 $have, not $image_sha256: remove it, then run this again. Nothing was changed."
  say "$image is already here, sha256 checked"
else
  part="$images/.$image.part"
  curl --fail --silent --show-error --location --retry 3 --output "$part" "$image_url" || {
    rm -f "$part"
    fail "could not download $image_url. Nothing was changed."
  }
  have=$(sha256_of "$part")
  if [ "$have" != "$image_sha256" ]; then
    rm -f "$part"
    fail "$image_url has sha256 $have, not $image_sha256 as published: not used. Nothing was changed."
  fi
  mv -f "$part" "$images/$image"
  say "downloaded $image, sha256 checked"
fi
${updatesOn ? "\nsystemctl stop systemd-sysupdate.timer\n" : ""}
step="keep the previous image for a roll back"
mkdir -p "$marks"
if [ "$active" != "$image" ] && [ ! -f "$marks/$to_version.previous" ]; then
  printf '%s\\n' "$active" >"$marks/$to_version.previous"
fi
${transferStep}
step="activate $image"
if [ "$active" != "$image" ]; then
  rm -f "$link.new"
  ln -s "${extensionsDirectory}/$image" "$link.new"
  mv -f "$link.new" "$link"
  say "${extensionSymlink} -> ${extensionsDirectory}/$image"
fi
# The bakery's documented way to load a changed image at run time; no reboot is needed.
systemctl restart systemd-sysext
found=$(kubeadm version -o short)
[ "$found" = "$to_version" ] || fail "after systemd-sysext restarted, kubeadm is $found, not $to_version."
${containerdStep}${kubeadmStep}
step="restart the kubelet"
systemctl daemon-reload
systemctl restart kubelet
${updatesOn ? "systemctl start systemd-sysupdate.timer\n" : ""}
touch "$marks/$to_version.done"
say "upgraded to $to_version. Now, from your admin machine: kubectl uncordon $node"
`;
}

/**
 * With a registry, kubeadm's ClusterConfiguration pins etcd's and CoreDNS's tags (kubeadm-images.ts),
 * and kubeadm upgrade keeps what the cluster's kubeadm-config ConfigMap says. The tags of the
 * target minor are written there first: kubeadm's "Reconfiguring a kubeadm cluster" task edits
 * that ConfigMap, and the next upgrade applies it.
 */
function registryTagSteps(state: WizardState, to: string, first: boolean): string {
  const from = kubeadmImageRepository(state.kubernetesVersion, state.registry);
  const target = kubeadmImageRepository(to, state.registry);
  if (!first || !from || !target) return "";
  const replacements = [
    [from.etcdTag, target.etcdTag],
    [from.coreDnsTag, target.coreDnsTag],
  ].filter(([before, after]) => before !== after);
  if (replacements.length === 0) return "";
  const sed = replacements
    .map(([before, after]) => `-e ${shellQuote(`s|imageTag: ${before}$|imageTag: ${after}|`)}`)
    .join(" ");
  return `  # The registry holds the images of ${minorOf(to)}: etcd ${target.etcdTag}, CoreDNS ${target.coreDnsTag}.
  kubectl --kubeconfig=/etc/kubernetes/admin.conf -n kube-system get configmap kubeadm-config \\
    -o jsonpath='{.data.ClusterConfiguration}' >"$marks/ClusterConfiguration"
  sed ${sed} "$marks/ClusterConfiguration" >"$marks/ClusterConfiguration.new"
  kubectl --kubeconfig=/etc/kubernetes/admin.conf -n kube-system create configmap kubeadm-config \\
    --from-file=ClusterConfiguration="$marks/ClusterConfiguration.new" --dry-run=client -o yaml |
    kubectl --kubeconfig=/etc/kubernetes/admin.conf replace -f -
  say "kubeadm-config now pins etcd ${target.etcdTag} and CoreDNS ${target.coreDnsTag}"
`;
}
