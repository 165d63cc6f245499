import type { Catalogue } from "../catalogue/catalogue";
import { findRelease } from "../catalogue/catalogue";
import {
  architectures,
  caCertHashSchema,
  defaultWizardState,
  endpointSchema,
  hostnameSchema,
  rebootCoordinators,
  roles,
  sysupdateSources,
  updatePolicies,
  type WizardState,
} from "./wizard-state";

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

type Field = Exclude<keyof WizardState, "joinToken">;

/** Parameter name -> state field, in the order they are written. */
export const presetParameters: readonly (readonly [string, Field])[] = [
  ["role", "role"],
  ["k8s", "kubernetesVersion"],
  ["arch", "arch"],
  ["updates", "updates"],
  ["reboot", "reboot"],
  ["sysupdate", "sysupdate"],
  ["hostname", "hostname"],
  ["endpoint", "controlPlaneEndpoint"],
  ["ca-hash", "caCertHash"],
];

const enumFields: Partial<Record<Field, readonly string[]>> = {
  role: roles,
  arch: architectures,
  updates: updatePolicies,
  reboot: rebootCoordinators,
  sysupdate: sysupdateSources,
};

const textFields = {
  hostname: hostnameSchema,
  controlPlaneEndpoint: endpointSchema,
  caCertHash: caCertHashSchema,
} as const;

/** The query part of a full URL, a "?query" or a bare query. */
function queryOf(input: string): string {
  const question = input.indexOf("?");
  const query = question >= 0 ? input.slice(question + 1) : input;
  const hash = query.indexOf("#");
  return hash >= 0 ? query.slice(0, hash) : query;
}

/** "v1.32.2", "1.32.2", or a minor ("v1.32") meaning its newest patch. */
function resolveVersion(value: string, catalogue: Catalogue): string | undefined {
  const version = value.startsWith("v") ? value : `v${value}`;
  if (findRelease(catalogue, version)) return version;
  if (/^v\d+\.\d+$/.test(version)) {
    return catalogue.minors.find((group) => group.minor === version)?.releases[0]?.version;
  }
  return undefined;
}

function describeVersions(catalogue: Catalogue): string {
  const minors = catalogue.minors.map((group) => group.minor);
  const oldest = catalogue.releases.at(-1)?.version ?? "";
  return `a published version (${catalogue.newest.version} down to ${oldest}) or a minor (${minors.slice(0, 3).join(", ")}, …)`;
}

/** Reads a preset; a parameter that is missing takes its default, one that is invalid is ignored with a notice. */
export function decodePreset(input: string, catalogue: Catalogue): DecodedPreset {
  const state = defaultWizardState(catalogue.newest.version);
  const notices: PresetNotice[] = [];
  const fields = new Map(presetParameters);
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(queryOf(input));
  } catch {
    return {
      state,
      notices: [{ param: "", value: input, message: "The link could not be read." }],
    };
  }
  const seen = new Set<string>();
  for (const [param, value] of params) {
    const field = fields.get(param);
    if (!field) {
      const message =
        param === "token"
          ? "The join token is a secret and is never read from a link; enter it in the form."
          : `Unknown parameter. Known: ${presetParameters.map(([name]) => name).join(", ")}.`;
      notices.push({ param, value, message });
      continue;
    }
    if (seen.has(param)) {
      notices.push({ param, value, message: "Given more than once; the first value is used." });
      continue;
    }
    seen.add(param);
    const allowed = enumFields[field];
    if (allowed) {
      if (allowed.includes(value)) Object.assign(state, { [field]: value });
      else notices.push({ param, value, message: `Allowed: ${allowed.join(", ")}.` });
    } else if (field === "kubernetesVersion") {
      const version = resolveVersion(value, catalogue);
      if (version) state.kubernetesVersion = version;
      else notices.push({ param, value, message: `Allowed: ${describeVersions(catalogue)}.` });
    } else {
      const result = textFields[field as keyof typeof textFields].safeParse(value);
      if (value === "" || result.success) Object.assign(state, { [field]: value });
      else notices.push({ param, value, message: `Allowed: ${result.error.issues[0]?.message}.` });
    }
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
  for (const [param, field] of presetParameters) {
    const value = state[field];
    if (value !== "") params.set(param, value);
  }
  return params.toString();
}
