import { z } from "../zod-mini";
import { architectures, type Architecture } from "../values/architecture";
import { minorOf, newestFirst, parseImageFileName, versionOfReleaseTag } from "../version";

/** The Kubernetes sysext releases of the Flatcar sysext bakery, as the wizard needs them. */

export interface KubernetesRelease {
  /** "v1.32.2" */
  version: string;
  /** "v1.32" */
  minor: string;
  publishedAt: string | null;
  /** Architectures with a published .raw image, in the order of `architectures`. */
  arches: Architecture[];
  /** Hex SHA-256 of each .raw image, where GitHub gave the asset a digest. */
  sha256: Partial<Record<Architecture, string>>;
}

export interface MinorGroup {
  minor: string;
  /** Newest patch first. */
  releases: KubernetesRelease[];
}

const digestPattern = /^sha256:([0-9a-f]{64})$/;

/** The fields of GitHub's release object that the wizard reads; everything else is ignored. */
export const githubAssetSchema = z.object({
  name: z.string(),
  digest: z.nullish(z.string()),
  browser_download_url: z.optional(z.string()),
  size: z.optional(z.number()),
});

export const githubReleaseSchema = z.object({
  tag_name: z.string(),
  draft: z._default(z.optional(z.boolean()), false),
  prerelease: z._default(z.optional(z.boolean()), false),
  published_at: z.nullish(z.string()),
  body: z.nullish(z.string()),
  assets: z._default(z.array(githubAssetSchema), []),
});

export type GithubRelease = z.infer<typeof githubReleaseSchema>;

export const githubReleaseListSchema = z.array(githubReleaseSchema);

/** One GitHub release -> a Kubernetes release, or null when it is not one (other extension, draft, prerelease). */
export function toKubernetesRelease(release: GithubRelease): KubernetesRelease | null {
  // Only kubernetes-vX.Y.Z tags are Kubernetes releases; other extensions share the repository.
  const version = versionOfReleaseTag(release.tag_name);
  if (version === null || release.draft || release.prerelease) return null;
  const sha256: Partial<Record<Architecture, string>> = {};
  const found = new Set<Architecture>();
  for (const asset of release.assets) {
    const image = parseImageFileName(asset.name);
    if (image?.version !== version) continue;
    const arch = image.arch;
    found.add(arch);
    const digest = asset.digest ? digestPattern.exec(asset.digest) : null;
    if (digest) sha256[arch] = digest[1] as string;
  }
  return {
    version,
    minor: minorOf(version),
    publishedAt: release.published_at ?? null,
    arches: architectures.filter((arch) => found.has(arch)),
    sha256,
  };
}

/** Kubernetes releases from a GitHub release list, newest first; a release with no image is left out. */
export function kubernetesReleases(list: readonly GithubRelease[]): KubernetesRelease[] {
  const byVersion = new Map<string, KubernetesRelease>();
  for (const item of list) {
    const release = toKubernetesRelease(item);
    if (release && release.arches.length > 0) byVersion.set(release.version, release);
  }
  return [...byVersion.values()].sort((a, b) => newestFirst(a.version, b.version));
}

/** Releases grouped by minor, newest minor first, newest patch first within each. */
export function groupByMinor(releases: readonly KubernetesRelease[]): MinorGroup[] {
  const groups = new Map<string, KubernetesRelease[]>();
  for (const release of [...releases].sort((a, b) => newestFirst(a.version, b.version))) {
    const group = groups.get(release.minor) ?? [];
    group.push(release);
    groups.set(release.minor, group);
  }
  return [...groups].map(([minor, members]) => ({ minor, releases: members }));
}

/**
 * The one architecture fallback: when the chosen version's release has no image for the chosen
 * architecture, its first published one, and a message saying so (for a link and for the form).
 */
export function archFallback(
  release: Pick<KubernetesRelease, "version" | "arches">,
  arch: Architecture,
): { arch: Architecture; message: string } | undefined {
  const available = release.arches[0];
  if (available === undefined || release.arches.includes(arch)) return undefined;
  return {
    arch: available,
    message: `${release.version} has no ${arch} image; switched to ${available} (available: ${release.arches.join(", ")}).`,
  };
}
