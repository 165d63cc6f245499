import type { Catalogue } from "../catalogue/catalogue";
import { findRelease } from "../catalogue/catalogue";
import { archFallback } from "../catalogue/releases";
import { sshKeyLines, sshKeyProblem } from "./ssh-keys";
import { cidrSchema, cidrsOverlap, parseCidr } from "../values/cidr";
import { canonicalValue, choices, type Choice } from "./choices";
import type { FormInput } from "./form-input";
import {
  clusterNameSchema,
  withModeRules,
  workerCountSchema,
  workerNamePatternSchema,
  interfaceNameSchema,
  controlPlaneNamePatternSchema,
  caCertHashSchema,
  defaultWizardState,
  endpointSchema,
  extraButaneSchema,
  hostnameSchema,
  kubernetesVersionSchema,
  type Mode,
  windowLengthSchema,
  windowStartSchema,
  type WizardState,
} from "./wizard-state";
import { isMinor } from "../version";
import { mirrorSchema, registrySchema } from "../values/download-sources";

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
  /** Parameters that were ignored, and why. */
  notices: PresetNotice[];
  /**
   * Text values that are not valid, as the link gave them: the form shows them in their fields
   * with their errors (the state keeps the defaults), so they can be corrected in place.
   */
  typed: Partial<FormInput>;
}

