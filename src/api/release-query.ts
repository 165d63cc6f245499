import { queryOptions, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
// The functions alone, not the whole package (ranges, comparators): a smaller first load.
import validVersion from "semver/functions/valid";
import { findRelease, type Catalogue } from "../core/catalogue/catalogue";
import type { KubernetesRelease } from "../core/catalogue/releases";
import { fetchRelease } from "./catalogue-fetch";
import { kubernetesReleaseSchema, retryDelay, retryServerErrors } from "./catalogue-query";
import { browserGithubClient } from "./github-config";
import type { GithubClient } from "./github-client";
import { browserStore, type KeyValueStore } from "./key-value-store";
import { persisted } from "./persisted-query";

/** A published release's images and digests hardly change: a day is a safe window. */
const releaseStaleTime = 24 * 60 * 60_000;
/** Keyboard scrolling through the version list must not spend one request per step. */
const settleDelay = 400;

export function releaseQueryOptions(
  version: string,
  client: GithubClient = browserGithubClient,
  store: KeyValueStore = browserStore(),
) {
  const cache = persisted(
    store,
    `release:${client.apiBase}:${version}`,
    kubernetesReleaseSchema,
    7 * releaseStaleTime,
  );
  return queryOptions({
    queryKey: ["release", client.apiBase, version],
    queryFn: async (): Promise<KubernetesRelease> => {
      const release = await fetchRelease(client, version);
      cache.write(release, Date.now());
      return release;
    },
    initialData: () => cache.read()?.data,
    initialDataUpdatedAt: () => cache.read()?.updatedAt,
    staleTime: releaseStaleTime,
    retry: retryServerErrors,
    retryDelay,
    networkMode: "always",
  });
}

/**
 * The chosen version's release, with `arches` (the architectures that have an image) and
 * `sha256` (hex digest per arch, where GitHub has one). From the version's own release when
 * the catalogue is live, from the catalogue entry otherwise (the snapshot, or while the
 * request is under way or failed). Undefined for a version the catalogue does not list.
 */
export function useChosenRelease(
  catalogue: Catalogue,
  version: string,
  client: GithubClient = browserGithubClient,
): KubernetesRelease | undefined {
  const listed = findRelease(catalogue, version);
  const settled = useSettled(version, settleDelay);
  const needsOwnRelease =
    catalogue.source.kind === "live" &&
    !catalogue.source.assetsComplete &&
    listed !== undefined &&
    settled === version &&
    validVersion(version) !== null;
  const options = useMemo(() => releaseQueryOptions(settled, client), [settled, client]);
  const query = useQuery({ ...options, enabled: needsOwnRelease });
  return needsOwnRelease && query.data ? query.data : listed;
}

/** The value once it has stopped changing for `delay` ms (the first value at once). */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
