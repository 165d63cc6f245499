import type { z } from "../../core/zod-mini";
import {
  classifyResponse,
  describeProblem,
  type CatalogueProblem,
} from "../../core/catalogue/github-responses";
import { memoryStore, type KeyValueStore } from "./key-value-store";

/** A failed request to GitHub, with what it means for the catalogue. */
export class GithubError extends Error {
  readonly problem: CatalogueProblem;
  constructor(problem: CatalogueProblem) {
    super(
      problem.kind === "malformed"
        ? `${describeProblem(problem)}: ${problem.detail}`
        : describeProblem(problem),
    );
    this.name = "GithubError";
    this.problem = problem;
  }
}

export interface GithubResponse<T> {
  data: T;
  /** The Link header, for pagination. */
  link: string | null;
  /** GitHub answered 304 to our If-None-Match: the body is the cached one. */
  notModified: boolean;
}

export interface GithubClient {
  readonly apiBase: string;
  /** GET a URL, validate the JSON with the schema; throws GithubError. */
  get<T>(url: string, schema: z.ZodMiniType<T>): Promise<GithubResponse<T>>;
  /** Forget a rate-limit wait, for an explicit "Refresh". */
  clearRateLimit(): void;
}

export interface GithubClientOptions {
  apiBase: string;
  fetch?: typeof fetch;
  /** Where ETags, cached bodies and the rate-limit wait are kept (localStorage in the browser). */
  store?: KeyValueStore;
  now?: () => number;
  /** A token for maintainers' scripts; the page never has one. */
  token?: string;
  /** Give up on a request after this long: a slow API must not hold the status line. */
  timeoutMs?: number;
}

interface CachedBody {
  etag: string;
  body: unknown;
}

const rateLimitKey = "github:retry-at";
const etagKey = (url: string) => `github:etag:${url}`;

/**
 * The one place that talks to GitHub: conditional requests with the stored ETag (a 304
 * costs nothing against the 60-an-hour limit and reuses the stored body), zod on every
 * body, and no request at all while a known rate limit lasts.
 */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const store = options.store ?? memoryStore();
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;

  function readCached(url: string): CachedBody | null {
    try {
      const value = JSON.parse(store.get(etagKey(url)) ?? "null") as CachedBody | null;
      return value && typeof value.etag === "string" ? value : null;
    } catch {
      return null;
    }
  }

  async function get<T>(url: string, schema: z.ZodMiniType<T>): Promise<GithubResponse<T>> {
    const retryAt = Number(store.get(rateLimitKey));
    if (retryAt > now()) throw new GithubError({ kind: "rate-limit", retryAt });

    const cached = readCached(url);
    // Only Accept and If-None-Match: GitHub's CORS allows both, and a first visit (no ETag)
    // stays a simple request with no preflight.
    const headers: Record<string, string> = { Accept: "application/vnd.github+json" };
    if (cached) headers["If-None-Match"] = cached.etag;
    if (options.token) headers.Authorization = `Bearer ${options.token}`;

    let response: Response;
    try {
      // no-store: the ETag cache is ours, the browser's HTTP cache would hide 304s from it.
      response = await fetchImpl(url, {
        headers,
        cache: "no-store",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === "TimeoutError") {
        throw new GithubError({ kind: "timeout", seconds: timeoutMs / 1000 });
      }
      throw new GithubError({ kind: "network" });
    }
    const header = (name: string) => response.headers.get(name);
    const problem = classifyResponse(response.status, header, now());
    if (problem) {
      if (problem.kind === "rate-limit") {
        // Without a reset time, wait a minute rather than hammer a limit.
        const until = problem.retryAt ?? now() + 60_000;
        store.set(rateLimitKey, String(until));
        throw new GithubError({ kind: "rate-limit", retryAt: until });
      }
      throw new GithubError(problem);
    }

    let body: unknown;
    let notModified = false;
    if (response.status === 304) {
      if (!cached)
        throw new GithubError({ kind: "malformed", detail: "304 without a cached body" });
      body = cached.body;
      notModified = true;
    } else {
      try {
        body = JSON.parse(await response.text());
      } catch {
        throw new GithubError({ kind: "malformed", detail: `${url} is not JSON` });
      }
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join(".") : "the body";
      store.remove(etagKey(url));
      throw new GithubError({
        kind: "malformed",
        detail: `${where}: ${issue?.message ?? "invalid"}`,
      });
    }
    const etag = header("etag");
    // The parsed body (zod keeps only the fields we read) is what a later 304 reuses.
    if (etag && !notModified) store.set(etagKey(url), JSON.stringify({ etag, body: parsed.data }));
    return { data: parsed.data, link: header("link"), notModified };
  }

  return {
    apiBase: options.apiBase,
    get,
    clearRateLimit: () => store.remove(rateLimitKey),
  };
}
