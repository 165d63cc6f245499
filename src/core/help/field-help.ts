/**
 * The plain help beside each typed field: what it means for the nodes, in a sentence or two.
 * Upstream facts (API versions, flags, files, sources) live in field-details.ts, loaded only
 * when a person opens a field's Details; the choices' own help is in choices.ts.
 */
import { endpointDescription } from "../cluster/endpoint";
import { minorNumber, minorOf } from "../version";
import { sshKeyTypes } from "../config/ssh-keys";
import { maxWorkers, type WizardState } from "../config/wizard-state";

const hostChars = "Lower-case letters, digits, '-' and '.'.";

/** Every typed field's help, from the current choices; a field not shown in a mode still has one. */
export function fieldHelp(state: WizardState, options: { digest?: string } = {}) {
  const cluster = state.mode === "cluster" || state.mode === "upgrade";
  return {
    kubernetesVersion:
      "The Kubernetes your nodes run. Patches of one minor (1.36.x) differ only in fixes: take the newest.",
    upgradeTo: `The cluster moves one minor at a time: from ${state.kubernetesVersion} to a newer ${minorOf(state.kubernetesVersion)} patch or to a v1.${minorNumber(state.kubernetesVersion) + 1} patch, never further.`,
    hostname: cluster
      ? `The control plane's name, e.g. cp-1; empty names it control-plane. ${hostChars}`
      : `The node's name, e.g. node-1; empty keeps the name the platform gives. ${hostChars}`,
    clusterName: "A name for the cluster: its kubeconfig and its download are named after it.",
    podCidr:
      "The addresses pods get. Keep it apart from your machines' network and the service CIDR.",
    serviceCidr: "The addresses of services inside the cluster. Keep it apart from the pod CIDR.",
    controlPlaneEndpoint: endpointDescription(state),
    joinCommand:
      "Run kubeadm token create --print-join-command on a control plane and paste the line it prints: the endpoint, join token and CA cert hash below are filled from it. The line holds the join token, a secret, so it never goes into the share link.",
    joinToken:
      "From kubeadm token create on the control plane: 6 and 16 lower-case letters or digits joined by '.'. A secret: it never goes into the share link.",
    caCertHash:
      "Lets the worker check that it joins the right cluster: sha256: and 64 hex digits, printed by kubeadm init.",
    vipInterface:
      "The control planes' network interface that holds the shared address, e.g. eth0 or ens3 (ip -brief link on a node).",
    controlPlaneNamePattern: "{n} becomes 1, 2, 3…: cp-1 starts the cluster, the others join it.",
    workers:
      state.mode === "upgrade"
        ? `The workers the cluster has: 0 to ${maxWorkers}.`
        : `For Download cluster: 0 to ${maxWorkers}.`,
    workerNamePattern: "{n} becomes 1, 2, 3…",
    window:
      "Optional: nodes reboot only inside this window. Start as 04:00 or Thu 04:00; length as 1h or 1h30m. Both or neither.",
    sshKeys: `For the core user, one per line, e.g. ssh-ed25519 AAAA… you@laptop. Types: ${sshKeyTypes.join(", ")}.`,
    verify: options.digest
      ? "Nodes check the Kubernetes image they download and refuse one that was changed or damaged."
      : "The release list has no checksum for this image, so nodes cannot check it.",
    mirror:
      "Optional, for nodes without internet: your own web server with copies of what they download, e.g. https://mirror.example.com/flatcar. The Mirror section under the preview lists each file and a script that fills it.",
    registry:
      "Optional: your own container registry, e.g. registry.example.com:5000 (http:// in front for one without TLS). The nodes pull every container image from it.",
    extraButane:
      "Optional: your own files, units or users in Butane, added to the generated config and checked as you type. It travels in the share link: keep secrets out.",
  };
}

export type HelpField = keyof ReturnType<typeof fieldHelp>;
