import { strToU8, zipSync, type Zippable } from "fflate";
import type { WizardState } from "../config/wizard-state";
import { readinessReadmeSection, type Readiness } from "../readiness/readiness";
import { bundleReadmeFileName, butaneFileName, ignitionFileName } from "../file-names";
import type { OutputFile } from "../render/render-node";
import { mirrorSection } from "./mirror-section";
import { madeFromSection } from "./made-from";
import { nextStepsMarkdown } from "./next-steps";

/** A file in a downloaded bundle, by its path inside the zip. */
export interface BundleFile {
  path: string;
  contents: string;
}

/** What kubeadm does on this node's first boot, as its config says: never more than it holds. */
function kubeadmStep(state: WizardState, butane: string): string {
  if (state.role === "control-plane") {
    return butane.includes("kubeadm init")
      ? "\nBoot the control plane first; `kubeadm init` runs once on its first boot.\n"
      : "";
  }
  return butane.includes("kubeadm join")
    ? "\nThe control plane must be up: `kubeadm join` runs once on this worker's first boot.\n"
    : "\nThis config has no `kubeadm join`: the worker will not join a cluster by itself.\n";
}

/**
 * How to boot the node from these files; written into every bundle. When the files are not
 * ready, the README says so first and lists what to fix.
 */
export function bundleReadme(
  state: WizardState,
  files: OutputFile[],
  readiness?: Readiness,
): string {
  const role = state.role === "control-plane" ? "control plane" : "worker";
  const hasIgnition = files.some((file) => file.name === ignitionFileName);
  const butane = files.find((file) => file.name === butaneFileName)?.contents ?? "";
  const listed = files
    .map(
      (file) =>
        `- \`${file.name}\`${file.nodePath ? ` — on the node at \`${file.nodePath}\`` : ""}`,
    )
    .join("\n");
  const boot = hasIgnition
    ? `Hand \`${ignitionFileName}\` to the machine as its Ignition config, for example:

    sudo flatcar-install -d /dev/sda -i ${ignitionFileName}

or as user data on your cloud or hypervisor. To change something, edit \`${butaneFileName}\` and
compile it again with \`butane --pretty --strict ${butaneFileName} > ${ignitionFileName}\`.`
    : `\`${butaneFileName}\` did not compile; fix it and compile it with
\`butane --pretty --strict ${butaneFileName} > ${ignitionFileName}\` before booting.`;
  return `# Flatcar Kubernetes node: ${role}, Kubernetes ${state.kubernetesVersion} (${state.arch})

${readiness ? readinessReadmeSection(readiness) : ""}Made by the Flatcar Kubernetes Wizard.

${listed}

## Boot it

${boot}

The sysupdate files are already part of \`${butaneFileName}\` (inline) or fetched at first boot
(bakery); they are here to read and compare.
${kubeadmStep(state, butane)}
${mirrorSection(state)}${madeFromSection(state, "node")}${nextStepsMarkdown(state)}`;
}

/** Every file the page offers, plus the README. */
export function nodeBundle(
  state: WizardState,
  files: OutputFile[],
  readiness?: Readiness,
): BundleFile[] {
  return [
    ...files.map((file) => ({ path: file.name, contents: file.contents })),
    { path: bundleReadmeFileName, contents: bundleReadme(state, files, readiness) },
  ];
}

/** A fixed time keeps equal bundles byte-identical. */
const bundleTime = new Date("2026-01-01T00:00:00Z");

export function zipBundle(files: BundleFile[]): Uint8Array<ArrayBuffer> {
  const entries: Zippable = {};
  for (const file of files) entries[file.path] = [strToU8(file.contents), { mtime: bundleTime }];
  return zipSync(entries, { level: 6 }) as Uint8Array<ArrayBuffer>;
}
