import type { Catalogue } from "../../core/catalogue/catalogue";

/**
 * "offline snapshot from 2026-07-16 (4 months old) — GitHub rate limit, retry at 14:05", and
 * its live twin.
 */
export function statusText(
  catalogue: Catalogue,
  status: { checking: boolean; refreshFailed?: string },
  now: number,
): string {
  const source = catalogue.source;
  let text: string;
  if (source.kind === "live") {
    text = `catalogue: live from GitHub, fetched ${ago(now - source.fetchedAt)}`;
    if (status.refreshFailed) text += ` — refresh failed: ${status.refreshFailed}`;
  } else {
    text = `catalogue: offline snapshot from ${source.date}`;
    // How old the embedded versions are, against the person's clock: a snapshot months old
    // misses patch releases, and the date alone leaves the sum to the reader.
    const age = snapshotAge(source.date, now);
    if (age) text += ` (${age})`;
    if (source.reason) {
      text += ` — ${source.reason}`;
      if (source.retryAt !== undefined && source.retryAt > now) {
        text += `, retry at ${clockTime(source.retryAt)}`;
      }
    }
  }
  if (status.checking) text += " · checking GitHub…";
  return `${text} · ${catalogue.releases.length} versions`;
}

export function ago(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** 24-hour local time, "14:05": short, and unambiguous in every locale. */
export function clockTime(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

/**
 * A snapshot's age in plain words, from its date ("2026-07-16") to the local calendar day of
 * `now`: "from today", "1 day old", "12 days old", "3 weeks old", "4 months old", "2 years
 * old". Undefined for a date that cannot be read or lies ahead (a clock set wrong).
 */
export function snapshotAge(date: string, now: number): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const today = new Date(now);
  const [toYear, toMonth, toDay] = [today.getFullYear(), today.getMonth() + 1, today.getDate()];
  const days = Math.round(
    (Date.UTC(toYear, toMonth - 1, toDay) - Date.UTC(year, month - 1, day)) / 86_400_000,
  );
  if (Number.isNaN(days) || days < 0) return undefined;
  if (days === 0) return "from today";
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"} old`;
  if (days < 14) return plural(days, "day");
  // Whole calendar months: 2026-07-16 is 4 months old from 2026-11-16 to 2026-12-15.
  const months = (toYear - year) * 12 + (toMonth - month) - (toDay < day ? 1 : 0);
  if (months < 1) return plural(Math.floor(days / 7), "week");
  if (months < 24) return plural(months, "month");
  return plural(Math.floor(months / 12), "year");
}
