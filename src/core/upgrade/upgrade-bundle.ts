import { clusterShareQuery, encodePreset } from "../config/preset";
import type { WizardState } from "../config/wizard-state";
import type { BundleFile } from "../bundle/node-bundle";
import { bundleReadmeFileName, clusterSecretsFileName } from "../file-names";
import { readinessReadmeSection, type Readiness } from "../readiness/readiness";
import {
  extensionSymlink,
  extensionsDirectory,
  transferFilePath,
  transferFileText,
} from "../render/bakery";
import { minorOf } from "../version";
import { addonUpgrades, upgradedClusterState, type UpgradePlan } from "./upgrade-plan";
import { renewCertificatesScript, renewCertificatesScriptName } from "./renew-certificates-script";
import {
  upgradeScript,
  upgradeScriptName,
  upgradeStateDirectory,
  type UpgradeNode,
} from "./upgrade-script";

/**
 * Download upgrade: a folder per node in upgrade order, each with its upgrade.sh (and, on a
 * control plane, renew-certificates.sh), and the README that is the runbook.
 */

/** "01-cp-1": the folder's number gives the order; as wide as the count needs, two digits at least. */
export function upgradeFolders(nodes: UpgradeNode[]): string[] {
  const width = Math.max(2, String(nodes.length).length);
  return nodes.map((node, index) => `${String(index + 1).padStart(width, "0")}-${node.name}`);
}

const etcdctl = (command: string) =>
  `sudo crictl exec $(sudo crictl ps --name etcd -q) etcdctl --endpoints https://127.0.0.1:2379 \\
  --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/etcd/server.crt \\
  --key /etc/kubernetes/pki/etcd/server.key ${command}`;

function positionLabel(node: UpgradeNode): string {
  if (node.position === "first-control-plane")
    return "first control plane: `kubeadm upgrade apply`";
  if (node.position === "control-plane") return "control plane: `kubeadm upgrade node`";
  return "worker: `kubeadm upgrade node`";
}

function addonSection(state: WizardState, to: string): string {
  const addons = addonUpgrades(state, to);
  if (addons.length === 0)
    return "- Add-ons: the wizard installed none (no pod network, kured yours): check that yours support the new minor.\n";
  return addons
    .map((addon) => {
      if (addon.commands.length === 0)
        return `- ${addon.name}: ${addon.current} supports ${minorOf(to)} as well; nothing to change.${addon.note ? ` ${addon.note}` : ""}\n`;
      const when = addon.after
        ? `after the last node (it does not support ${minorOf(state.kubernetesVersion)})`
        : "now, before the first node (it supports both minors)";
      return `- ${addon.name}: ${addon.current} → ${addon.target}, ${when}. On the first control plane:${addon.note ? `\n  ${addon.note}` : ""}

  \`\`\`sh
${addon.commands.map((command) => `  ${command}`).join("\n")}
  \`\`\`
`;
    })
    .join("");
}

function nodeSteps(nodes: UpgradeNode[], folders: string[]): string {
  return nodes
    .map((node, index) => {
      const folder = folders[index] ?? node.name;
      return `${index + 1}. **${node.name}** (${positionLabel(node)}):

   \`\`\`sh
   kubectl drain ${node.name} --ignore-daemonsets --delete-emptydir-data
   scp ${folder}/${upgradeScriptName} core@${node.name}:
   ssh core@${node.name} sudo sh ${upgradeScriptName}
   kubectl wait --for=condition=Ready node/${node.name} --timeout=10m
   kubectl uncordon ${node.name}
   \`\`\`
`;
    })
    .join("\n");
}

