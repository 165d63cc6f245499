import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { z } from "../../core/zod-mini";
import {
  catalogueFrom,
  embeddedCatalogue,
  fallbackCatalogue,
  type Catalogue,
} from "../../core/catalogue/catalogue";
import { describeProblem } from "../../core/catalogue/github-responses";
import { architectures } from "../../core/values/architecture";
import { fetchLiveIndex, type LiveIndex } from "../github/catalogue-fetch";
import { browserGithubClient } from "./github-config";
import { GithubError, type GithubClient } from "../github/github-client";
import { browserStore, type KeyValueStore } from "../github/key-value-store";
import { persisted, persistedQueryOptions } from "./persisted-query";

/** GitHub allows 60 requests an hour: the version list is asked at most every half hour. */
export const catalogueStaleTime = 30 * 60_000;
/** Stored live data older than this is not shown any more: the snapshot may be newer. */
const persistedMaxAge = 7 * 24 * 60 * 60_000;

export const kubernetesReleaseSchema = z.object({
  version: z.string(),
  minor: z.string(),
  publishedAt: z.nullable(z.string()),
  arches: z.array(z.enum(architectures)),
  sha256: z.partialRecord(z.enum(architectures), z.string()),
});

const liveIndexSchema: z.ZodMiniType<LiveIndex> = z.object({
  releases: z.array(kubernetesReleaseSchema).check(z.minLength(1)),
  assetsComplete: z.boolean(),
});

export function catalogueQueryOptions(
  client: GithubClient = browserGithubClient,
  store: KeyValueStore = browserStore(),
) {
  const cache = persisted(store, `catalogue:${client.apiBase}`, liveIndexSchema, persistedMaxAge);
  return persistedQueryOptions({
    queryKey: ["catalogue", client.apiBase],
    cache,
    fetch: () => fetchLiveIndex(client, embeddedCatalogue().releases),
    staleTime: catalogueStaleTime,
  });
}

export interface CatalogueState {
  /** Live when GitHub answered (now or within the cache window), the embedded snapshot otherwise. */
  catalogue: Catalogue;
  status: {
    /** A request to GitHub is under way (first load, refresh or retry). */
    checking: boolean;
    /** Live data is shown but the latest refresh failed: why. */
    refreshFailed?: string;
  };
  /** Ask GitHub again now, even inside the cache window or a rate-limit wait. */
  refresh: () => void;
}

export function useCatalogue(client: GithubClient = browserGithubClient): CatalogueState {
  const options = useMemo(() => catalogueQueryOptions(client), [client]);
  const query = useQuery(options);
  const queryClient = useQueryClient();
  const { data, dataUpdatedAt, error, isFetching } = query;

  const catalogue = useMemo((): Catalogue => {
    if (data) {
      return catalogueFrom(data.releases, {
        kind: "live",
        fetchedAt: dataUpdatedAt,
        assetsComplete: data.assetsComplete,
      });
    }
    if (error) {
      const problem =
        error instanceof GithubError
          ? error.problem
          : { kind: "malformed" as const, detail: String(error) };
      return fallbackCatalogue(
        describeProblem(problem),
        problem.kind === "rate-limit" ? problem.retryAt : undefined,
      );
    }
    return embeddedCatalogue();
  }, [data, dataUpdatedAt, error]);

  const refresh = useCallback(() => {
    client.clearRateLimit();
    void queryClient.refetchQueries({ queryKey: options.queryKey, exact: true });
  }, [client, queryClient, options.queryKey]);

  return {
    catalogue,
    status: {
      checking: isFetching,
      ...(data && error ? { refreshFailed: errorReason(error) } : {}),
    },
    refresh,
  };
}

function errorReason(error: unknown): string {
  return error instanceof GithubError ? describeProblem(error.problem) : String(error);
}
