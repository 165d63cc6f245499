import { queryOptions } from "@tanstack/react-query";
import { isRetryable } from "../../core/catalogue/github-responses";
import type { z } from "../../core/zod-mini";
import { GithubError } from "../github/github-client";
import type { KeyValueStore } from "../github/key-value-store";

/**
 * A small persister for one query at a time: the last good answer and when it came, so a
 * reload inside the cache window shows it at once and asks GitHub nothing. Anything stored
 * is validated again on the way out (an older app version may have written it).
 */
export interface Persisted<T> {
  /** The stored answer, if valid and younger than maxAge. */
  read(): { data: T; updatedAt: number } | undefined;
  write(data: T, updatedAt: number): void;
}

export function persisted<T>(
  store: KeyValueStore,
  key: string,
  schema: z.ZodMiniType<T>,
  maxAge: number,
  now: () => number = Date.now,
): Persisted<T> {
  const storeKey = `query:${key}`;
  return {
    read() {
      try {
        const entry = JSON.parse(store.get(storeKey) ?? "null") as {
          data: unknown;
          updatedAt: unknown;
        } | null;
        if (!entry || typeof entry.updatedAt !== "number") return undefined;
        if (now() - entry.updatedAt > maxAge) return undefined;
        const parsed = schema.safeParse(entry.data);
        return parsed.success ? { data: parsed.data, updatedAt: entry.updatedAt } : undefined;
      } catch {
        return undefined;
      }
    },
    write(data, updatedAt) {
      store.set(storeKey, JSON.stringify({ data, updatedAt }));
    },
  };
}

/** Retry a server error twice, 1 s then 2 s later; anything else goes to the snapshot at once. */
export function retryServerErrors(failureCount: number, error: unknown): boolean {
  return error instanceof GithubError && isRetryable(error.problem) && failureCount < 2;
}
export const retryDelay = (attempt: number) => Math.min(1000 * 2 ** attempt, 8000);

/**
 * Query options for a GitHub answer kept between visits: shown at once from the store, asked
 * again once stale, a server error retried, and the answer stored again when it comes.
 */
export function persistedQueryOptions<T, Key extends readonly unknown[]>(options: {
  queryKey: Key;
  cache: Persisted<T>;
  fetch: () => Promise<T>;
  staleTime: number;
}) {
  const { queryKey, cache, fetch, staleTime } = options;
  return queryOptions({
    queryKey,
    queryFn: async (): Promise<T> => {
      const data = await fetch();
      cache.write(data, Date.now());
      return data;
    },
    initialData: () => cache.read()?.data,
    initialDataUpdatedAt: () => cache.read()?.updatedAt,
    staleTime,
    retry: retryServerErrors,
    retryDelay,
    // "online" mode would pause, not fail, when the browser thinks it is offline: the
    // status line must say "snapshot" then, not "checking" for ever.
    networkMode: "always",
  });
}
