import { architectureValues } from "../values/architecture";

/**
 * Every choice the wizard offers from a list, in one table: its values with their labels and
 * what each does, the link parameter, the docs it rests on and the spellings read as a value.
 * The schema (wizard-state.ts), the form, the preset codec, the CLI's help and the README
 * check all read it, so a value added here shows up everywhere.
 */

export interface ChoiceValue {
  readonly value: string;
  readonly label: string;
  /** What choosing it means for the nodes, in a sentence or two of plain words. */
  readonly explanation?: string;
  /** The upstream facts behind it (commands, files, protocols), shown under Details. */
  readonly details?: string;
  /** Other spellings a link may use: read as this value, never written. */
  readonly aliases?: readonly string[];
  /** Where the value's own facts come from, when the choice's docs do not cover them. */
  readonly docs?: DocsLink;
}

export interface DocsLink {
  readonly label: string;
  readonly url: string;
}

export interface Choice<V extends readonly ChoiceValue[] = readonly ChoiceValue[]> {
  /** The share link's parameter. */
  readonly param: string;
  /** The field's name on the page. */
  readonly label: string;
  /** What the choice is about, in plain words, shown when no value has its own explanation. */
  readonly explanation?: string;
  /** The upstream facts behind it, shown under Details when no value has its own. */
  readonly details?: string;
  readonly docs: DocsLink;
  /** A short list reads best as radio buttons, a long one as a select. */
  readonly control: "radio" | "select";
  readonly values: V;
}

/** The values of a choice, typed as their literals (a schema's enum needs them). */
export type ValuesOf<V extends readonly ChoiceValue[]> = {
  [K in keyof V]: V[K] extends { value: infer X } ? X : never;
};

export function valuesOf<V extends readonly ChoiceValue[]>(choice: { values: V }): ValuesOf<V> {
  return choice.values.map((entry) => entry.value) as unknown as ValuesOf<V>;
}

/** One entry of a choice, or undefined for a value the choice does not offer. */
export function choiceValue(choice: Choice, value: string): ChoiceValue | undefined {
  return choice.values.find((entry) => entry.value === value);
}

/** The value a link's spelling stands for: the value itself, or the value with that alias. */
export function canonicalValue(choice: Choice, given: string): string | undefined {
  return choice.values.find(
    (entry) => entry.value === given || (entry.aliases ?? []).includes(given),
  )?.value;
}

// Docs the choices rest on: current addresses of the upstream pages.
const flatcarKubernetesDocs =
  "https://www.flatcar.org/docs/latest/container-runtimes/getting-started-with-kubernetes/";
const bakeryDocs = "https://github.com/flatcar/sysext-bakery#readme";
const kubeadmInitDocs = "https://kubernetes.io/docs/reference/setup-tools/kubeadm/kubeadm-init/";

