/**
 * Refreshes the embedded release snapshot (src/core/catalogue/snapshot.json) from the live
 * GitHub API, for maintainers with internet:
 *   npm run snapshot [-- --api URL] [--out FILE]
 * Reads the paginated release list (a handful of requests, where one request per version
 * would spend the 60-an-hour limit), keeps only kubernetes-vX.Y.Z releases with images, and
 * writes only the fields the parser reads, digests included. GITHUB_TOKEN raises the limit.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import semver from "semver";
import { fetchReleaseList } from "../src/api/catalogue-fetch";
import { createGithubClient } from "../src/api/github-client";
import { snapshotSchema } from "../src/core/catalogue/catalogue";
import { kubernetesReleases, toKubernetesRelease } from "../src/core/catalogue/releases";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface SnapshotOptions {
  apiBase: string;
  /** "2026-07-16": the day the list was read. */
  date: string;
  fetch?: typeof fetch;
  token?: string;
}

type Snapshot = ReturnType<typeof snapshotSchema.parse>;

export async function buildSnapshot(options: SnapshotOptions): Promise<Snapshot> {
  const client = createGithubClient({
    apiBase: options.apiBase,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.token ? { token: options.token } : {}),
  });
  const list = await fetchReleaseList(client);
  const wanted = new Set(kubernetesReleases(list).map((release) => release.version));
  const releases = list
    .filter((release) => {
      const parsed = toKubernetesRelease(release);
      return parsed !== null && wanted.delete(parsed.version);
    })
    .map((release) => ({
      tag_name: release.tag_name,
      name: release.tag_name,
      draft: false,
      prerelease: false,
      published_at: release.published_at ?? null,
      assets: release.assets.map((asset) => ({ name: asset.name, digest: asset.digest ?? null })),
    }))
    .sort((a, b) =>
      semver.compare(
        a.tag_name.slice("kubernetes-".length),
        b.tag_name.slice("kubernetes-".length),
      ),
    );
  if (releases.length === 0)
    throw new Error("the API listed no Kubernetes release: snapshot left as it was");
  // The app parses it with the same schema: never write what it could not read.
  return snapshotSchema.parse({ date: options.date, releases });
}

async function main(argv: string[]): Promise<void> {
  const option = (name: string) => {
    const index = argv.indexOf(name);
    return index < 0 ? undefined : argv[index + 1];
  };
  const apiBase = option("--api") ?? process.env.VITE_GITHUB_API ?? "https://api.github.com";
  const target = path.resolve(
    option("--out") ?? path.join(root, "src/core/catalogue/snapshot.json"),
  );
  const snapshot = await buildSnapshot({
    apiBase,
    date: new Date().toISOString().slice(0, 10),
    ...(process.env.GITHUB_TOKEN ? { token: process.env.GITHUB_TOKEN } : {}),
  });
  writeFileSync(target, `${JSON.stringify(snapshot)}\n`);
  const digests = snapshot.releases.filter((r) => r.assets.some((a) => a.digest)).length;
  console.log(
    `wrote ${snapshot.releases.length} releases (${digests} with digests) from ${apiBase} to ${path.relative(process.cwd(), target)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`snapshot: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
