import type { Catalogue } from "../catalogue/catalogue";
import { findRelease } from "../catalogue/catalogue";
import { sshKeyLines, sshKeyProblem } from "./ssh-keys";
import { cidrSchema, cidrsOverlap, parseCidr } from "../cluster/cidr";
import {
  bootstrapModes,
  butaneVersions,
  clusterNameSchema,
  cniChoiceValues,
  tokenTtlValues,
  workerCountSchema,
  workerNamePatternSchema,
  controlPlaneCounts,
  loadBalancers,
  interfaceNameSchema,
  controlPlaneNamePatternSchema,
  caCertHashSchema,
  defaultWizardState,
  endpointSchema,
  extraButaneSchema,
  hostnameSchema,
  rebootCoordinators,
  kuredInstallModes,
  rebootStrategies,
  roles,
  sysupdateSources,
  updateChannels,
  updatePolicies,
  verifyChoices,
  windowLengthSchema,
  windowStartSchema,
  type WizardState,
} from "./wizard-state";
import { architectures, isMinor } from "../version";

/**
 * The preset URL: every choice as a query parameter, a public and documented interface.
 * Secrets (the join token) never travel in it.
 */

export interface PresetNotice {
  param: string;
  value: string;
  message: string;
}

export interface DecodedPreset {
  state: WizardState;
  notices: PresetNotice[];
}

interface PresetParameter {
  name: string;
  /** Applies one value to the state, or says what is allowed. */
  read(value: string, state: WizardState, catalogue: Catalogue): string | undefined;
  /** The values this parameter holds for a state; none when it is at its empty value. */
  write(state: WizardState): string[];
  /** May appear more than once (ssh=). */
  repeatable?: boolean;
}

type Schema = {
  safeParse(value: string): { success: boolean; error?: { issues: { message: string }[] } };
};
type StringField = {
  [K in keyof WizardState]: WizardState[K] extends string ? K : never;
}[keyof WizardState];

/**
 * A choice from a list. `aliases` are spellings people commonly use for a value (other tools'
 * architecture names, the old word for a control plane): read as that value, written never.
 */
function choice(
  name: string,
  field: StringField,
  allowed: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): PresetParameter {
  return {
    name,
    read(given, state) {
      const value = Object.hasOwn(aliases, given) ? (aliases[given] as string) : given;
      if (value === "" || !allowed.includes(value))
        return `Allowed: ${allowed.filter(Boolean).join(", ")}.`;
      Object.assign(state, { [field]: value });
      return undefined;
    },
    write: (state) => (state[field] === "" ? [] : [state[field]]),
  };
}

/** A text parameter; an optional one may be given empty to clear it. */
function text(name: string, field: StringField, schema: Schema, optional = true): PresetParameter {
  return {
    name,
    read(value, state) {
      const result = schema.safeParse(value);
      if ((value !== "" || !optional) && !result.success) {
        return `Allowed: ${result.error?.issues[0]?.message}.`;
      }
      Object.assign(state, { [field]: value });
      return undefined;
    },
    write: (state) => (state[field] === "" ? [] : [state[field]]),
  };
}

/** "v1.32.2", "1.32.2", or a minor ("v1.32") meaning its newest patch. */
function resolveVersion(value: string, catalogue: Catalogue): string | undefined {
  const version = value.startsWith("v") ? value : `v${value}`;
  if (findRelease(catalogue, version)) return version;
  if (isMinor(version)) {
    return catalogue.minors.find((group) => group.minor === version)?.releases[0]?.version;
  }
  return undefined;
}

const kubernetesVersion: PresetParameter = {
  name: "k8s",
  read(value, state, catalogue) {
    const version = resolveVersion(value, catalogue);
    if (version) {
      state.kubernetesVersion = version;
      return undefined;
    }
    const minors = catalogue.minors.map((group) => group.minor);
    const oldest = catalogue.releases.at(-1)?.version ?? "";
    return `Allowed: a published version (${catalogue.newest.version} down to ${oldest}) or a minor (${minors.slice(0, 3).join(", ")}, …).`;
  },
  write: (state) => [state.kubernetesVersion],
};

/** window=START,LENGTH: "Thu 04:00,1h30m". */
const rebootWindow: PresetParameter = {
  name: "window",
  read(value, state) {
    const [start = "", length = "", ...rest] = value.split(",");
    const ok =
      rest.length === 0 &&
      windowStartSchema.safeParse(start).success &&
      windowLengthSchema.safeParse(length).success;
    if (!ok) return "Allowed: START,LENGTH such as 04:00,1h or Thu 04:00,1h30m.";
    state.windowStart = start;
    state.windowLength = length;
    return undefined;
  },
  write: (state) =>
    state.windowStart === "" ? [] : [`${state.windowStart},${state.windowLength}`],
};

