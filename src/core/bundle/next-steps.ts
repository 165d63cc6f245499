import type { DocsLink } from "../config/choices";
import type { WizardState } from "../config/wizard-state";
import { defaultControlPlaneName, ignitionFileName } from "../file-names";

/** What to do with the files once they are downloaded: shown beside the preview, in every README. */
export interface NextStep {
  title: string;
  text: string;
  /** Shell commands to run, one per line. */
  commands?: string;
  links: DocsLink[];
}

/*
 * Sources: Flatcar's "Installing to disk" (flatcar-install -d DISK -i ignition.json) and
 * "Running Flatcar on QEMU" (-fw_cfg name=opt/org.flatcar-linux/config,file=…); the user-data
 * limits: AWS EC2 user data "is limited to 16 KB, in raw form, before it is base64-encoded"
 * (docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html); GCP metadata
 * values "must be less than or equal to 262144 bytes (256 KiB)", 512 KB in all (Compute Engine
 * API, Metadata.items); Azure customData "maximum length of the binary array is 65535 bytes"
 * (Azure Compute API, OSProfile.customData).
 */
const docs = {
  install: {
    label: "Installing Flatcar to disk",
    url: "https://www.flatcar.org/docs/latest/installing/bare-metal/installing-to-disk/",
  },
  qemu: {
    label: "Running Flatcar on QEMU",
    url: "https://www.flatcar.org/docs/latest/installing/vms/qemu/",
  },
  aws: {
    label: "AWS EC2 user data",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html",
  },
  gcp: {
    label: "Flatcar on Google Compute Engine",
    url: "https://www.flatcar.org/docs/latest/installing/cloud/gcp/",
  },
  azure: {
    label: "Flatcar on Azure",
    url: "https://www.flatcar.org/docs/latest/installing/cloud/azure/",
  },
  kubeadmJoin: {
    label: "kubeadm join",
    url: "https://kubernetes.io/docs/reference/setup-tools/kubeadm/kubeadm-join/",
  },
  kubectl: {
    label: "kubectl get",
    url: "https://kubernetes.io/docs/reference/kubectl/generated/kubectl_get/",
  },
} satisfies Record<string, DocsLink>;

/** The next steps for what the state makes: one node, a whole cluster, or a worker that joins. */
export function nextSteps(state: WizardState): NextStep[] {
  const ignition =
    state.mode === "cluster"
      ? `${state.hostname || defaultControlPlaneName}/${ignitionFileName}`
      : ignitionFileName;
  const node = state.hostname || "NODE";
  const controlPlane = state.controlPlaneEndpoint.replace(/:\d+$/, "") || "CONTROL-PLANE";
  const hasControlPlane = state.mode === "cluster" || state.role === "control-plane";
  const steps: NextStep[] = [
    {
      title: "Boot it on bare metal",
      text: "From any Linux live system (the Flatcar ISO, a rescue system), write Flatcar to the disk with the Ignition config, then reboot:",
      commands: `sudo flatcar-install -d /dev/sda -i ${ignition}`,
      links: [docs.install],
    },
    {
      title: "Or in QEMU",
      text: "Hand the Ignition config to the VM through QEMU's firmware config:",
      commands: `-fw_cfg name=opt/org.flatcar-linux/config,file=${ignition}`,
      links: [docs.qemu],
    },
    {
      title: "Or as user data on a cloud",
      text: `Paste config.ign as the instance's user data. Mind the limits: AWS takes 16 KB of user data (before base64), Azure's custom data 64 KB, a GCP metadata value 256 KB. A larger config can be served over HTTPS and pulled in with ignition: config: replace: source.`,
      links: [docs.aws, docs.gcp, docs.azure],
    },
  ];
  steps.push({
    title: "Reach the node",
    text: "Log in as core with one of the SSH keys you gave:",
    commands: `ssh core@${hasControlPlane ? controlPlane : node}`,
    links: [],
  });
  if (hasControlPlane) {
    steps.push({
      title: "Get the kubeconfig and check the cluster",
      text: "kubeadm init writes the admin kubeconfig on the control plane; copy it to your machine and list the nodes (they are Ready once the pod network runs):",
      commands: [
        `scp core@${controlPlane}:/etc/kubernetes/admin.conf ./kubeconfig`,
        "kubectl --kubeconfig ./kubeconfig get nodes",
      ].join("\n"),
      links: [docs.kubectl],
    });
  } else {
    steps.push({
      title: "Check that it joined",
      text: "With an admin kubeconfig (/etc/kubernetes/admin.conf on the control plane), the worker shows up once kubeadm join has run:",
      commands: "kubectl get nodes",
      links: [docs.kubectl],
    });
  }
  steps.push({
    title: "Add workers later",
    text:
      state.bootstrap === "generated"
        ? "Open the wizard as \"A worker for an existing cluster\", load the cluster's cluster-secrets.json and download the worker's files; with a 24-hour token, create a fresh one first (kubeadm token create on the control plane)."
        : 'On the control plane, print a fresh join command, then make the worker\'s files as "A worker for an existing cluster" with its token and CA hash:',
    commands:
      state.bootstrap === "generated"
        ? undefined
        : "sudo kubeadm token create --print-join-command",
    links: [docs.kubeadmJoin],
  });
  return steps;
}

/** The next steps as a README section. */
export function nextStepsMarkdown(state: WizardState): string {
  const sections = nextSteps(state).map((step) => {
    const commands = step.commands
      ? `\n\n${step.commands
          .split("\n")
          .map((line) => `    ${line}`)
          .join("\n")}`
      : "";
    const links =
      step.links.length > 0
        ? `\n\nSee ${step.links.map((link) => `[${link.label}](${link.url})`).join(", ")}.`
        : "";
    return `### ${step.title}\n\n${step.text}${commands}${links}`;
  });
  return `## Next steps\n\n${sections.join("\n\n")}\n`;
}
