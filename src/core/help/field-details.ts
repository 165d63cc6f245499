/**
 * The upstream facts behind each field's plain help (field-help.ts, choices.ts): API versions,
 * what kubeadm changed, flags and files, release versions and where each fact comes from.
 * The page shows them under a field's Details and loads this module when one is first opened,
 * so its tables (kubeadm's rules) stay out of the first load.
 */
import { supportScheduleUrl } from "../catalogue/support-schedule";
import { cniOption, cniRelease } from "../cluster/cni";
import { kubeApiServerPort } from "../cluster/endpoint";
import { kubeadmApiVersion, kubeadmRules } from "../cluster/kubeadm-rules";
import { bakeryHub } from "../render/bakery";
import { kuredManifestUrl, kuredReleases } from "../render/kured";
import { addonReleaseFor } from "../cluster/addon-releases";
import { minorOf } from "../version";
import {
  choices,
  choiceValue,
  fieldDocs,
  type Choice,
  type ChoiceName,
  type DocsLink,
} from "../config/choices";
import type { HelpField } from "./field-help";
import type { WizardState } from "../config/wizard-state";

/** One line under Details: a fact, or a link to where it comes from. */
export type Detail = string | DocsLink;

export type DetailsField = HelpField | ChoiceName;

const kubeadmUpgradeDocs = {
  label: "kubeadm upgrade",
  url: "https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-upgrade/",
};
const scheduleLink = {
  label: "Support dates: the upstream release schedule",
  url: supportScheduleUrl,
};

/** A choice's facts: its chosen value's (or its own), the value's source and the choice's docs. */
function choiceDetails(name: ChoiceName, value: string): Detail[] {
  const choice: Choice = choices[name];
  const entry = choiceValue(choice, value);
  const text = entry?.details ?? choice.details;
  return [...(text ? [text] : []), ...(entry?.docs ? [entry.docs] : []), choice.docs];
}

function kubernetesVersionDetails(version: string): Detail[] {
  const { rules, assumedFrom } = kubeadmRules(version);
  const apiVersion = kubeadmApiVersion(version);
  return [
    "Versions are the Kubernetes system extension from the Flatcar sysext bakery, grouped by minor, newest first.",
    scheduleLink,
    `kubeadm config: ${apiVersion}.`,
    `What kubeadm v1.${rules.minor} changed: ${rules.changes.join("; ")}.`,
    ...(assumedFrom ? [assumedFrom] : []),
    {
      label: "kubeadm config reference",
      url: `https://kubernetes.io/docs/reference/config-api/kubeadm-config.${apiVersion.split("/")[1] ?? ""}/`,
    },
  ];
}

function cniDetails(state: WizardState): Detail[] {
  const option = cniOption(state.cni);
  const release =
    state.bootstrap === "generated" ? cniRelease(state.cni, state.kubernetesVersion) : undefined;
  const details: Detail[] = [option.details];
  if (release) {
    const { minMinor, maxMinor, source } = release.release;
    details.push(
      `${release.name}, installed once by ${release.unitName}${release.extension ? ` from the bakery's ${release.extension.name} sysext ${release.extension.version}` : ""}; it supports Kubernetes 1.${minMinor}–1.${maxMinor}.`,
      ...(release.extension
        ? [
            {
              label: `${release.extension.name} sysext ${release.extension.version}`,
              url: release.extension.source,
            },
          ]
        : release.urls.map((url) => ({ label: url.slice(url.lastIndexOf("/") + 1), url }))),
      { label: `${release.name}'s compatibility`, url: source },
    );
  }
  return [...details, { label: "Source", url: option.source }, choices.cni.docs];
}

function kuredDetails(state: WizardState): Detail[] {
  const { release } = addonReleaseFor("kured", kuredReleases, state.kubernetesVersion);
  return [
    ...choiceDetails("kuredInstall", state.kuredInstall),
    `kured ${release.version} supports Kubernetes 1.${release.minMinor}–1.${release.maxMinor} and watches /run/reboot-required.`,
    { label: `kured ${release.version}'s release notes`, url: release.source },
    { label: "its pinned manifest", url: kuredManifestUrl(release.version) },
  ];
}

