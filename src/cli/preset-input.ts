import { fetchLiveIndex, fetchRelease } from "../api/github/catalogue-fetch";
import { createGithubClient, GithubError } from "../api/github/github-client";
import { catalogueFrom, findRelease, type Catalogue } from "../core/catalogue/catalogue";
import { withRelease } from "../core/catalogue/live-catalogue";
import { readFormInput, type FieldErrors, type FormInput } from "../core/config/form-input";
import { decodePreset } from "../core/config/preset";
import type { WizardState } from "../core/config/wizard-state";
import { chosenUpgradeTarget } from "../core/upgrade/upgrade-target";

/** What the commands that read a preset share: the catalogue, the preset's choices, their errors. */

export interface PresetIo {
  stderr(text: string): void;
  env(name: string): string | undefined;
  /** For --api; the global fetch when absent. */
  fetch?: typeof fetch;
}

export interface PresetArgs {
  preset: string;
  api?: string;
  strict: boolean;
  controlPlanes?: WizardState["controlPlanes"];
}

export interface PresetInput {
  catalogue: Catalogue;
  /** The preset's valid choices (and `extra`); a value that is not valid is left out… */
  state: WizardState;
  /** …and named here, by field, as the page names it. */
  errors: FieldErrors;
}

/**
 * The catalogue (the snapshot, or the live one with --api), and the preset read as the page
 * reads a link: ignored parameters are warnings (errors with --strict), a value that is not
 * valid is a field error. An exit status when --strict stops the command.
 */
export async function presetInput(
  args: PresetArgs,
  io: PresetIo,
  snapshot: Catalogue,
  extra: Partial<FormInput> = {},
): Promise<PresetInput | number> {
  let catalogue = snapshot;
  if (args.api !== undefined) {
    const live = await liveCatalogue(args.api, args.preset, snapshot, io);
    if (typeof live === "string") {
      io.stderr(`${args.strict ? "error" : "warning"}: ${live}\n`);
      if (args.strict) return 1;
    } else catalogue = live;
  }
  const decoded = decodePreset(args.preset, catalogue);
  for (const notice of decoded.notices) {
    io.stderr(
      `${args.strict ? "error" : "warning"}: preset parameter ${notice.param}=${notice.value} ignored: ${notice.message}\n`,
    );
  }
  if (args.strict && decoded.notices.length > 0) return 1;
  const given = args.controlPlanes
    ? { ...decoded.state, controlPlanes: args.controlPlanes }
    : decoded.state;
  const { state, errors } = readFormInput({ ...given, ...decoded.typed, ...extra }, given);
  return { catalogue, state, errors };
}

/**
 * The catalogue at `api`: the version list (one request), then the chosen version's own
 * release for its arches and digests (one more). A message when the list cannot be had.
 */
export async function liveCatalogue(
  api: string,
  presetQuery: string,
  snapshot: Catalogue,
  io: PresetIo,
): Promise<Catalogue | string> {
  const client = createGithubClient({
    apiBase: api,
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(io.env("GITHUB_TOKEN") ? { token: io.env("GITHUB_TOKEN") } : {}),
  });
  const date = snapshot.source.kind === "snapshot" ? snapshot.source.date : "";
  let index;
  try {
    index = await fetchLiveIndex(client, snapshot.releases);
  } catch (error) {
    return `live catalogue at ${api} unavailable (${reason(error)}); using the snapshot from ${date}`;
  }
  let releases = index.releases;
  const fetchedAt = Date.now();
  const listed = catalogueFrom(releases, {
    kind: "live",
    fetchedAt,
    assetsComplete: index.assetsComplete,
  });
  const chosen = decodePreset(presetQuery, listed).state;
  // An upgrade needs its target's digests too: one more request.
  const target = chosen.mode === "upgrade" ? chosenUpgradeTarget(chosen, listed) : undefined;
  for (const version of [chosen.kubernetesVersion, ...(target ? [target] : [])]) {
    if (index.assetsComplete || !findRelease(listed, version)) continue;
    try {
      releases = withRelease(releases, await fetchRelease(client, version));
    } catch (error) {
      io.stderr(
        `warning: release ${version} at ${api} unavailable (${reason(error)}); its images are assumed\n`,
      );
    }
  }
  return catalogueFrom(releases, { kind: "live", fetchedAt, assetsComplete: index.assetsComplete });
}

function reason(error: unknown): string {
  if (!(error instanceof GithubError)) return String(error);
  const { problem } = error;
  return problem.kind === "rate-limit" && problem.retryAt !== undefined
    ? `${error.message}, retry at ${new Date(problem.retryAt).toISOString()}`
    : error.message;
}