export const choices = {
  mode: {
    param: "mode",
    label: "What are you making?",
    docs: { label: "Kubernetes on Flatcar", url: flatcarKubernetesDocs },
    control: "radio",
    values: [
      {
        value: "node",
        label: "One node",
        explanation: "One control plane or one worker: its Butane, Ignition and sysupdate files.",
        aliases: ["one-node", "single"],
      },
      {
        value: "cluster",
        label: "A new cluster",
        explanation:
          "One control plane and N workers that join it on first boot, with their secrets made here: one zip.",
        aliases: ["new-cluster"],
      },
      {
        value: "join",
        label: "A worker for an existing cluster",
        explanation:
          "A worker that joins a cluster you already have: load its cluster-secrets.json or enter the join values kubeadm printed.",
        aliases: ["add-worker", "existing"],
      },
      {
        value: "upgrade",
        label: "Upgrade a cluster",
        explanation:
          "Take a cluster made here to the next Kubernetes version: paste its share link or load its cluster-secrets.json, choose the version, and download the steps and one script per node.",
      },
    ],
  },
  role: {
    param: "role",
    label: "Role",
    docs: { label: "kubeadm init", url: kubeadmInitDocs },
    control: "radio",
    values: [
      {
        value: "control-plane",
        label: "Control plane",
        explanation:
          "Starts the cluster on first boot; the core user can then run kubectl as admin.",
        details:
          "Runs kubeadm init once on first boot and gives the core user the admin kubeconfig.",
        aliases: ["master", "controlplane"],
      },
      {
        value: "worker",
        label: "Worker",
        explanation: "Joins the cluster on first boot and runs its workloads.",
        details: "Runs kubeadm join once on first boot with the join values.",
      },
    ],
  },
  arch: {
    param: "arch",
    label: "Architecture",
    explanation: "The kind of CPU your machines have: x86-64 (Intel, AMD) or arm64.",
    details: "The bakery builds a Kubernetes image for each architecture.",
    docs: { label: "the sysext bakery", url: bakeryDocs },
    control: "radio",
    values: architectureValues,
  },
  updates: {
    param: "updates",
    label: "Updates",
    explanation:
      "The nodes take bug-fix releases of their Kubernetes version by themselves; moving to a newer version stays a step you take.",
    details:
      "Updates stay within one minor: upstream Kubernetes does not support unattended upgrades across minors. Move to a new minor deliberately, with kubeadm upgrade.",
    docs: {
      label: "systemd-sysupdate in the bakery",
      url: "https://www.flatcar.org/docs/latest/provisioning/sysext/",
    },
    control: "radio",
    values: [
      { value: "patch", label: "Patch updates within the chosen minor (systemd-sysupdate)" },
      { value: "off", label: "Off" },
    ],
  },
  sysupdate: {
    param: "sysupdate",
    label: "Sysupdate files",
    explanation:
      "Where the nodes learn how to update Kubernetes: in their config now, or downloaded on first boot.",
    details: "systemd-sysupdate's transfer files for the kubernetes extension.",
    docs: { label: "the sysext bakery", url: bakeryDocs },
    control: "radio",
    values: [
      { value: "inline", label: "Written into the Butane" },
      { value: "bakery", label: "Fetched from extensions.flatcar.org at first boot" },
    ],
  },
  reboot: {
    param: "reboot",
    label: "Reboot coordination",
    docs: {
      label: "Flatcar's update strategies",
      url: "https://www.flatcar.org/docs/latest/setup/releases/update-strategies/",
    },
    control: "radio",
    values: [
      {
        value: "kured",
        label: "kured",
        explanation:
          "After an update, nodes reboot one at a time, each emptied of its workloads first.",
        details:
          "locksmithd is masked; kured, running in the cluster, drains and reboots one node at a time when /run/reboot-required appears.",
      },
      {
        value: "locksmithd",
        label: "locksmithd",
        explanation:
          "Flatcar's own reboot manager reboots the node after an OS or Kubernetes update, as set below. It does not drain the node first.",
      },
    ],
  },
  kuredInstall: {
    param: "kured",
    label: "Install kured",
    docs: {
      label: "kured's installation docs",
      url: "https://kured.dev/docs/installation/",
    },
    control: "radio",
    values: [
      {
        value: "cluster",
        label: "Automatically, once (zero-touch)",
        explanation: "The control plane installs kured by itself, once, when the cluster starts.",
        details:
          "The control plane applies kured's released manifest once after kubeadm init (install-kured.service).",
      },
      {
        value: "manual",
        label: "Yourself, with the commands below",
        explanation:
          "Run these commands once, with an admin kubeconfig, after the control plane is up.",
      },
    ],
  },
  rebootStrategy: {
    param: "strategy",
    label: "Reboot strategy",
    docs: {
      label: "Flatcar's update strategies",
      url: "https://www.flatcar.org/docs/latest/setup/releases/update-strategies/",
    },
    control: "radio",
    // What each of locksmithd's strategies does (Flatcar's update-strategies docs, locksmith's daemon).
    values: [
      {
        value: "reboot",
        label: "reboot",
        explanation: "Reboots as soon as an update is staged (within the window, if one is set).",
      },
      {
        value: "etcd-lock",
        label: "etcd-lock",
        explanation:
          "Takes a lock in etcd first, so only as many nodes as the lock allows reboot at once.",
      },
      {
        value: "off",
        label: "off",
        explanation: "Never reboots by itself: updates wait for a reboot you start.",
      },
    ],
  },
  channel: {
    param: "channel",
    label: "OS update channel",
    explanation:
      "Which Flatcar releases the nodes update to. Off stops OS updates; Kubernetes still updates as chosen above.",
    details: "Written to /etc/flatcar/update.conf: GROUP=<channel>, or SERVER=disabled for Off.",
    docs: {
      label: "Flatcar's release channels",
      url: "https://www.flatcar.org/docs/latest/setup/releases/switching-channels/",
    },
    control: "select",
    // "" keeps the channel the image was installed from.
    values: [
      { value: "", label: "As installed (no change)" },
      { value: "stable", label: "stable" },
      { value: "beta", label: "beta" },
      { value: "alpha", label: "alpha" },
      { value: "lts", label: "lts" },
      { value: "off", label: "Off: no OS updates (SERVER=disabled)" },
    ],
  },
  verify: {
    param: "verify",
    label: "Verify download",
    docs: {
      label: "Ignition's verification",
      url: "https://coreos.github.io/ignition/configuration-v3_4/",
    },
    control: "radio",
    values: [
      {
        value: "on",
        label: "On",
        explanation: "Nodes refuse a Kubernetes image that was changed or damaged.",
        details: "Pins the image to GitHub's sha256 digest.",
      },
      { value: "off", label: "Off" },
    ],
  },
  butaneVersion: {
    param: "butane",
    label: "Butane version",
    explanation:
      "Keep 1.0.0 unless your extra Butane needs newer fields: 1.1.0 configs boot only on newer Flatcar releases.",
    details:
      "1.1.0 adds newer Butane fields; it compiles to Ignition 3.4.0, which only newer Flatcar releases read.",
    docs: {
      label: "Butane's Flatcar specification",
      url: "https://coreos.github.io/butane/specs/",
    },
    control: "radio",
    values: [
      { value: "1.0.0", label: "flatcar 1.0.0 (Ignition 3.3.0)" },
      { value: "1.1.0", label: "flatcar 1.1.0 (Ignition 3.4.0)" },
    ],
  },
  bootstrap: {
    param: "bootstrap",
    label: "Cluster bootstrap",
    docs: { label: "Kubernetes on Flatcar", url: flatcarKubernetesDocs },
    control: "radio",
    values: [
      {
        value: "generated",
        label: "Zero-touch: secrets made here",
        explanation:
          "This page makes the cluster's CA and bootstrap token (in your browser, never sent anywhere or put in the link): the control plane starts with them and workers join with them on first boot.",
      },
      {
        value: "manual",
        label: "Manual: as in the Flatcar how-to",
        explanation:
          "The control plane runs kubeadm init; you paste the join token and CA hash it prints into each worker's config.",
      },
    ],
  },
  cni: {
    param: "cni",
    label: "CNI",
    docs: {
      label: "kubeadm: installing a pod network add-on",
      url: "https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/create-cluster-kubeadm/#pod-network",
    },
    control: "select",
    values: [
      {
        value: "none",
        label: "None (install a CNI yourself)",
        explanation: "Nodes stay NotReady until a pod network add-on is installed.",
        docs: {
          label: "Source",
          url: "https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/create-cluster-kubeadm/#pod-network",
        },
      },
      {
        value: "calico",
        label: "Calico (Tigera operator)",
        explanation:
          "A widely used pod network with network policies, installed by the control plane once.",
        details:
          "Installed as Calico's docs recommend for kubeadm clusters: the Tigera operator, then an " +
          "Installation whose IP pool is the cluster's pod CIDR (VXLAN, NAT outgoing).",
        docs: {
          label: "Source",
          url: "https://docs.tigera.io/calico/latest/getting-started/kubernetes/self-managed-onprem/onpremises",
        },
      },
      {
        value: "flannel",
        label: "Flannel",
        explanation:
          "A simple pod network without network policies, installed by the control plane once.",
        details:
          "Its released manifest, then its net-conf.json set to the cluster's pod CIDR (IPv4 " +
          "Network, or IPv6Network with EnableIPv6) and its DaemonSet restarted to read it.",
        docs: {
          label: "Source",
          url: "https://github.com/flannel-io/flannel/blob/master/Documentation/configuration.md",
        },
      },
      {
        value: "cilium",
        label: "Cilium (the bakery's cilium sysext)",
        explanation:
          "A pod network with network policies, brought by a Flatcar extension and installed by the control plane once.",
        details:
          "The bakery's cilium sysext brings the cilium CLI and its cilium.service; the control " +
          "plane runs it once after kubeadm init, installing the Cilium release tested with the " +
          "chosen Kubernetes minor with ipam.mode=kubernetes, so pods get addresses from each " +
          "node's share of the cluster's pod CIDR.",
        docs: {
          label: "Source",
          url: "https://github.com/flatcar/sysext-bakery/blob/main/docs/cilium.md",
        },
      },
    ],
  },
  tokenTtl: {
    param: "token-ttl",
    label: "Token lifetime",
    docs: {
      label: "kubeadm tokens",
      url: "https://kubernetes.io/docs/reference/setup-tools/kubeadm/kubeadm-token/",
    },
    control: "radio",
    values: [
      {
        value: "24h",
        label: "24 hours (kubeadm's default)",
        explanation:
          "A leaked token is useless after a day, but workers booted later cannot join with it: " +
          "create a new token on the control plane (kubeadm token create) for them.",
      },
      {
        value: "0",
        label: "Never expires",
        explanation:
          "Workers can join whenever they boot, from the same config, but anyone holding the token " +
          "can join a node to the cluster until you delete it with kubeadm token delete.",
      },
    ],
  },
  controlPlanes: {
    param: "control-planes",
    label: "Control planes",
    explanation:
      "More control planes keep the cluster working while one is down; they share one address.",
    details:
      "More than one share the endpoint and run etcd together (stacked); an odd count keeps its majority when one is down.",
    docs: {
      label: "kubeadm: highly available clusters",
      url: "https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/high-availability/",
    },
    control: "radio",
    values: [
      { value: "1", label: "1" },
      {
        value: "3",
        label: "3 (one may fail)",
        explanation: "The first starts the cluster on first boot; the others join it.",
        details:
          "cp-1 runs kubeadm init, the others join it as control planes with the certificates made here.",
      },
      {
        value: "5",
        label: "5 (two may fail)",
        explanation: "The first starts the cluster on first boot; the others join it.",
        details:
          "cp-1 runs kubeadm init, the others join it as control planes with the certificates made here.",
      },
    ],
  },
  loadBalancer: {
    param: "lb",
    label: "Control plane endpoint served by",
    docs: { label: "kube-vip static pods", url: "https://kube-vip.io/docs/installation/static/" },
    control: "radio",
    values: [
      {
        value: "kube-vip",
        label: "kube-vip (a virtual IP on the control planes)",
        explanation:
          "The control planes share a spare IP address of their network: no load balancer to set up.",
        details:
          "The endpoint's host is a free IP address in the control planes' subnet; the kube-vip leader holds it (ARP) on the interface below.",
        aliases: ["kubevip"],
      },
      {
        value: "external",
        label: "My own load balancer",
        explanation:
          "It must forward the endpoint's port to 6443 on every control plane, passing TLS through: the cluster README says how to check it.",
      },
    ],
  },
} as const satisfies Record<string, Choice>;

export type ChoiceName = keyof typeof choices;

/** The sources of the typed (not listed) fields, linked with their group as the choices' are. */
export const fieldDocs = {
  sshKeys: {
    label: "Flatcar: adding users and SSH keys",
    url: "https://www.flatcar.org/docs/latest/setup/customization/adding-users/",
  },
} as const satisfies Record<string, DocsLink>;
