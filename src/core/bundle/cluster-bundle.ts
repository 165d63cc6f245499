import { serializeClusterSecrets } from "../cluster/cluster-secrets-file";
import { clusterShareQuery } from "../config/preset";
import { madeFromSection } from "./made-from";
import { cniOption, cniUnitName } from "../cluster/cni";
import { nextStepsMarkdown } from "./next-steps";
import { mirrorSection } from "./mirror-section";
import { cniInstall } from "../cluster/cni-install";
import type { WizardState } from "../config/wizard-state";
import { readinessReadmeSection, type Readiness } from "../readiness/readiness";
import { installsKured, kuredInstall, kuredInstallCommands } from "../render/kured";
import { updateConfPath } from "../render/update-conf";
import type { NodeSecrets } from "../cluster/node-secrets";
import {
  bundleReadmeFileName,
  butaneFileName,
  clusterSecretsFileName,
  ignitionFileName,
} from "../file-names";
import type { ClusterNode } from "../render/render-cluster";
import type { BundleFile } from "./node-bundle";
import { splitEndpoint } from "../cluster/endpoint";
import { kubeVipRelease } from "../cluster/kube-vip";

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
    ...(secrets.controlPlane ? { controlPlane: secrets.controlPlane } : {}),
    shareLink: clusterShareQuery(state),
  });
}