/** The Details of one field, from the current choices. */
export function fieldDetails(
  field: DetailsField,
  state: WizardState,
  options: { digest?: string } = {},
): Detail[] {
  switch (field) {
    case "kubernetesVersion":
      return kubernetesVersionDetails(state.kubernetesVersion);
    case "upgradeTo":
      return [
        `kubeadm upgrades one minor at a time: from ${state.kubernetesVersion} to a newer ${minorOf(state.kubernetesVersion)} patch or to the next minor. Versions from the Flatcar sysext bakery with a ${state.arch} image.`,
        scheduleLink,
        kubeadmUpgradeDocs,
      ];
    case "cni":
      return cniDetails(state);
    case "kuredInstall":
      return kuredDetails(state);
    case "hostname":
      return ["Written to /etc/hostname."];
    case "clusterName":
    case "podCidr":
    case "serviceCidr":
      return [
        `kubeadm's ClusterConfiguration: ${field === "clusterName" ? "clusterName" : field === "podCidr" ? "networking.podSubnet" : "networking.serviceSubnet"}.`,
        choices.role.docs,
      ];
    case "controlPlaneEndpoint":
      return [
        `kubeadm's controlPlaneEndpoint; each API server listens on port ${kubeApiServerPort}.`,
        choices.role.docs,
      ];
    case "joinCommand":
    case "joinToken":
      return [
        "kubeadm join <endpoint> --token <token> --discovery-token-ca-cert-hash sha256:<hash>: a bootstrap token matches [a-z0-9]{6}.[a-z0-9]{16}.",
        choices.tokenTtl.docs,
      ];
    case "caCertHash":
      return [
        "kubeadm join's --discovery-token-ca-cert-hash: the sha256 of the cluster CA's public key.",
        choices.tokenTtl.docs,
      ];
    case "vipInterface":
      return ["kube-vip's leader holds the virtual IP on it (ARP).", choices.loadBalancer.docs];
    case "controlPlaneNamePattern":
      return [...choiceDetails("controlPlanes", "3")];
    case "workers":
    case "workerNamePattern":
      return ["Each worker runs kubeadm join once on first boot."];
    case "window":
      return [
        state.reboot === "kured"
          ? "kured's --reboot-days, --start-time and --end-time, in UTC."
          : "locksmithd's LOCKSMITHD_REBOOT_WINDOW_START and LOCKSMITHD_REBOOT_WINDOW_LENGTH.",
        choices.reboot.docs,
      ];
    case "sshKeys":
      return ["Written to the core user's authorized keys by Ignition.", fieldDocs.sshKeys];
    case "verify":
      return [
        options.digest
          ? `Ignition checks the image against GitHub's sha256 (${options.digest.slice(0, 12)}…) and refuses a changed or corrupted download.`
          : "The catalogue has no sha256 digest for this image, so no hash is added.",
        choices.verify.docs,
      ];
    case "mirror":
      return [
        `The nodes download the bakery's files from it at the same paths as below ${bakeryHub}, and every other file at <mirror>/<host>/<path>.`,
      ];
    case "registry":
      return [
        "Images keep their upstream name under it, e.g. <registry>/registry.k8s.io/pause:3.10; containerd is configured to pull from it.",
      ];
    case "extraButane":
      return [
        "Merged into the generated config: storage, systemd, passwd…, e.g. a file under storage: files: with its path and contents: inline:.",
        choices.butaneVersion.docs,
      ];
    default:
      return choiceDetails(field, stateValue(field, state));
  }
}

/** The state's value of a choice: each is held under its own name. */
function stateValue(name: ChoiceName, state: WizardState): string {
  return String(state[name]);
}
