// The functions alone, not the whole package (ranges, comparators): a smaller first load.
import rcompareVersion from "semver/functions/rcompare";
import { z } from "../zod-mini";
import type { KubernetesRelease, MinorGroup } from "./releases";
import scheduleJson from "./support-schedule.json";

/**
 * Upstream support windows per Kubernetes minor, from Kubernetes' own release schedule
 * (kubernetes/website data/releases/schedule.yaml: releaseDate, maintenanceModeStartDate,
 * endOfLifeDate). A minor leaves schedule.yaml at its end of life, so the embedded copy keeps
 * every minor it has seen; `npm run snapshot` refreshes it (scripts/snapshot.ts).
 */

const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2026-12-02"));

export const minorScheduleSchema = z.object({
  /** "1.35" */
  minor: z.string().check(z.regex(/^1\.\d+$/, "a minor like 1.35")),
  releaseDate: day,
  maintenanceModeStartDate: day,
  endOfLifeDate: day,
});

export const supportScheduleSchema = z.object({
  /** The day the schedule was read. */
  date: day,
  source: z.string(),
  minors: z.array(minorScheduleSchema),
});

export type MinorSchedule = z.infer<typeof minorScheduleSchema>;
export type SupportSchedule = z.infer<typeof supportScheduleSchema>;

/** Parsed by a unit test, not at run time (it would cost the first load). */
export const embeddedSupportSchedule = scheduleJson as SupportSchedule;

/** Where a person reads the schedule: linked beside the version select. */
export const supportScheduleUrl = "https://kubernetes.io/releases/";

export type SupportStatus = "supported" | "maintenance" | "end-of-life" | "unscheduled";

export interface MinorSupport {
  /** "1.35" */
  minor: string;
  status: SupportStatus;
  /** "1.35 — maintenance until 2027-02-28": what the version select shows. */
  text: string;
  /** Set when the minor is past its end of life: why it is a poor choice, and what to do. */
  warning?: string;
}

/** The local calendar day of a clock reading, "2026-12-02": the person's own clock decides. */
export function localDay(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "v1.35", "v1.35.2", "1.35" -> "1.35". */
function minorKey(version: string): string {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  if (!match) throw new Error(`not a Kubernetes version: "${version}"`);
  return `${match[1]}.${match[2]}`;
}

/**
 * The upstream support status of a minor on a day (YYYY-MM-DD; ISO days compare as strings).
 * Maintenance mode starts on maintenanceModeStartDate; support ends on endOfLifeDate.
 */
export function minorSupport(
  version: string,
  today: string,
  schedule: SupportSchedule = embeddedSupportSchedule,
): MinorSupport {
  const minor = minorKey(version);
  const row = schedule.minors.find((entry) => entry.minor === minor);
  if (!row) {
    return {
      minor,
      status: "unscheduled",
      text: `${minor} — not in the upstream schedule of ${schedule.date}`,
    };
  }
  if (today >= row.endOfLifeDate) {
    return {
      minor,
      status: "end-of-life",
      text: `${minor} — end of life since ${row.endOfLifeDate}`,
      warning:
        `Kubernetes ${minor} reached its upstream end of life on ${row.endOfLifeDate}: it gets ` +
        "no more security or bug fixes. Choose a supported minor for a new cluster.",
    };
  }
  if (today >= row.maintenanceModeStartDate) {
    return {
      minor,
      status: "maintenance",
      text: `${minor} — maintenance until ${row.endOfLifeDate}`,
    };
  }
  return { minor, status: "supported", text: `${minor} — supported until ${row.endOfLifeDate}` };
}

/**
 * The default version: the newest patch of the newest minor the bakery publishes that upstream
 * still supports (a minor newer than the schedule counts as supported: the bakery publishes
 * released versions only). When every minor is past its end of life, the newest patch of all.
 */
export function recommendedRelease(
  minors: readonly MinorGroup[],
  today: string,
  schedule: SupportSchedule = embeddedSupportSchedule,
): KubernetesRelease | undefined {
  const sorted = [...minors].sort((a, b) =>
    rcompareVersion(`${a.minor.slice(1)}.0`, `${b.minor.slice(1)}.0`),
  );
  const supported = sorted.find(
    (group) => minorSupport(group.minor, today, schedule).status !== "end-of-life",
  );
  return (supported ?? sorted[0])?.releases[0];
}
