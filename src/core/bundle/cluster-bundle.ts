import { serializeClusterSecrets, clusterSecretsFileName } from "../cluster/cluster-secrets-file";
import { cniOption } from "../cluster/cni";
import { nextStepsMarkdown } from "./next-steps";
import { cniInstall } from "../cluster/cni-install";
import type { WizardState } from "../config/wizard-state";
import { readinessReadmeSection, type Readiness } from "../readiness/readiness";
import { kuredInstall, kuredInstallCommands } from "../render/kured";
import type { NodeSecrets } from "../render/kubeadm-parts";
import type { ClusterNode } from "../render/render-cluster";
import type { BundleFile } from "./node-bundle";

/** The secrets file: what more workers need to join later. */
export function clusterSecretsText(state: WizardState, secrets: NodeSecrets): string {
  return serializeClusterSecrets({
    clusterName: state.clusterName,
    controlPlaneEndpoint: state.controlPlaneEndpoint,
    bootstrapToken: secrets.bootstrapToken,
    tokenTtl: state.tokenTtl,
    caCertificatePem: secrets.caCertificatePem,
    caPrivateKeyPem: secrets.caPrivateKeyPem,
    discoveryHash: secrets.discoveryHash,
  });
}

/** What the control plane installs in the cluster, and what is left to the person. */
function addonsSection(state: WizardState): string {
  const cni = cniInstall(state);
  const lines = ["## Pod network and reboots", ""];
  if (cni.kind === "unit") {
    lines.push(
      `- Pod network: ${cni.name}, applied once by \`install-cni.service\` on the control plane from`,
      ...cni.urls.map((url) => `  ${url}`),
      `  with the pod CIDR ${state.podCidr}. ${cniOption(state.cni).explanation}`,
    );
  } else if (cni.kind === "manual") {
    lines.push(`- Pod network: install it yourself. ${cni.reason}`);
  } else {
    lines.push(`- Pod network: none chosen. ${cniOption("none").explanation}`);
  }
  if (state.reboot === "locksmithd") {
    lines.push("- Reboots: locksmithd on each node, as set in /etc/flatcar/update.conf.");
  } else if (state.kuredInstall === "cluster") {
    const kured = kuredInstall(state.kubernetesVersion, state.windowStart, state.windowLength);
    lines.push(
      `- Reboots: kured ${kured.version}, applied once by \`install-kured.service\` on the control plane from`,
      `  ${kured.url}; it drains and reboots one node at a time when /run/reboot-required appears.`,
      ...kured.notes.map((note) => `  ${note}`),
    );
  } else {
    lines.push(
      "- Reboots: kured, which you install yourself (locksmithd is masked, so until then nodes",
      "  never reboot into updates). Once the control plane is up, run:",
      "",
      "  ```sh",
      ...kuredInstallCommands(state.kubernetesVersion, state.windowStart, state.windowLength)
        .trimEnd()
        .split("\n")
        .map((line) => `  ${line}`),
      "  ```",
    );
  }
  return `${lines.join("\n")}\n`;
}

function clusterReadme(state: WizardState, nodes: ClusterNode[], readiness?: Readiness): string {
  const [controlPlane, ...workers] = nodes;
  const failed = nodes.filter((node) => node.rendered.compiled.ignition === undefined);
  return `# Kubernetes cluster "${state.clusterName}" on Flatcar: 1 control plane, ${workers.length} workers

${readiness ? readinessReadmeSection(readiness) : ""}Made by the Flatcar Kubernetes Wizard: Kubernetes ${state.kubernetesVersion} (${state.arch}), control plane
endpoint ${state.controlPlaneEndpoint || "(not set)"}. Each folder holds one node's \`config.bu\` and
its compiled \`config.ign\`.

## Boot order

1. \`${controlPlane?.name}/config.ign\`: the control plane. It runs \`kubeadm init\` once with the cluster
   CA and bootstrap token made for this cluster, then installs what "Pod network and reboots" lists.
   It must be reachable at ${state.controlPlaneEndpoint || "the control plane endpoint"}.
2. The workers (${workers.map((worker) => `\`${worker.name}\``).join(", ") || "none"}), in any order and at
   any time, even together with the control plane: each waits until the API server answers, then
   runs \`kubeadm join\` once.

For example: \`sudo flatcar-install -d /dev/sda -i ${controlPlane?.name}/config.ign\`.

${addonsSection(state)}${failed.length > 0 ? `\nNot compiled (fix config.bu first): ${failed.map((node) => node.name).join(", ")}.\n` : ""}
## Secrets

\`${clusterSecretsFileName}\` holds the cluster CA's private key and the bootstrap token: anyone with
it can join nodes or sign certificates for this cluster. Keep it like a password. The Ignition
configs of the control plane hold the CA key, and every node's holds the token: treat them alike.
To add workers later, load the secrets file in the wizard ("Load cluster secrets")
${state.tokenTtl === "24h" ? "and create a fresh token on the control plane (kubeadm token create): this one expires 24 hours after the control plane starts." : "(the token never expires until you delete it with kubeadm token delete)."}

${nextStepsMarkdown(state)}`;
}

/** One zip's worth: a folder per node with its .bu and .ign, the secrets file, and the README. */
export function clusterBundle(
  state: WizardState,
  nodes: ClusterNode[],
  secrets: NodeSecrets,
  readiness?: Readiness,
): BundleFile[] {
  const files: BundleFile[] = [];
  for (const node of nodes) {
    files.push({ path: `${node.name}/config.bu`, contents: node.rendered.butane });
    const ignition = node.rendered.compiled.ignition;
    if (ignition !== undefined) files.push({ path: `${node.name}/config.ign`, contents: ignition });
  }
  files.push({ path: clusterSecretsFileName, contents: clusterSecretsText(state, secrets) });
  files.push({ path: "README.md", contents: clusterReadme(state, nodes, readiness) });
  return files;
}
