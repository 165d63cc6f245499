import { z } from "../zod-mini";
import {
  githubReleaseListSchema,
  groupByMinor,
  kubernetesReleases,
  type KubernetesRelease,
  type MinorGroup,
} from "./releases";
import snapshotJson from "./snapshot.json";
import { localDay, recommendedRelease } from "./support-schedule";

/** The version list the wizard offers, and where it came from. */
export interface Catalogue {
  releases: KubernetesRelease[];
  minors: MinorGroup[];
  /** The newest patch of the newest minor. */
  newest: KubernetesRelease;
  /** The default choice: the newest patch of the newest minor upstream still supports. */
  recommended: KubernetesRelease;
  source: CatalogueSource;
}

export type CatalogueSource =
  | {
      kind: "snapshot";
      /** The day the embedded snapshot was taken, "2026-07-16". */
      date: string;
      /** Why live data is not shown ("GitHub rate limit"); absent while nothing failed. */
      reason?: string;
      /** When asking GitHub again makes sense (ms since epoch), from its rate-limit headers. */
      retryAt?: number;
    }
  | {
      kind: "live";
      /** When GitHub last answered (ms since epoch). */
      fetchedAt: number;
      /**
       * True when every release's assets were read (the paginated list); false when only the
       * metadata release's version list was, so a version's arches and digests come from its
       * own release.
       */
      assetsComplete: boolean;
    };

/** `today` (YYYY-MM-DD) decides which minors upstream still supports: the person's clock by default. */
export function catalogueFrom(
  releases: KubernetesRelease[],
  source: Catalogue["source"],
  today: string = localDay(new Date()),
): Catalogue {
  const sorted = groupByMinor(releases);
  const newest = sorted[0]?.releases[0];
  if (!newest) throw new Error("the release list holds no Kubernetes release");
  const recommended = recommendedRelease(sorted, today) ?? newest;
  return {
    releases: sorted.flatMap((group) => group.releases),
    minors: sorted,
    newest,
    recommended,
    source,
  };
}

export function findRelease(catalogue: Catalogue, version: string): KubernetesRelease | undefined {
  return catalogue.releases.find((release) => release.version === version);
}

/** The shape of snapshot.json: a date and GitHub release objects, so one parser reads both. */
export const snapshotSchema = z.object({
  date: z.string(),
  releases: githubReleaseListSchema,
});

/**
 * snapshot.json as its schema reads it. Not parsed at run time, where it would cost the first
 * load: a unit test proves that parsing it gives the same releases.
 */
export const embeddedSnapshot = snapshotJson as z.infer<typeof snapshotSchema>;

let embedded: Catalogue | undefined;

/** The release list embedded in the app and the CLI: always there, whatever the network does. */
export function embeddedCatalogue(): Catalogue {
  if (!embedded) {
    const snapshot = embeddedSnapshot;
    embedded = catalogueFrom(kubernetesReleases(snapshot.releases), {
      kind: "snapshot",
      date: snapshot.date,
    });
  }
  return embedded;
}

/** The snapshot, saying why live data is not shown. */
export function fallbackCatalogue(reason: string, retryAt?: number): Catalogue {
  const snapshot = embeddedCatalogue();
  const date = snapshot.source.kind === "snapshot" ? snapshot.source.date : "";
  return {
    ...snapshot,
    source: { kind: "snapshot", date, reason, ...(retryAt === undefined ? {} : { retryAt }) },
  };
}