const sshKey: PresetParameter = {
  name: "ssh",
  repeatable: true,
  read(value, state) {
    const problem = value.includes("\n") ? "one key per parameter" : sshKeyProblem(value);
    if (problem) return `Allowed: an SSH public key; this one: ${problem}.`;
    state.sshKeys = state.sshKeys === "" ? value.trim() : `${state.sshKeys}\n${value.trim()}`;
    return undefined;
  },
  write: (state) => sshKeyLines(state.sshKeys),
};

/** In the order they are written. */
export const presetParameters: readonly PresetParameter[] = [
  choice("role", "role", roles, { master: "control-plane", controlplane: "control-plane" }),
  kubernetesVersion,
  // Go's and Debian's (amd64), the kernel's (x86_64, aarch64) names for the bakery's two.
  choice("arch", "arch", architectures, { amd64: "x86-64", x86_64: "x86-64", aarch64: "arm64" }),
  choice("updates", "updates", updatePolicies),
  choice("reboot", "reboot", rebootCoordinators),
  choice("kured", "kuredInstall", kuredInstallModes),
  choice("sysupdate", "sysupdate", sysupdateSources),
  text("hostname", "hostname", hostnameSchema),
  text("endpoint", "controlPlaneEndpoint", endpointSchema),
  text("ca-hash", "caCertHash", caCertHashSchema),
  choice("butane", "butaneVersion", butaneVersions),
  choice("strategy", "rebootStrategy", rebootStrategies),
  rebootWindow,
  choice("channel", "channel", updateChannels),
  choice("verify", "verify", verifyChoices),
  sshKey,
  text("extra", "extraButane", extraButaneSchema),
  choice("bootstrap", "bootstrap", bootstrapModes),
  text("cluster", "clusterName", clusterNameSchema, false),
  text("pod-cidr", "podCidr", cidrSchema, false),
  text("service-cidr", "serviceCidr", cidrSchema, false),
  choice("cni", "cni", cniChoiceValues),
  choice("token-ttl", "tokenTtl", tokenTtlValues),
  text("workers", "workers", workerCountSchema, false),
  text("worker-name", "workerNamePattern", workerNamePatternSchema, false),
  choice("control-planes", "controlPlanes", controlPlaneCounts),
  choice("lb", "loadBalancer", loadBalancers, { kubevip: "kube-vip" }),
  text("vip-interface", "vipInterface", interfaceNameSchema, false),
  text("cp-name", "controlPlaneNamePattern", controlPlaneNamePatternSchema, false),
];

/** The query part of a full URL, a "?query" or a bare query. */
function queryOf(input: string): string {
  const question = input.indexOf("?");
  const query = question >= 0 ? input.slice(question + 1) : input;
  const hash = query.indexOf("#");
  return hash >= 0 ? query.slice(0, hash) : query;
}

/** Reads a preset; a parameter that is missing takes its default, one that is invalid is ignored with a notice. */
export function decodePreset(input: string, catalogue: Catalogue): DecodedPreset {
  const state = defaultWizardState(catalogue.recommended.version);
  const notices: PresetNotice[] = [];
  const byName = new Map(presetParameters.map((parameter) => [parameter.name, parameter]));
  const seen = new Set<string>();
  for (const [param, value] of new URLSearchParams(queryOf(input))) {
    const parameter = byName.get(param);
    if (!parameter) {
      const message =
        param === "token"
          ? "The join token is a secret and is never read from a link; enter it in the form."
          : `Unknown parameter. Known: ${presetParameters.map((p) => p.name).join(", ")}.`;
      notices.push({ param, value, message });
      continue;
    }
    if (seen.has(param) && !parameter.repeatable) {
      notices.push({ param, value, message: "Given more than once; the first value is used." });
      continue;
    }
    seen.add(param);
    const problem = parameter.read(value, state, catalogue);
    if (problem) notices.push({ param, value, message: problem });
  }
  const pods = parseCidr(state.podCidr);
  const services = parseCidr(state.serviceCidr);
  if (pods.ok && services.ok && cidrsOverlap(pods.cidr, services.cidr)) {
    const defaults = defaultWizardState(state.kubernetesVersion);
    notices.push({
      param: "service-cidr",
      value: state.serviceCidr,
      message: `Overlaps the pod CIDR ${state.podCidr}; the defaults ${defaults.podCidr} and ${defaults.serviceCidr} are used.`,
    });
    state.podCidr = defaults.podCidr;
    state.serviceCidr = defaults.serviceCidr;
  }
  const release = findRelease(catalogue, state.kubernetesVersion);
  if (release && !release.arches.includes(state.arch)) {
    const fallback = release.arches[0] ?? "x86-64";
    notices.push({
      param: "arch",
      value: state.arch,
      message: `${state.kubernetesVersion} has no ${state.arch} image; ${fallback} is used. Available: ${release.arches.join(", ")}.`,
    });
    state.arch = fallback;
  }
  return { state, notices };
}

/** Every choice but the secrets, in a fixed order, so equal states give equal links. */
export function encodePreset(state: WizardState): string {
  const params = new URLSearchParams();
  for (const parameter of presetParameters) {
    for (const value of parameter.write(state)) params.append(parameter.name, value);
  }
  return params.toString();
}
