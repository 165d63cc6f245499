import { z } from "../zod-mini";
import { choices, valuesOf } from "./choices";
import { isWindowLength, isWindowStart, windowLengthRule, windowStartRule } from "./reboot-window";
import { cidrSchema } from "../values/cidr";
import { sshKeysProblem } from "./ssh-keys";
import { architectures } from "../values/architecture";
import { kubernetesVersionPattern } from "../version";
import { mirrorSchema, registrySchema } from "../values/download-sources";

/** The choices a person makes in the wizard: one schema for the form, the preset codec and the CLI. */

export const modes = valuesOf(choices.mode);
export const roles = valuesOf(choices.role);
export const updatePolicies = valuesOf(choices.updates);
export const rebootCoordinators = valuesOf(choices.reboot);
/** With kured: "cluster", the zero-touch control plane installs it once; "manual", the person does. */
export const kuredInstallModes = valuesOf(choices.kuredInstall);
export const sysupdateSources = valuesOf(choices.sysupdate);
export const butaneVersions = valuesOf(choices.butaneVersion);
export const rebootStrategies = valuesOf(choices.rebootStrategy);
/** "" keeps the channel the image was installed from; "off" disables OS updates (SERVER=disabled). */
export const updateChannels = valuesOf(choices.channel);
export const verifyChoices = valuesOf(choices.verify);
/** "generated": the page makes the cluster's CA and token (zero-touch); "manual": the how-to's flow. */
export const bootstrapModes = valuesOf(choices.bootstrap);
export const cniChoiceValues = valuesOf(choices.cni);
export const tokenTtlValues = valuesOf(choices.tokenTtl);
export const maxWorkers = 100;
/** Control planes of a new cluster: an odd count, so stacked etcd keeps a majority (1, 3 or 5). */
export const controlPlaneCounts = valuesOf(choices.controlPlanes);
/** Who answers at the endpoint of several control planes: kube-vip's virtual IP, or the person's own load balancer. */
export const loadBalancers = valuesOf(choices.loadBalancer);
/** What a manual worker's join needs; the readiness rules name the missing ones. */
export const manualJoinFields = ["controlPlaneEndpoint", "joinToken", "caCertHash"] as const;

export type Mode = (typeof modes)[number];
export type Role = (typeof roles)[number];
export type UpdatePolicy = (typeof updatePolicies)[number];
export type RebootCoordinator = (typeof rebootCoordinators)[number];
export type SysupdateSource = (typeof sysupdateSources)[number];

/** RFC 1123 host name: dot-separated labels of a-z, 0-9 and inner hyphens, 63 per label, 253 in all. */
const hostnamePattern =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const ipv4Pattern = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const ipv6BracketedPattern = /^\[[0-9a-fA-F:.]{2,45}\]$/;
export const joinTokenPattern = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;
export const caCertHashPattern = /^sha256:[0-9a-f]{64}$/;

export const hostnameSchema = z
  .string()
  .check(
    z.regex(
      hostnamePattern,
      "a host name of lower-case letters, digits, '-' and '.', each label 1–63 characters, not starting or ending with '-'",
    ),
  );

export const kubernetesVersionSchema = z
  .string()
  .check(z.regex(kubernetesVersionPattern, "a version like v1.32.2"));

/** A control plane endpoint: `host:port`, host a DNS name, IPv4 address or bracketed IPv6 address. */
export const endpointSchema = z.string().check(
  z.refine(
    (value) => {
      const colon = value.lastIndexOf(":");
      if (colon <= 0) return false;
      const host = value.slice(0, colon);
      const port = value.slice(colon + 1);
      if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return false;
      // Digits and dots only: an IPv4 address, never a host name ("300.1.1.1" is neither).
      if (/^[\d.]+$/.test(host)) return ipv4Pattern.test(host);
      return hostnamePattern.test(host) || ipv6BracketedPattern.test(host);
    },
    { message: "host:port, e.g. 10.0.0.10:6443 or cp.example.com:6443 (port 1–65535)" },
  ),
);

export const joinTokenSchema = z
  .string()
  .check(
    z.regex(
      joinTokenPattern,
      "6 then 16 lower-case letters or digits joined by '.', e.g. abcdef.0123456789abcdef",
    ),
  );

export const caCertHashSchema = z
  .string()
  .check(z.regex(caCertHashPattern, "'sha256:' followed by 64 lower-case hex digits"));

export const windowStartSchema = z.string().check(z.refine(isWindowStart, windowStartRule));
export const windowLengthSchema = z.string().check(z.refine(isWindowLength, windowLengthRule));

export const sshKeysSchema = z.string().check(
  z.superRefine((text, context) => {
    const problem = sshKeysProblem(text);
    if (problem) context.addIssue({ code: "custom", message: problem });
  }),
);

/** Extra Butane is merged into the generated config; the compiler has its own, larger limit. */
export const extraButaneLimit = 256 * 1024;
export const extraButaneSchema = z
  .string()
  .check(z.maxLength(extraButaneLimit, `at most ${extraButaneLimit / 1024} KiB of Butane YAML`));

/** kubeadm puts the cluster name in kubeconfigs: a DNS label, as its default "kubernetes" is. */
export const clusterNameSchema = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
      "1–63 lower-case letters, digits or '-', starting and ending with a letter or digit, e.g. kubernetes",
    ),
  );

/** A Linux network interface name (IFNAMSIZ: at most 15 bytes; no '/', ':' or white space). */
export const interfaceNameSchema = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/,
      "an interface name of letters, digits, '_', '.' and '-', at most 15 characters, e.g. eth0 or ens3",
    ),
  );

