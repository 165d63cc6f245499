import { Document, isMap, isScalar, isSeq } from "yaml";
import type { WizardState } from "../config/wizard-state";
import { compileButane, type CompileResult } from "../butane/compile";
import { imageFileName, minorOf } from "../version";
import { sshKeyLines } from "../config/ssh-keys";
import {
  checkExtraButane,
  describeExtraProblem,
  mergeExtraButane,
  type ExtraProblem,
} from "./extra-butane";
import type { ButaneFile, ButaneUnit } from "./butane-types";
import { butaneFileName, ignitionFileName } from "../file-names";
import type { NodeSecrets } from "../cluster/node-secrets";
import { kubeadmParts } from "./kubeadm-parts";
import { containerdRegistryParts } from "./containerd-registry";
import type { RenderNotice } from "./render-notice";
import { updateConfPath, updateConfText } from "./update-conf";
import {
  extensionSymlink,
  extensionsDirectory,
  noopFileName,
  noopFilePath,
  noopFileText,
  noopFileUrl,
  rawImageUrl,
  sysupdateDropinText,
  transferFileName,
  transferFilePath,
  transferFileText,
  transferFileUrl,
} from "./bakery";

/** One file the wizard offers to copy or download. */
export interface OutputFile {
  /** File name for downloads and tabs. */
  name: string;
  /** Where it lands on the node, when it is a node file. */
  nodePath?: string;
  contents: string;
  mediaType: string;
}

export interface RenderedNode {
  butane: string;
  /** The Butane compiled to Ignition: config.ign is among the files when it compiled. */
  compiled: CompileResult;
  /** config.bu first, then the sysupdate files and update.conf when present. */
  files: OutputFile[];
  notices: RenderNotice[];
}

/** What the catalogue knows beyond the choices. */
export interface RenderContext {
  /** Hex SHA-256 of the chosen image, from GitHub's asset digest. */
  imageSha256?: string;
  /** The cluster's generated secrets, for bootstrap "generated". */
  secrets?: NodeSecrets;
  /** Which of several control planes this is (0 first): the others join the first instead of running init. */
  controlPlaneIndex?: number;
}

/**
 * The node's Butane config and the files beside it, from the wizard's choices.
 * The state must already be valid (wizardStateSchema); every value lands in the YAML as data.
 */
