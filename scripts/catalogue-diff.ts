/**
 * What a refresh of the catalogue changed, for the pull request the weekly
 * .github/workflows/refresh-catalogue.yml opens: compares two snapshot.json files (releases added
 * or removed, image digests changed) and two support-schedule.json files (minors added, removed
 * or rescheduled). The `date` fields are left out: a refresh that only moved them changed nothing.
 *   npx tsx scripts/catalogue-diff.ts OLD_SNAPSHOT NEW_SNAPSHOT OLD_SCHEDULE NEW_SCHEDULE
 * Prints nothing when nothing changed; else the pull request's title on the first line
 * ("catalogue: +v1.37.2, 2 digests changed") and a Markdown body after it.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

interface SnapshotFile {
  releases: { tag_name: string; assets: { name: string; digest: string | null }[] }[];
}

interface ScheduleFile {
  minors: {
    minor: string;
    releaseDate: string;
    maintenanceModeStartDate: string;
    endOfLifeDate: string;
  }[];
}

export interface CatalogueDiff {
  added: string[];
  removed: string[];
  /** "v1.35.1 kubernetes-v1.35.1-x86-64.raw: (none) → sha256:…" */
  digests: { version: string; asset: string; before: string | null; after: string | null }[];
  minorsAdded: string[];
  minorsRemoved: string[];
  minorsChanged: { minor: string; fields: string[] }[];
}

/** "kubernetes-v1.35.1" → "v1.35.1"; another tag as it is. */
function versionOf(tag: string): string {
  return tag.replace(/^kubernetes-/, "");
}

/** Compares versions "v1.9.3" < "v1.10.0" numerically, part by part. */
function byVersion(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/, "").split(".").map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return a.localeCompare(b);
}

export function catalogueDiff(
  oldSnapshot: SnapshotFile,
  newSnapshot: SnapshotFile,
  oldSchedule: ScheduleFile,
  newSchedule: ScheduleFile,
): CatalogueDiff {
  const releases = (s: SnapshotFile) =>
    new Map(s.releases.map((release) => [versionOf(release.tag_name), release]));
  const before = releases(oldSnapshot);
  const after = releases(newSnapshot);
  const added = [...after.keys()].filter((v) => !before.has(v)).sort(byVersion);
  const removed = [...before.keys()].filter((v) => !after.has(v)).sort(byVersion);
  const digests: CatalogueDiff["digests"] = [];
  for (const [version, release] of after) {
    const old = before.get(version);
    if (!old) continue;
    const oldDigests = new Map(old.assets.map((asset) => [asset.name, asset.digest]));
    for (const asset of release.assets) {
      if (!oldDigests.has(asset.name)) continue;
      const previous = oldDigests.get(asset.name) ?? null;
      if (previous !== asset.digest)
        digests.push({ version, asset: asset.name, before: previous, after: asset.digest });
    }
  }
  digests.sort((a, b) => byVersion(a.version, b.version) || a.asset.localeCompare(b.asset));

  const rows = (s: ScheduleFile) => new Map(s.minors.map((row) => [row.minor, row]));
  const oldRows = rows(oldSchedule);
  const newRows = rows(newSchedule);
  const minorsAdded = [...newRows.keys()].filter((m) => !oldRows.has(m)).sort(byVersion);
  const minorsRemoved = [...oldRows.keys()].filter((m) => !newRows.has(m)).sort(byVersion);
  const minorsChanged: CatalogueDiff["minorsChanged"] = [];
  for (const [minor, row] of newRows) {
    const old = oldRows.get(minor);
    if (!old) continue;
    const fields = (["releaseDate", "maintenanceModeStartDate", "endOfLifeDate"] as const).filter(
      (field) => old[field] !== row[field],
    );
    if (fields.length > 0) minorsChanged.push({ minor, fields });
  }
  minorsChanged.sort((a, b) => byVersion(a.minor, b.minor));
  return { added, removed, digests, minorsAdded, minorsRemoved, minorsChanged };
}

export function isEmpty(diff: CatalogueDiff): boolean {
  return (
    diff.added.length +
      diff.removed.length +
      diff.digests.length +
      diff.minorsAdded.length +
      diff.minorsRemoved.length +
      diff.minorsChanged.length ===
    0
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "catalogue: +v1.37.2, -v1.27.3, 2 digests changed, schedule: +1.37, 1.36 rescheduled"; "" when nothing changed. */
export function title(diff: CatalogueDiff): string {
  if (isEmpty(diff)) return "";
  const parts = [
    ...diff.added.map((v) => `+${v}`),
    ...diff.removed.map((v) => `-${v}`),
    ...(diff.digests.length > 0 ? [`${plural(diff.digests.length, "digest")} changed`] : []),
  ];
  const schedule = [
    ...diff.minorsAdded.map((m) => `+${m}`),
    ...diff.minorsRemoved.map((m) => `-${m}`),
    ...diff.minorsChanged.map((m) => `${m.minor} rescheduled`),
  ];
  if (schedule.length > 0) parts.push(`schedule: ${schedule.join(", ")}`);
  return `catalogue: ${parts.join(", ")}`;
}

/** The pull request's body: every change on its own line. */
export function body(diff: CatalogueDiff): string {
  const lines: string[] = [];
  if (diff.added.length > 0) lines.push(`- releases added: ${diff.added.join(", ")}`);
  if (diff.removed.length > 0) lines.push(`- releases removed: ${diff.removed.join(", ")}`);
  for (const d of diff.digests)
    lines.push(`- ${d.version} \`${d.asset}\`: ${d.before ?? "(none)"} → ${d.after ?? "(none)"}`);
  if (diff.minorsAdded.length > 0)
    lines.push(`- schedule: minors added: ${diff.minorsAdded.join(", ")}`);
  if (diff.minorsRemoved.length > 0)
    lines.push(`- schedule: minors removed: ${diff.minorsRemoved.join(", ")}`);
  for (const m of diff.minorsChanged)
    lines.push(`- schedule: ${m.minor} changed ${m.fields.join(", ")}`);
  return lines.join("\n");
}

function main(argv: string[]): void {
  if (argv.length !== 4) {
    console.error("usage: catalogue-diff.ts OLD_SNAPSHOT NEW_SNAPSHOT OLD_SCHEDULE NEW_SCHEDULE");
    process.exitCode = 2;
    return;
  }
  const read = (file: string) => JSON.parse(readFileSync(file, "utf8")) as unknown;
  const [a, b, c, d] = argv.map(read);
  const diff = catalogueDiff(
    a as SnapshotFile,
    b as SnapshotFile,
    c as ScheduleFile,
    d as ScheduleFile,
  );
  if (isEmpty(diff)) return;
  console.log(`${title(diff)}\n\n${body(diff)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