export function upgradeReadme(
  state: WizardState,
  plan: UpgradePlan & { to: string },
  readiness?: Readiness,
): string {
  const { from, to, nodes } = plan;
  const folders = upgradeFolders(nodes);
  const first = nodes[0]?.name ?? "cp-1";
  const controlPlanes = nodes.filter((node) => node.position !== "worker");
  const upgraded = upgradedClusterState(state, to);
  const updatesOn = state.updates === "patch";
  const fromMinor = minorOf(from);
  const workers = nodes.length - controlPlanes.length;
  const mirrorQuery = `'${encodePreset(upgraded)}' --workers ${workers}`;
  const mirrorStep =
    state.mirror === "" && state.registry === ""
      ? ""
      : `4. ${[state.mirror, state.registry].filter(Boolean).join(" and ")} must hold ${to}'s files and images before any node is
   upgraded (upgrade.sh stops before changing anything when the image is not there). The
   page's Mirror panel for the upgraded cluster's link lists them; or, with internet access:

       npm run --silent cli -- mirror --preset ${mirrorQuery}
       npm run --silent cli -- mirror --preset ${mirrorQuery} --download mirror/

`;
  return `# Upgrade cluster "${state.clusterName}" from Kubernetes ${fromMinor} to ${to}

${readiness ? readinessReadmeSection(readiness, "upgrade") : ""}Made by the Flatcar Kubernetes Wizard for the cluster made from this share link:

    ${clusterShareQuery(state)}

${controlPlanes.length} control plane${controlPlanes.length === 1 ? "" : "s"} and ${nodes.length - controlPlanes.length} worker${nodes.length - controlPlanes.length === 1 ? "" : "s"}, ${state.arch}. kubeadm upgrades one minor at a time, one node at a
time: the first control plane, then the other control planes, then the workers. Each folder
holds that node's \`${upgradeScriptName}\`, numbered in that order.

## Before you start

1. On your admin machine, \`kubectl\` with the cluster's admin.conf. Every node is Ready and at
   ${fromMinor}:

   \`\`\`sh
   kubectl get nodes -o wide
   \`\`\`

2. An etcd snapshot, taken on ${first} and copied off it:

   \`\`\`sh
   ssh core@${first}
   ${etcdctl(`snapshot save /var/lib/etcd/snapshot-before-${to}.db`).replaceAll("\n", "\n   ")}
   sudo cp /var/lib/etcd/snapshot-before-${to}.db ~core/ && exit
   scp core@${first}:snapshot-before-${to}.db .
   \`\`\`

3. Add-ons that must support ${minorOf(to)}:

${addonSection(state, to)
  .split("\n")
  .map((line) => (line === "" ? "" : `   ${line}`))
  .join("\n")}
${mirrorStep}
## Upgrade, one node at a time, in this order

Each \`${upgradeScriptName}\` checks that it runs on its own node with ${fromMinor} active, downloads
${to}'s image${state.mirror !== "" ? ` from ${state.mirror}` : ""} and checks its sha256 before anything changes,${
    updatesOn
      ? `
replaces ${transferFilePath(fromMinor)} with ${transferFilePath(minorOf(to))} (so patch
updates go on within ${minorOf(to)}),`
      : ""
  } points ${extensionSymlink} at the new image, restarts
systemd-sysext (no reboot), runs kubeadm's upgrade and restarts the kubelet. It leaves no
/run/reboot-required behind. Run again, it resumes where it stopped, or says there is nothing to do.

${nodeSteps(nodes, folders)}
## After the last node

\`\`\`sh
kubectl get nodes                     # every node shows ${to}
ssh core@${first} sudo kubeadm upgrade plan   # nothing newer to apply in ${minorOf(to)}
kubectl get pods --all-namespaces     # everything Running again
\`\`\`

## Roll a node back

Before its \`kubeadm upgrade\` ran, a node goes back to the image it had (kept in
${extensionsDirectory}; its name is in ${upgradeStateDirectory}/${to}.previous):

\`\`\`sh
sudo ln -sfn "${extensionsDirectory}/$(cat ${upgradeStateDirectory}/${to}.previous)" ${extensionSymlink}
${
  updatesOn
    ? `sudo rm -f ${transferFilePath(minorOf(to))}
sudo tee ${transferFilePath(fromMinor)} >/dev/null <<'EOF'
${transferFileText(fromMinor, state.mirror)}EOF
`
    : ""
}sudo systemctl restart systemd-sysext
sudo systemctl restart kubelet
sudo rm -f ${upgradeStateDirectory}/${to}.done
\`\`\`

After \`kubeadm upgrade apply\` ran on ${first}, the cluster itself is at ${to}: going back
means restoring the etcd snapshot (kubernetes.io, "Operating etcd clusters for Kubernetes").

## New nodes after the upgrade

A node that joins later must come at ${to}. Open the wizard with the upgraded cluster's link and
load the same \`${clusterSecretsFileName}\`:

- a new cluster's nodes: \`${encodePreset(upgraded)}\`
- one more worker: \`${encodePreset({ ...upgraded, mode: "join", role: "worker" })}\`

Use the first link for the next upgrade too.

## Certificates and join tokens

- kubeadm's certificates last a year; \`kubeadm upgrade\` renews them on every control plane.
  See when they expire with \`sudo kubeadm certs check-expiration\` on a control plane. A control
  plane that will not be upgraded within the year: copy its folder's \`${renewCertificatesScriptName}\`
  and run it there (\`sudo sh ${renewCertificatesScriptName}\`), one control plane at a time; it renews
  them and restarts the control plane's static pods the way kubeadm's docs say. Copy
  /etc/kubernetes/admin.conf to your admin machine again afterwards.
- Bootstrap tokens expire (24 hours unless made without expiry). For a new worker, make one on a
  control plane and paste the line it prints into the wizard's "A worker for an existing cluster":

  \`\`\`sh
  ssh core@${first} sudo kubeadm token create --print-join-command
  \`\`\`
`;
}

/** Every file of Download upgrade: README.md and a folder per node in order. */
export function upgradeBundle(
  state: WizardState,
  plan: UpgradePlan & { to: string },
  readiness?: Readiness,
): BundleFile[] {
  const folders = upgradeFolders(plan.nodes);
  const files: BundleFile[] = [
    { path: bundleReadmeFileName, contents: upgradeReadme(state, plan, readiness) },
  ];
  plan.nodes.forEach((node, index) => {
    const folder = folders[index] ?? node.name;
    files.push({
      path: `${folder}/${upgradeScriptName}`,
      contents: upgradeScript({
        state,
        node,
        to: plan.to,
        ...(plan.imageSha256 ? { imageSha256: plan.imageSha256 } : {}),
      }),
    });
    if (node.position !== "worker")
      files.push({
        path: `${folder}/${renewCertificatesScriptName}`,
        contents: renewCertificatesScript(node.name),
      });
  });
  return files;
}
