import {
  apiUrl,
  metadataReleasePath,
  nextPageUrl,
  parseMetadataBody,
  releaseListPath,
  releasePath,
} from "../../core/catalogue/github-responses";
import { releasesFromVersions } from "../../core/catalogue/live-catalogue";
import {
  githubReleaseListSchema,
  githubReleaseSchema,
  kubernetesReleases,
  toKubernetesRelease,
  type GithubRelease,
  type KubernetesRelease,
} from "../../core/catalogue/releases";
import { GithubError, type GithubClient } from "./github-client";

/** What one look at GitHub gives: the version list, and whether each one's assets are known. */
export interface LiveIndex {
  releases: KubernetesRelease[];
  /** True when read from the paginated list (every release's assets), false from the metadata body. */
  assetsComplete: boolean;
}

/** The paginated list is the expensive fallback: a bound keeps a loop of "next" links finite. */
const maxPages = 10;

/**
 * The live version list in as few requests as the data allows: the `kubernetes` metadata
 * release (one request) lists every version; only when its body cannot be read (or it is
 * gone) does the paginated release list take over.
 */
export async function fetchLiveIndex(
  client: GithubClient,
  known: readonly KubernetesRelease[],
): Promise<LiveIndex> {
  let versions: string[] | null = null;
  try {
    const { data } = await client.get(
      apiUrl(client.apiBase, metadataReleasePath),
      githubReleaseSchema,
    );
    versions = parseMetadataBody(data.body);
  } catch (error) {
    // A missing metadata release is a reason to read the list, any other failure is not.
    if (!(
      error instanceof GithubError &&
      error.problem.kind === "http" &&
      error.problem.status === 404
    ))
      throw error;
  }
  if (versions) {
    return { releases: releasesFromVersions(versions, known), assetsComplete: false };
  }
  const releases = kubernetesReleases(await fetchReleaseList(client));
  if (releases.length === 0) throw new GithubError({ kind: "empty" });
  return { releases, assetsComplete: true };
}

/** Every page of `/releases?per_page=100`, following `Link: rel="next"`. */
export async function fetchReleaseList(client: GithubClient): Promise<GithubRelease[]> {
  const all: GithubRelease[] = [];
  let url: string | null = apiUrl(client.apiBase, releaseListPath);
  for (let page = 0; url && page < maxPages; page++) {
    const response: Awaited<ReturnType<typeof client.get<GithubRelease[]>>> = await client.get(
      url,
      githubReleaseListSchema,
    );
    all.push(...response.data);
    url = nextPageUrl(response.link);
  }
  return all;
}

/** One version's own release: which images exist, and each one's sha256 digest. */
export async function fetchRelease(
  client: GithubClient,
  version: string,
): Promise<KubernetesRelease> {
  const { data } = await client.get(
    apiUrl(client.apiBase, releasePath(version)),
    githubReleaseSchema,
  );
  const release = toKubernetesRelease(data);
  if (!release || release.version !== version) {
    throw new GithubError({
      kind: "malformed",
      detail: `${data.tag_name} is not kubernetes-${version}`,
    });
  }
  return release;
}