export function renderNode(state: WizardState, context: RenderContext = {}): RenderedNode {
  const minor = minorOf(state.kubernetesVersion);
  const image = imageFileName(state.kubernetesVersion, state.arch);
  const imagePath = `${extensionsDirectory}/${image}`;
  const notices: RenderNotice[] = [];
  const updatesOn = state.updates === "patch";

  const files: ButaneFile[] = [];
  if (updatesOn) {
    const inline = state.sysupdate === "inline";
    files.push(
      {
        path: transferFilePath(minor),
        contents: inline
          ? { inline: transferFileText(minor, state.mirror) }
          : { source: transferFileUrl(minor, state.mirror) },
      },
      {
        path: noopFilePath,
        contents: inline ? { inline: noopFileText } : { source: noopFileUrl(state.mirror) },
      },
    );
  }
  const verification =
    state.verify === "on" && context.imageSha256
      ? { verification: { hash: `sha256-${context.imageSha256}` } }
      : {};
  files.push({
    path: imagePath,
    contents: {
      source: rawImageUrl(state.kubernetesVersion, state.arch, state.mirror),
      ...verification,
    },
  });
  if (state.hostname) files.push({ path: "/etc/hostname", contents: { inline: state.hostname } });
  const updateConf = updateConfText(state);
  if (updateConf) {
    files.push({
      path: updateConfPath,
      overwrite: true,
      mode: 0o644,
      contents: { inline: updateConf },
    });
  }

  const registry = containerdRegistryParts(state.registry, state.kubernetesVersion);
  files.push(...registry.files);

  const units: ButaneUnit[] = [...registry.units];
  if (updatesOn) {
    units.push(
      { name: "systemd-sysupdate.timer", enabled: true },
      {
        name: "systemd-sysupdate.service",
        dropins: [{ name: "kubernetes.conf", contents: sysupdateDropinText }],
      },
    );
  }
  if (state.reboot === "kured") units.push({ name: "locksmithd.service", mask: true });
  const kubeadm = kubeadmParts(state, context.secrets, {
    controlPlaneIndex: context.controlPlaneIndex,
  });
  files.push(...kubeadm.files);
  units.push(...kubeadm.units);
  notices.push(...kubeadm.notices);

  // Each key once: Ignition refuses a user whose ssh_authorized_keys repeat an entry
  // (config/v3_*/types/passwd_user.go keys them by their text), and a pasted key twice is harmless.
  const keys = [...new Set(sshKeyLines(state.sshKeys))];
  const generated = {
    variant: "flatcar",
    version: state.butaneVersion,
    ...(keys.length > 0
      ? { passwd: { users: [{ name: "core", ssh_authorized_keys: keys }] } }
      : {}),
    storage: {
      links: [{ target: imagePath, path: extensionSymlink, hard: false }, ...kubeadm.links],
      files,
    },
    systemd: { units },
  };
  const extra = mergeExtraButane(generated, state.extraButane);
  // Butane's own word on the snippet once it merges cleanly; structure problems come first.
  const extraProblems =
    extra.problems.length > 0 || state.extraButane.trim() === ""
      ? extra.problems
      : checkExtraButane(state.extraButane, state.butaneVersion);
  // A merge problem that is only a warning means an entry was not merged: say so.
  const leftOut = (problem: ExtraProblem) =>
    problem.level === "warning" && extra.problems.includes(problem);
  for (const problem of extraProblems) {
    notices.push({
      field: "extraButane",
      level: problem.level,
      message: `Extra Butane, ${describeExtraProblem(problem)}${leftOut(problem) ? ": that entry is left out of the files" : ""}.`,
    });
  }
  const butane = toButaneYaml(extra.config);

  const compiled = compileButane(butane, { pretty: true });
  const output: OutputFile[] = [
    { name: butaneFileName, contents: butane, mediaType: "application/yaml" },
  ];
  if (updatesOn) {
    output.push(
      {
        name: transferFileName(minor),
        nodePath: transferFilePath(minor),
        contents: transferFileText(minor, state.mirror),
        mediaType: "text/plain",
      },
      {
        name: noopFileName,
        nodePath: noopFilePath,
        contents: noopFileText,
        mediaType: "text/plain",
      },
    );
  }
  if (updateConf) {
    output.push({
      name: "update.conf",
      nodePath: updateConfPath,
      contents: updateConf,
      mediaType: "text/plain",
    });
  }
  if (compiled.ignition !== undefined) {
    output.push({
      name: ignitionFileName,
      contents: compiled.ignition,
      mediaType: "application/json",
    });
  }
  return { butane, compiled, files: output, notices };
}

const unitComments: Record<string, string> = {
  "locksmithd.service":
    " Disable Flatcar native reboot coordination as kured will handle OS updates, too",
};

/** YAML from objects (never from string templates), so no value can change the document's structure. */
function toButaneYaml(config: object): string {
  // YAML 1.1 so modes print as Butane users write them: 0644, which Go's YAML reads as octal.
  const document = new Document(config, { version: "1.1" });
  for (const list of ["files", "directories"]) {
    for (const entry of seqItems(document.getIn(["storage", list], true))) {
      const mode = isMap(entry) ? entry.get("mode", true) : undefined;
      if (isScalar(mode)) mode.format = "OCT";
    }
  }
  for (const unit of seqItems(document.getIn(["systemd", "units"], true))) {
    if (!isMap(unit)) continue;
    const comment = unitComments[String(unit.get("name"))];
    const mask = unit.items.find((pair) => isScalar(pair.key) && pair.key.value === "mask");
    if (comment && mask && isScalar(mask.key)) mask.key.commentBefore = comment;
  }
  return document.toString({ lineWidth: 0 });
}

function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}
