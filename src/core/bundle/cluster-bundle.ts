import { serializeClusterSecrets, clusterSecretsFileName } from "../cluster/cluster-secrets-file";
import type { WizardState } from "../config/wizard-state";
import { readinessReadmeSection, type Readiness } from "../readiness/readiness";
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

function clusterReadme(state: WizardState, nodes: ClusterNode[], readiness?: Readiness): string {
  const [controlPlane, ...workers] = nodes;
  const failed = nodes.filter((node) => node.rendered.compiled.ignition === undefined);
  return `# Kubernetes cluster "${state.clusterName}" on Flatcar: 1 control plane, ${workers.length} workers

${readiness ? readinessReadmeSection(readiness) : ""}Made by the Flatcar Kubernetes Wizard: Kubernetes ${state.kubernetesVersion} (${state.arch}), control plane
endpoint ${state.controlPlaneEndpoint || "(not set)"}. Each folder holds one node's \`config.bu\` and
its compiled \`config.ign\`.

## Boot order

1. \`${controlPlane?.name}/config.ign\`: the control plane. It runs \`kubeadm init\` once with the cluster
   CA and bootstrap token made for this cluster${state.cni !== "none" ? `, then installs the pod network (${state.cni})` : ""}.
   It must be reachable at ${state.controlPlaneEndpoint || "the control plane endpoint"}.
2. The workers (${workers.map((worker) => `\`${worker.name}\``).join(", ") || "none"}), in any order and at
   any time, even together with the control plane: each waits until the API server answers, then
   runs \`kubeadm join\` once.

For example: \`sudo flatcar-install -d /dev/sda -i ${controlPlane?.name}/config.ign\`.
${failed.length > 0 ? `\nNot compiled (fix config.bu first): ${failed.map((node) => node.name).join(", ")}.\n` : ""}
## Secrets

\`${clusterSecretsFileName}\` holds the cluster CA's private key and the bootstrap token: anyone with
it can join nodes or sign certificates for this cluster. Keep it like a password. The Ignition
configs of the control plane hold the CA key, and every node's holds the token: treat them alike.
To add workers later, load the secrets file in the wizard ("Load cluster secrets")
${state.tokenTtl === "24h" ? "and create a fresh token on the control plane (kubeadm token create): this one expires 24 hours after the control plane starts." : "(the token never expires until you delete it with kubeadm token delete)."}
`;
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