/** A host name pattern for control planes: {n} becomes 1, 2, 3… */
export const controlPlaneNamePatternSchema = z
  .string()
  .check(
    z.refine(
      (pattern) => pattern.includes("{n}") && hostnamePattern.test(pattern.replaceAll("{n}", "5")),
      "a host name with {n} where the number goes, e.g. cp-{n}",
    ),
  );

export const workerCountSchema = z.string().check(
  z.regex(/^(0|[1-9]\d{0,2})$/, `a whole number from 0 to ${maxWorkers}`),
  z.refine((value) => Number(value) <= maxWorkers, `a whole number from 0 to ${maxWorkers}`),
);

/** A host name pattern for workers: {n} becomes 1, 2, 3… */
export const workerNamePatternSchema = z
  .string()
  .check(
    z.refine(
      (pattern) =>
        pattern.includes("{n}") &&
        hostnamePattern.test(pattern.replaceAll("{n}", String(maxWorkers))),
      "a host name with {n} where the number goes, e.g. worker-{n}",
    ),
  );

export const wizardStateSchema = z.object({
  /** What is being made: one node, a new cluster, or a worker for an existing cluster. */
  mode: z.enum(modes),
  role: z.enum(roles),
  kubernetesVersion: kubernetesVersionSchema,
  arch: z.enum(architectures),
  updates: z.enum(updatePolicies),
  reboot: z.enum(rebootCoordinators),
  sysupdate: z.enum(sysupdateSources),
  /** Empty: the node keeps the name its platform gives it. */
  hostname: z.union([z.literal(""), hostnameSchema]),
  /** Worker join: empty while the person has not entered it yet. */
  controlPlaneEndpoint: z.union([z.literal(""), endpointSchema]),
  /** A secret: never in a share link. */
  joinToken: z.union([z.literal(""), joinTokenSchema]),
  caCertHash: z.union([z.literal(""), caCertHashSchema]),
  butaneVersion: z.enum(butaneVersions),
  kuredInstall: z.enum(kuredInstallModes),
  /** locksmithd's strategy; kured replaces locksmithd, so it only applies with locksmithd. */
  rebootStrategy: z.enum(rebootStrategies),
  windowStart: z.union([z.literal(""), windowStartSchema]),
  windowLength: z.union([z.literal(""), windowLengthSchema]),
  channel: z.enum(updateChannels),
  /** One key per line. */
  sshKeys: sshKeysSchema,
  /** Pin the image to GitHub's sha256 digest when the catalogue has one. */
  verify: z.enum(verifyChoices),
  extraButane: extraButaneSchema,
  bootstrap: z.enum(bootstrapModes),
  clusterName: clusterNameSchema,
  podCidr: cidrSchema,
  serviceCidr: cidrSchema,
  cni: z.enum(cniChoiceValues),
  tokenTtl: z.enum(tokenTtlValues),
  /** How many workers "Download cluster" makes, beside the control plane. */
  workers: workerCountSchema,
  workerNamePattern: workerNamePatternSchema,
  /** Control planes "Download cluster" makes: more than one share an endpoint served by `loadBalancer`. */
  controlPlanes: z.enum(controlPlaneCounts),
  loadBalancer: z.enum(loadBalancers),
  /** The interface kube-vip puts the virtual IP on. */
  vipInterface: interfaceNameSchema,
  controlPlaneNamePattern: controlPlaneNamePatternSchema,
  /** The person's mirror of the bakery's host and the manifests; empty: upstream. */
  mirror: z.union([z.literal(""), mirrorSchema]),
  /** The person's registry holding every image the nodes pull; empty: upstream. */
  registry: z.union([z.literal(""), registrySchema]),
  /** Upgrade a cluster: the version it goes to; empty: the newest patch of the next minor. */
  upgradeTo: z.union([z.literal(""), kubernetesVersionSchema]),
});

export type WizardState = z.infer<typeof wizardStateSchema>;

/** Defaults for everything but the version, which comes from the catalogue (its recommended release). */
export function defaultWizardState(kubernetesVersion: string): WizardState {
  return {
    mode: "node",
    role: "control-plane",
    kubernetesVersion,
    arch: "x86-64",
    updates: "patch",
    reboot: "kured",
    kuredInstall: "cluster",
    sysupdate: "inline",
    hostname: "",
    controlPlaneEndpoint: "",
    joinToken: "",
    caCertHash: "",
    butaneVersion: "1.0.0",
    rebootStrategy: "reboot",
    windowStart: "",
    windowLength: "",
    channel: "",
    sshKeys: "",
    verify: "on",
    extraButane: "",
    bootstrap: "generated",
    clusterName: "kubernetes",
    podCidr: "10.244.0.0/16",
    serviceCidr: "10.96.0.0/12",
    cni: "calico",
    tokenTtl: "24h",
    workers: "3",
    workerNamePattern: "worker-{n}",
    controlPlanes: "1",
    loadBalancer: "kube-vip",
    vipInterface: "eth0",
    controlPlaneNamePattern: "cp-{n}",
    mirror: "",
    registry: "",
    upgradeTo: "",
  };
}

/**
 * What a mode fixes: a new cluster is made from a zero-touch control plane (its workers follow
 * it), a worker for an existing cluster is a worker, and an upgrade reads a new cluster's
 * choices. One node leaves both open.
 */
export function withModeRules(state: WizardState): WizardState {
  if (state.mode === "cluster") return { ...state, role: "control-plane", bootstrap: "generated" };
  if (state.mode === "join") return { ...state, role: "worker" };
  // An upgrade starts from a cluster made here: its choices are a new cluster's.
  if (state.mode === "upgrade") return { ...state, role: "control-plane", bootstrap: "generated" };
  return state;
}
