import { versionOfReleaseTag } from "../version";

/**
 * Pure readers of what the GitHub REST API answers: the metadata release's body, the Link
 * header, and what a failed response means. No fetch here: src/api does the I/O.
 */

/** Where the bakery's releases live, relative to the API base URL. */
export const bakeryReleasesPath = "/repos/flatcar/sysext-bakery/releases";
export const metadataReleasePath = `${bakeryReleasesPath}/tags/kubernetes`;
/** The paginated list: the fallback when the metadata body cannot be read. */
export const releaseListPath = `${bakeryReleasesPath}?per_page=100`;

export function releasePath(version: string): string {
  return `${bakeryReleasesPath}/tags/kubernetes-${version}`;
}

/** Joins a configured base ("https://api.github.com", maybe with a trailing slash) and a path. */
export function apiUrl(apiBase: string, path: string): string {
  return `${apiBase.replace(/\/+$/, "")}${path}`;
}

const listLinePattern = /^\s*[*-]\s+(\S+)\s*$/;

/**
 * The versions listed in the `kubernetes` metadata release's body (`* kubernetes-vX.Y.Z`
 * lines), newest first as listed, or null when the body lists none: then the caller falls
 * back to the paginated release list rather than trusting an unreadable body.
 */
export function parseMetadataBody(body: string | null | undefined): string[] | null {
  if (!body) return null;
  const versions = new Set<string>();
  for (const line of body.split(/\r?\n/)) {
    const item = listLinePattern.exec(line)?.[1];
    const version = item === undefined ? null : versionOfReleaseTag(item);
    if (version !== null) versions.add(version);
  }
  return versions.size > 0 ? [...versions] : null;
}

/** The URL of `rel="next"` in a Link header (RFC 8288), or null on the last page. */
export function nextPageUrl(link: string | null | undefined): string | null {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2] as string)?.[1] ?? "";
    if (rels.split(/\s+/).includes("next")) return match[1] as string;
  }
  return null;
}

/** Why live data could not be had. Every kind ends in the embedded snapshot. */
export type CatalogueProblem =
  /** Primary limit (x-ratelimit-remaining: 0) or secondary (retry-after); retryAt in ms since epoch. */
  | { kind: "rate-limit"; retryAt?: number }
  | { kind: "server"; status: number }
  | { kind: "http"; status: number }
  | { kind: "network" }
  | { kind: "timeout"; seconds: number }
  | { kind: "malformed"; detail: string }
  | { kind: "empty" };

/**
 * What an HTTP status and its headers mean for the catalogue; null when the response is
 * usable. GitHub answers a rate limit with 403 or 429 and says when it resets.
 */
export function classifyResponse(
  status: number,
  header: (name: string) => string | null,
  now: number,
): CatalogueProblem | null {
  if ((status >= 200 && status < 300) || status === 304) return null;
  if (status === 403 || status === 429) {
    const remaining = header("x-ratelimit-remaining");
    const reset = Number(header("x-ratelimit-reset"));
    if (remaining === "0") {
      return Number.isFinite(reset) && reset > 0
        ? { kind: "rate-limit", retryAt: reset * 1000 }
        : { kind: "rate-limit" };
    }
    const retryAfter = Number(header("retry-after"));
    if (header("retry-after") !== null && Number.isFinite(retryAfter)) {
      return { kind: "rate-limit", retryAt: now + retryAfter * 1000 };
    }
    if (status === 429) return { kind: "rate-limit" };
  }
  if (status >= 500) return { kind: "server", status };
  return { kind: "http", status };
}

/** Only a server error is worth retrying at once; a rate limit or bad data will not change. */
export function isRetryable(problem: CatalogueProblem): boolean {
  return problem.kind === "server";
}

/** The reason, in the words of the header status line. */
export function describeProblem(problem: CatalogueProblem): string {
  switch (problem.kind) {
    case "rate-limit":
      return "GitHub rate limit";
    case "server":
      return `GitHub server error (${problem.status})`;
    case "http":
      return `GitHub answered ${problem.status}`;
    case "network":
      return "GitHub unreachable";
    case "timeout":
      return `GitHub did not answer within ${problem.seconds} s`;
    case "malformed":
      return "unexpected answer from GitHub";
    case "empty":
      return "GitHub listed no Kubernetes versions";
  }
}
