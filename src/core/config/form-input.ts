import { sshKeyLines, sshKeyProblem, sshKeysProblem } from "./ssh-keys";
import { cidrSchema, cidrsOverlap, parseCidr } from "../values/cidr";
import {
  caCertHashSchema,
  clusterNameSchema,
  endpointSchema,
  extraButaneSchema,
  hostnameSchema,
  joinTokenSchema,
  kubernetesVersionSchema,
  windowLengthSchema,
  windowStartSchema,
  workerCountSchema,
  workerNamePatternSchema,
  interfaceNameSchema,
  controlPlaneNamePatternSchema,
  withModeRules,
  wizardStateSchema,
  type WizardState,
} from "./wizard-state";
import { choices } from "./choices";
import { mirrorSchema, registrySchema } from "../values/download-sources";

/** What the form holds: every field as the person typed it, valid or not. */
export type FormInput = { [K in keyof WizardState]: string };

export type FieldErrors = Partial<Record<keyof WizardState, string>>;

/** The label each field has on the page; messages name fields by it. */
export const fieldLabels: Record<keyof WizardState, string> = {
  mode: choices.mode.label,
  role: choices.role.label,
  kubernetesVersion: "Kubernetes version",
  arch: choices.arch.label,
  updates: choices.updates.label,
  reboot: choices.reboot.label,
  kuredInstall: choices.kuredInstall.label,
  sysupdate: choices.sysupdate.label,
  hostname: "Hostname",
  controlPlaneEndpoint: "Control plane endpoint",
  joinToken: "Join token",
  caCertHash: "CA cert hash",
  butaneVersion: choices.butaneVersion.label,
  rebootStrategy: choices.rebootStrategy.label,
  windowStart: "Reboot window start",
  windowLength: "Reboot window length",
  channel: choices.channel.label,
  sshKeys: "SSH keys",
  verify: choices.verify.label,
  extraButane: "Extra Butane",
  bootstrap: choices.bootstrap.label,
  clusterName: "Cluster name",
  podCidr: "Pod CIDR",
  serviceCidr: "Service CIDR",
  cni: choices.cni.label,
  tokenTtl: choices.tokenTtl.label,
  workers: "Workers",
  workerNamePattern: "Worker host names",
  controlPlanes: choices.controlPlanes.label,
  loadBalancer: choices.loadBalancer.label,
  vipInterface: "Virtual IP interface",
  controlPlaneNamePattern: "Control plane host names",
  mirror: "Download mirror",
  registry: "Image registry",
  upgradeTo: "Upgrade to",
};

/** Single-line text fields: surrounding white space is not part of the value (pasted tokens carry newlines). */
const lineRules = {
  hostname: hostnameSchema,
  controlPlaneEndpoint: endpointSchema,
  joinToken: joinTokenSchema,
  caCertHash: caCertHashSchema,
  windowStart: windowStartSchema,
  windowLength: windowLengthSchema,
  clusterName: clusterNameSchema,
  podCidr: cidrSchema,
  serviceCidr: cidrSchema,
  workers: workerCountSchema,
  workerNamePattern: workerNamePatternSchema,
  vipInterface: interfaceNameSchema,
  controlPlaneNamePattern: controlPlaneNamePatternSchema,
  mirror: mirrorSchema,
  registry: registrySchema,
  upgradeTo: kubernetesVersionSchema,
} as const;

/** Fields that always hold a value: when what is typed is not valid, the last good one is kept. */
const requiredLines: readonly LineField[] = [
  "clusterName",
  "podCidr",
  "serviceCidr",
  "workers",
  "workerNamePattern",
  "vipInterface",
  "controlPlaneNamePattern",
];

type LineField = keyof typeof lineRules;

/**
 * The state the preview renders from what the form holds. A value that is not valid yet is
 * left out and gets an error naming the field and what is allowed; the form keeps the text.
 */
export function readFormInput(
  input: FormInput,
  fallback: WizardState,
): { state: WizardState; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const candidate: Record<string, string> = { ...input };
  for (const field of Object.keys(lineRules) as LineField[]) {
    const value = input[field].trim();
    candidate[field] = value;
    const required = requiredLines.includes(field);
    if (value === "" && !required) continue;
    const result = lineRules[field].safeParse(value);
    if (!result.success) {
      errors[field] = `${fieldLabels[field]}: ${result.error.issues[0]?.message ?? "not valid"}.`;
      candidate[field] = required ? fallback[field] : "";
    }
  }

  // Pods and services need address ranges of their own.
  const pods = parseCidr(candidate.podCidr ?? "");
  const services = parseCidr(candidate.serviceCidr ?? "");
  if (pods.ok && services.ok && cidrsOverlap(pods.cidr, services.cidr)) {
    errors.serviceCidr ??= `${fieldLabels.serviceCidr}: overlaps the pod CIDR ${pods.cidr.text}; choose ranges that do not overlap.`;
    // The last good pair never overlaps.
    candidate.podCidr = fallback.podCidr;
    candidate.serviceCidr = fallback.serviceCidr;
  }

  // locksmithd needs both ends of a window or neither.
  if ((candidate.windowStart === "") !== (candidate.windowLength === "")) {
    const missing: LineField = candidate.windowStart === "" ? "windowStart" : "windowLength";
    errors[missing] ??=
      `${fieldLabels[missing]}: set both the start and the length of the window, or neither.`;
    candidate.windowStart = "";
    candidate.windowLength = "";
  }

  // Good keys are used while a bad line is fixed.
  const keysProblem = sshKeysProblem(input.sshKeys);
  if (keysProblem) errors.sshKeys = `${fieldLabels.sshKeys}: ${keysProblem}.`;
  candidate.sshKeys = sshKeyLines(input.sshKeys)
    .filter((line) => sshKeyProblem(line) === undefined)
    .join("\n");

  const extra = extraButaneSchema.safeParse(input.extraButane);
  if (!extra.success) {
    errors.extraButane = `${fieldLabels.extraButane}: ${extra.error.issues[0]?.message}.`;
    candidate.extraButane = "";
  }

  const parsed = wizardStateSchema.safeParse(candidate);
  if (parsed.success) return { state: withModeRules(parsed.data), errors };
  // A choice outside its list cannot come from the form's own controls; keep the last good one.
  const state = { ...fallback };
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof WizardState;
    errors[field] ??= `${fieldLabels[field]}: ${issue.message}.`;
  }
  for (const field of Object.keys(fallback) as (keyof WizardState)[]) {
    if (!parsed.error.issues.some((issue) => issue.path[0] === field)) {
      Object.assign(state, { [field]: candidate[field] });
    }
  }
  return { state: withModeRules(wizardStateSchema.parse(state)), errors };
}