/** What the control plane installs in the cluster, and what is left to the person. */
function addonsSection(state: WizardState): string {
  const cni = cniInstall(state);
  const lines = ["## Pod network and reboots", ""];
  if (cni.kind === "unit") {
    lines.push(
      `- Pod network: ${cni.name}, applied once by \`${cniUnitName}\` on the control plane from`,
      ...cni.urls.map((url) => `  ${url}`),
      `  with the pod CIDR ${state.podCidr}. ${cniOption(state.cni).details}`,
    );
  } else if (cni.kind === "sysext") {
    lines.push(
      `- Pod network: ${cni.name}, installed once by \`${cni.unitName}\` on the control plane, from the`,
      `  bakery's ${cni.extension.name} sysext ${cni.extension.version} (${cni.extension.source}):`,
      `  \`cilium install ${cni.installArgs.join(" ")}\`. ${cniOption(state.cni).details}`,
    );
  } else {
    lines.push(`- Pod network: none chosen. ${cniOption("none").details}`);
  }
  if (state.reboot === "locksmithd") {
    lines.push(`- Reboots: locksmithd on each node, as set in ${updateConfPath}.`);
  } else if (installsKured(state)) {
    const kured = kuredInstall(state);
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
      ...kuredInstallCommands(state)
        .trimEnd()
        .split("\n")
        .map((line) => `  ${line}`),
      "  ```",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The boot order: the first control plane, the others (several), then the workers. */
function bootOrder(
  state: WizardState,
  controlPlanes: ClusterNode[],
  workers: ClusterNode[],
): string {
  const [first, ...others] = controlPlanes;
  const endpoint = state.controlPlaneEndpoint || "the control plane endpoint";
  const names = (list: ClusterNode[]) => list.map((node) => `\`${node.name}\``).join(", ");
  const lines = [
    `1. \`${first?.name}/${ignitionFileName}\`: the ${others.length > 0 ? "first " : ""}control plane. It runs \`kubeadm init\` once with the cluster`,
    `   CA and bootstrap token made for this cluster, then installs what "Pod network and reboots" lists.`,
    `   It must be reachable at ${endpoint}.`,
  ];
  if (others.length > 0) {
    lines.push(
      `2. The other control planes (${names(others)}), in any order and at any time: each waits until`,
      `   ${endpoint} answers, then runs \`kubeadm join --control-plane\` once, with the certificates`,
      "   all control planes share already in /etc/kubernetes/pki (no certificate key, nothing uploaded).",
    );
  }
  lines.push(
    `${others.length > 0 ? 3 : 2}. The workers (${names(workers) || "none"}), in any order and at`,
    "   any time, even together with the control plane: each waits until the API server answers, then",
    "   runs `kubeadm join` once.",
  );
  return lines.join("\n");
}

/** Several control planes: what serves the endpoint, and how to check etcd and the endpoint. */
function highAvailabilitySection(state: WizardState, controlPlanes: ClusterNode[]): string {
  if (controlPlanes.length < 2) return "";
  const { host, port } = splitEndpoint(state.controlPlaneEndpoint);
  const first = controlPlanes[0]?.name ?? "cp-1";
  const endpoint =
    state.loadBalancer === "kube-vip"
      ? [
          `The endpoint ${state.controlPlaneEndpoint} is a virtual IP held by kube-vip ${kubeVipRelease.version} (a static pod on`,
          `every control plane, ARP mode, on interface \`${state.vipInterface}\`): the elected leader answers for ${host}, and`,
          "another takes over within seconds when it goes down. The address must be free in the control",
          "planes' subnet and reachable from every node. Check which control plane holds it:",
          "",
          "```sh",
          `ip -brief address show ${state.vipInterface} | grep -F '${host}'   # on each control plane`,
          "kubectl -n kube-system get lease plndr-cp-lock -o jsonpath='{.spec.holderIdentity}'",
          "```",
        ]
      : [
          `The endpoint ${state.controlPlaneEndpoint} is your load balancer. Before booting, make it forward TCP ${port}`,
          `to port 6443 on every control plane (${controlPlanes.map((node) => node.name).join(", ")}), with a TCP or HTTPS health check of`,
          "`/livez` on 6443, and let it pass the TLS through (no termination: kubeadm's certificates name",
          `the endpoint ${host}). Until ${first} is up the backends fail their health check; that is expected.`,
          "Check it from any machine:",
          "",
          "```sh",
          `curl --insecure https://${state.controlPlaneEndpoint}/livez   # prints ok`,
          "```",
        ];
  return `## ${controlPlanes.length} control planes

${endpoint.join("\n")}

etcd runs on every control plane (stacked). Check its members from any control plane:

\`\`\`sh
sudo crictl exec $(sudo crictl ps --name etcd -q) etcdctl --endpoints https://127.0.0.1:2379 \\
  --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/etcd/server.crt \\
  --key /etc/kubernetes/pki/etcd/server.key member list -w table
kubectl get nodes -l node-role.kubernetes.io/control-plane
\`\`\`

An odd count keeps a majority: ${controlPlanes.length} control planes stay up with ${Math.floor((controlPlanes.length - 1) / 2)} down.

`;
}

function clusterReadme(state: WizardState, nodes: ClusterNode[], readiness?: Readiness): string {
  const controlPlanes = nodes.filter((node) => node.role === "control-plane");
  const workers = nodes.filter((node) => node.role === "worker");
  const [controlPlane] = controlPlanes;
  const failed = nodes.filter((node) => node.rendered.compiled.ignition === undefined);
  const planes =
    controlPlanes.length === 1 ? "1 control plane" : `${controlPlanes.length} control planes`;
  return `# Kubernetes cluster "${state.clusterName}" on Flatcar: ${planes}, ${workers.length} workers

${readiness ? readinessReadmeSection(readiness) : ""}Made by the Flatcar Kubernetes Wizard: Kubernetes ${state.kubernetesVersion} (${state.arch}), control plane
endpoint ${state.controlPlaneEndpoint || "(not set)"}. Each folder holds one node's \`${butaneFileName}\` and
its compiled \`${ignitionFileName}\`.

## Boot order

${bootOrder(state, controlPlanes, workers)}

For example: \`sudo flatcar-install -d /dev/sda -i ${controlPlane?.name}/${ignitionFileName}\`.

${highAvailabilitySection(state, controlPlanes)}${madeFromSection(state, "cluster")}
${addonsSection(state)}${mirrorSection(state, workers.length)}${failed.length > 0 ? `\nNot compiled (fix ${butaneFileName} first): ${failed.map((node) => node.name).join(", ")}.\n` : ""}
## Secrets

\`${clusterSecretsFileName}\` holds the cluster CA's private key and the bootstrap token: anyone with
it can join nodes or sign certificates for this cluster. Keep it like a password. The Ignition
configs of the control ${controlPlanes.length > 1 ? "planes hold the CA keys (cluster, front-proxy, etcd) and the service-account key" : "plane hold the CA key"}, and every node's holds the token: treat them alike.
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
    files.push({ path: `${node.name}/${butaneFileName}`, contents: node.rendered.butane });
    const ignition = node.rendered.compiled.ignition;
    if (ignition !== undefined)
      files.push({ path: `${node.name}/${ignitionFileName}`, contents: ignition });
  }
  files.push({ path: clusterSecretsFileName, contents: clusterSecretsText(state, secrets) });
  files.push({ path: bundleReadmeFileName, contents: clusterReadme(state, nodes, readiness) });
  return files;
}
