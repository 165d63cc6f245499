/**
 * Refreshes the embedded release snapshot (src/core/catalogue/snapshot.json) from the live
 * GitHub API, and the upstream support schedule (src/core/catalogue/support-schedule.json) from
 * Kubernetes' own schedule.yaml, for maintainers with internet:
 *   npm run snapshot [-- --api URL] [--out FILE] [--schedule-url URL] [--schedule-out FILE]
 * Reads the paginated release list (a handful of requests, where one request per version
 * would spend the 60-an-hour limit), keeps only kubernetes-vX.Y.Z releases with images, and
 * writes only the fields the parser reads, digests included. GITHUB_TOKEN raises the limit.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";
import { fetchReleaseList } from "../src/api/github/catalogue-fetch";
import { createGithubClient } from "../src/api/github/github-client";
import { snapshotSchema } from "../src/core/catalogue/catalogue";
import { kubernetesReleases, toKubernetesRelease } from "../src/core/catalogue/releases";
import { oldestFirst } from "../src/core/version";
import {
  supportScheduleSchema,
  type MinorSchedule,
  type SupportSchedule,
} from "../src/core/catalogue/support-schedule";

/** Kubernetes' release schedule, as kubernetes.io/releases reads it. */
export const scheduleYamlUrl =
  "https://raw.githubusercontent.com/kubernetes/website/main/data/releases/schedule.yaml";

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
    .flatMap((release) => {
      const parsed = toKubernetesRelease(release);
      return parsed !== null && wanted.delete(parsed.version)
        ? [{ release, version: parsed.version }]
        : [];
    })
    .sort((a, b) => oldestFirst(a.version, b.version))
    .map(({ release }) => ({
      tag_name: release.tag_name,
      name: release.tag_name,
      draft: false,
      prerelease: false,
      published_at: release.published_at ?? null,
      assets: release.assets.map((asset) => ({ name: asset.name, digest: asset.digest ?? null })),
    }));
  if (releases.length === 0)
    throw new Error("the API listed no Kubernetes release: snapshot left as it was");
  // The app parses it with the same schema: never write what it could not read.
  return snapshotSchema.parse({ date: options.date, releases });
}

/**
 * The support schedule from schedule.yaml's text. schedule.yaml lists only the minors still
 * maintained, so minors that left it (past their end of life) keep their row from `previous`.
 */
export function supportScheduleFromYaml(
  text: string,
  previous: SupportSchedule,
  date: string,
): SupportSchedule {
  const parsed = parseYaml(text) as { schedules?: Record<string, unknown>[] } | null;
  const listed = (parsed?.schedules ?? []).map((entry): MinorSchedule => ({
    // YAML may read 1.30 as a number: always a string, never 1.3.
    minor: typeof entry.release === "number" ? entry.release.toFixed(2) : String(entry.release),
    releaseDate: String(entry.releaseDate),
    maintenanceModeStartDate: String(entry.maintenanceModeStartDate),
    endOfLifeDate: String(entry.endOfLifeDate),
  }));
  if (listed.length === 0)
    throw new Error("schedule.yaml listed no release: schedule left as it was");
  const byMinor = new Map(previous.minors.map((row) => [row.minor, row]));
  for (const row of listed) byMinor.set(row.minor, row);
  const minors = [...byMinor.values()].sort((a, b) => oldestFirst(a.minor, b.minor));
  // The app reads it with the same schema: never write what it could not read.
  return supportScheduleSchema.parse({ date, source: previous.source, minors });
}

export async function buildSupportSchedule(options: {
  url: string;
  previous: SupportSchedule;
  date: string;
  fetch?: typeof fetch;
}): Promise<SupportSchedule> {
  const response = await (options.fetch ?? fetch)(options.url);
  if (!response.ok) throw new Error(`${options.url} answered ${response.status}`);
  return supportScheduleFromYaml(await response.text(), options.previous, options.date);
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
  const date = new Date().toISOString().slice(0, 10);
  const scheduleTarget = path.resolve(
    option("--schedule-out") ?? path.join(root, "src/core/catalogue/support-schedule.json"),
  );
  const previousSchedule = supportScheduleSchema.parse(
    JSON.parse(
      readFileSync(path.join(root, "src/core/catalogue/support-schedule.json"), "utf8"),
    ) as unknown,
  );
  const schedule = await buildSupportSchedule({
    url: option("--schedule-url") ?? scheduleYamlUrl,
    previous: previousSchedule,
    date,
  });
  writeFileSync(scheduleTarget, `${JSON.stringify(schedule, null, 2)}\n`);
  console.log(
    `wrote the support schedule of ${schedule.minors.length} minors to ${path.relative(process.cwd(), scheduleTarget)}`,
  );
  const snapshot = await buildSnapshot({
    apiBase,
    date,
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