interface PresetParameter {
  name: string;
  /**
   * Applies one value to the state, or says what is allowed. A text value that is not valid is
   * kept in `typed` instead, for its field to show.
   */
  read(
    value: string,
    state: WizardState,
    catalogue: Catalogue,
    typed: Partial<FormInput>,
  ): string | undefined;
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
 * A choice from the choices table: its values and the spellings people commonly use for them
 * (other tools' architecture names, the old word for a control plane), read as that value and
 * never written.
 */
function choice(field: StringField & keyof typeof choices): PresetParameter {
  const table: Choice = choices[field];
  return {
    name: table.param,
    read(given, state) {
      const value = canonicalValue(table, given);
      if (value === undefined || value === "")
        return `Allowed: ${table.values
          .map((entry) => entry.value)
          .filter(Boolean)
          .join(", ")}.`;
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
    read(value, state, _catalogue, typed) {
      const result = schema.safeParse(value);
      if ((value !== "" || !optional) && !result.success) typed[field] = value;
      else Object.assign(state, { [field]: value });
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

/**
 * to=: the version an upgrade goes to, "v1.36.2", "1.36.2" or a minor meaning its newest patch.
 * A well-formed version the catalogue lacks is kept: readiness names it and what is published.
 */
const upgradeTo: PresetParameter = {
  name: "to",
  read(value, state, catalogue, typed) {
    const version = resolveVersion(value, catalogue);
    const given = value.startsWith("v") ? value : `v${value}`;
    if (version) state.upgradeTo = version;
    else if (kubernetesVersionSchema.safeParse(given).success) state.upgradeTo = given;
    else if (isMinor(given))
      return `The bakery publishes no ${given} version yet: the newest patch of the next minor is used.`;
    else typed.upgradeTo = value;
    return undefined;
  },
  write: (state) => (state.upgradeTo === "" ? [] : [state.upgradeTo]),
};

/** window=START,LENGTH: "Thu 04:00,1h30m". */
const rebootWindow: PresetParameter = {
  name: "window",
  read(value, state, _catalogue, typed) {
    const [start = "", length = "", ...rest] = value.split(",");
    if (rest.length > 0) return "Allowed: START,LENGTH such as 04:00,1h or Thu 04:00,1h30m.";
    const ok =
      windowStartSchema.safeParse(start).success && windowLengthSchema.safeParse(length).success;
    if (!ok) {
      typed.windowStart = start;
      typed.windowLength = length;
      return undefined;
    }
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
  read(value, state, _catalogue, typed) {
    if (value.includes("\n")) return "Allowed: an SSH public key, one key per parameter.";
    // Every key as given stays in the field; the good ones are used meanwhile.
    const lines = [typed.sshKeys ?? state.sshKeys, value.trim()].filter(Boolean);
    if (sshKeyProblem(value) || typed.sshKeys !== undefined) typed.sshKeys = lines.join("\n");
    else state.sshKeys = lines.join("\n");
    return undefined;
  },
  write: (state) => sshKeyLines(state.sshKeys),
};

/** In the order they are written. */
export const presetParameters: readonly PresetParameter[] = [
  choice("mode"),
  choice("role"),
  kubernetesVersion,
  choice("arch"),
  choice("updates"),
  choice("reboot"),
  choice("kuredInstall"),
  choice("sysupdate"),
  text("hostname", "hostname", hostnameSchema),
  text("endpoint", "controlPlaneEndpoint", endpointSchema),
  text("ca-hash", "caCertHash", caCertHashSchema),
  choice("butaneVersion"),
  choice("rebootStrategy"),
  rebootWindow,
  choice("channel"),
  choice("verify"),
  sshKey,
  text("extra", "extraButane", extraButaneSchema),
  choice("bootstrap"),
  text("cluster", "clusterName", clusterNameSchema, false),
  text("pod-cidr", "podCidr", cidrSchema, false),
  text("service-cidr", "serviceCidr", cidrSchema, false),
  choice("cni"),
  choice("tokenTtl"),
  text("workers", "workers", workerCountSchema, false),
  text("worker-name", "workerNamePattern", workerNamePatternSchema, false),
  choice("controlPlanes"),
  choice("loadBalancer"),
  text("vip-interface", "vipInterface", interfaceNameSchema, false),
  text("cp-name", "controlPlaneNamePattern", controlPlaneNamePatternSchema, false),
  text("mirror", "mirror", mirrorSchema),
  text("registry", "registry", registrySchema),
  upgradeTo,
];

/**
 * What a link from before the mode parameter made: a cluster when it sizes one, a worker for
 * an existing cluster when it is a worker, one node otherwise.
 */
function inferredMode(given: ReadonlySet<string>, state: WizardState): Mode {
  if (given.has("workers") || given.has("worker-name")) return "cluster";
  return state.role === "worker" ? "join" : "node";
}

/** The query part of a full URL, a "?query" or a bare query. */
export function queryOf(input: string): string {
  const question = input.indexOf("?");
  const query = question >= 0 ? input.slice(question + 1) : input;
  const hash = query.indexOf("#");
  return hash >= 0 ? query.slice(0, hash) : query;
}

/**
 * Reads a preset; a parameter that is missing takes its default, a choice or version that is
 * not allowed is ignored with a notice, and a text value that is not valid is kept for its field.
 */
export function decodePreset(input: string, catalogue: Catalogue): DecodedPreset {
  const state = defaultWizardState(catalogue.recommended.version);
  const notices: PresetNotice[] = [];
  const typed: Partial<FormInput> = {};
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
    const problem = parameter.read(value, state, catalogue, typed);
    if (problem) notices.push({ param, value, message: problem });
  }
  if (!seen.has("mode")) state.mode = inferredMode(seen, state);
  // Overlapping ranges stay in their fields, where the form says so; the defaults are used meanwhile.
  const pods = parseCidr(state.podCidr);
  const services = parseCidr(state.serviceCidr);
  if (pods.ok && services.ok && cidrsOverlap(pods.cidr, services.cidr)) {
    const defaults = defaultWizardState(state.kubernetesVersion);
    typed.podCidr = state.podCidr;
    typed.serviceCidr = state.serviceCidr;
    state.podCidr = defaults.podCidr;
    state.serviceCidr = defaults.serviceCidr;
  }
  const release = findRelease(catalogue, state.kubernetesVersion);
  const fallback = release && archFallback(release, state.arch);
  if (fallback) {
    notices.push({ param: "arch", value: state.arch, message: fallback.message });
    state.arch = fallback.arch;
  }
  return { state: withModeRules(state), notices, typed };
}

/**
 * The link of a cluster as made (a new cluster's choices, no upgrade target): recorded in its
 * READMEs and secrets file, and read back by Upgrade a cluster.
 */
export function clusterShareQuery(state: WizardState): string {
  return encodePreset({ ...state, mode: "cluster", upgradeTo: "" });
}

/** Every choice but the secrets, in a fixed order, so equal states give equal links. */
export function encodePreset(state: WizardState): string {
  const params = new URLSearchParams();
  for (const parameter of presetParameters) {
    for (const value of parameter.write(state)) params.append(parameter.name, value);
  }
  return params.toString();
}
