import { minorNumber } from "../version";

/** One released version of a cluster add-on and the Kubernetes minors its own project supports. */
export interface AddonRelease {
  version: string;
  /** Oldest and newest Kubernetes minor (1.<n>) the project's own compatibility statement covers. */
  minMinor: number;
  maxMinor: number;
  /** Where that statement is. */
  source: string;
}

export interface AddonChoice {
  release: AddonRelease;
  /** Set when no release covers the minor, so the newest one is used: says so. */
  note?: string;
}

/**
 * The newest release (tables are newest first) whose own compatibility covers the version's
 * minor. A minor newer than every release gets the newest release, with a note; an older one
 * the oldest release, with a note.
 */
export function addonReleaseFor(
  name: string,
  releases: readonly AddonRelease[],
  kubernetesVersion: string,
): AddonChoice {
  const minor = minorNumber(kubernetesVersion);
  const covering = releases.find(
    (release) => release.minMinor <= minor && minor <= release.maxMinor,
  );
  if (covering) return { release: covering };
  const newest = releases[0];
  const oldest = releases[releases.length - 1];
  if (!newest || !oldest) throw new Error(`no ${name} release is known`);
  const fallback = minor > newest.maxMinor ? newest : oldest;
  return {
    release: fallback,
    note: `No ${name} release known to this wizard lists Kubernetes 1.${minor} as supported: ${name} ${fallback.version} (tested with 1.${fallback.minMinor}–1.${fallback.maxMinor}) is used.`,
  };
}
