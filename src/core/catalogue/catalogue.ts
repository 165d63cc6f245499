import { z } from "zod";
import {
  githubReleaseListSchema,
  groupByMinor,
  kubernetesReleases,
  type KubernetesRelease,
  type MinorGroup,
} from "./releases";
import snapshotJson from "./snapshot.json";

/** The version list the wizard offers, and where it came from. */
export interface Catalogue {
  releases: KubernetesRelease[];
  minors: MinorGroup[];
  /** The newest patch of the newest minor: the default choice. */
  newest: KubernetesRelease;
  source: { kind: "snapshot"; date: string } | { kind: "live"; fetchedAt: number };
}

export function catalogueFrom(
  releases: KubernetesRelease[],
  source: Catalogue["source"],
): Catalogue {
  const sorted = groupByMinor(releases);
  const newest = sorted[0]?.releases[0];
  if (!newest) throw new Error("the release list holds no Kubernetes release");
  return { releases: sorted.flatMap((group) => group.releases), minors: sorted, newest, source };
}

export function findRelease(catalogue: Catalogue, version: string): KubernetesRelease | undefined {
  return catalogue.releases.find((release) => release.version === version);
}

const snapshotSchema = z.object({
  date: z.string(),
  releases: githubReleaseListSchema,
});

/** The release list embedded in the app and the CLI: always there, whatever the network does. */
export function embeddedCatalogue(): Catalogue {
  const snapshot = snapshotSchema.parse(snapshotJson);
  return catalogueFrom(kubernetesReleases(snapshot.releases), {
    kind: "snapshot",
    date: snapshot.date,
  });
}
