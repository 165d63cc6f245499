import { architectures } from "../values/architecture";
import { isKubernetesVersion, minorOf, newestFirst } from "../version";
import type { KubernetesRelease } from "./releases";

/**
 * Releases for the versions the metadata release lists. The metadata release does not say
 * which images each version has, so what the snapshot knows is kept, and a version newer
 * than the snapshot is assumed to have every architecture (release.sh builds both) until
 * its own release is fetched.
 */
export function releasesFromVersions(
  versions: readonly string[],
  known: readonly KubernetesRelease[],
): KubernetesRelease[] {
  const byVersion = new Map(known.map((release) => [release.version, release]));
  const releases: KubernetesRelease[] = [];
  for (const version of new Set(versions)) {
    if (!isKubernetesVersion(version)) continue;
    releases.push(
      byVersion.get(version) ?? {
        version,
        minor: minorOf(version),
        publishedAt: null,
        arches: [...architectures],
        sha256: {},
      },
    );
  }
  return releases.sort((a, b) => newestFirst(a.version, b.version));
}

/** A version's own release replaces what the list assumed about it. */
export function withRelease(
  releases: readonly KubernetesRelease[],
  detail: KubernetesRelease,
): KubernetesRelease[] {
  return releases.map((release) => (release.version === detail.version ? detail : release));
}
