import type { Catalogue } from "../../core/catalogue/catalogue";

/** "offline snapshot from 2026-07-16 — GitHub rate limit, retry at 14:05", and its live twin. */
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
