import type { Catalogue } from "../catalogue/catalogue";
import { choices } from "../config/choices";
import { decodePreset, presetParameters, queryOf, type DecodedPreset } from "../config/preset";

/**
 * "Upgrade a cluster" starts from the link that made the cluster (its README's "The link that
 * made it", or cluster-secrets.json's shareLink): it gives every choice, the version above all.
 * A text that is not such a link is refused with what is allowed, never guessed at.
 */

export const clusterLinkLabel = "The cluster's share link";

const whereToFindIt =
  'the link from the cluster\'s README.md ("The link that made it") or from its cluster-secrets.json (shareLink): a full address such as https://…/?mode=cluster&k8s=v1.35.6&…, the part from "?", or the query alone';

export type ClusterLinkResult =
  { ok: true; preset: DecodedPreset } | { ok: false; message: string };

/** Reads a cluster's share link as an upgrade's starting point: its choices, in mode=upgrade. */
export function readClusterLink(text: string, catalogue: Catalogue): ClusterLinkResult {
  const query = queryOf(text.trim());
  const given = [...new URLSearchParams(query)].map(([name]) => name);
  const known = new Set(presetParameters.map((parameter) => parameter.name));
  if (!given.some((name) => known.has(name)))
    return {
      ok: false,
      message: `${clusterLinkLabel}: no wizard choices in it. Allowed: ${whereToFindIt}.`,
    };
  if (!given.includes("k8s"))
    return {
      ok: false,
      message: `${clusterLinkLabel}: it has no k8s=, the cluster's Kubernetes version, so the upgrade cannot know where it starts. Allowed: ${whereToFindIt}.`,
    };
  const preset = decodePreset(query, catalogue);
  const version = preset.notices.find((notice) => notice.param === "k8s");
  if (version)
    return {
      ok: false,
      message: `${clusterLinkLabel}: k8s=${version.value} is not a version the release list knows, so the cluster's version cannot be read from it. ${version.message}`,
    };
  const mode = preset.state.mode;
  if (mode !== "cluster" && mode !== "upgrade") {
    const label = choices.mode.values.find((entry) => entry.value === mode)?.label ?? mode;
    return {
      ok: false,
      message: `${clusterLinkLabel}: this is the link of "${label}" (mode=${mode}), not of a cluster. Allowed: ${whereToFindIt}.`,
    };
  }
  return { ok: true, preset: { ...preset, state: { ...preset.state, mode: "upgrade" } } };
}
