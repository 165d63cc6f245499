import { findRelease, type Catalogue } from "../catalogue/catalogue";
import type { KubernetesRelease } from "../catalogue/releases";
import type { WizardState } from "../config/wizard-state";
import type { Architecture } from "../values/architecture";
import { minorNumber, minorOf, newestFirst } from "../version";

/**
 * Where a cluster may go from its version: kubeadm upgrades one minor at a time, from 1.N.x to
 * a 1.(N+1) patch, or to a newer patch of the same minor (kubeadm-upgrade docs, "Version skew
 * policy": skipping minors is unsupported). Every message names both versions and the way on.
 */

export interface UpgradeTargetProblem {
  kind: "not-a-version" | "skip" | "downgrade" | "same" | "unpublished" | "arch-unpublished";
  message: string;
}

/** The versions a cluster at `from` can be upgraded to, for its architecture: newest first. */
export function upgradeTargets(
  catalogue: Catalogue,
  from: string,
  arch: Architecture,
): KubernetesRelease[] {
  const fromMinor = minorNumber(from);
  return catalogue.releases
    .filter((release) => release.arches.includes(arch))
    .filter((release) => {
      const minor = minorNumber(release.version);
      if (minor === fromMinor + 1) return true;
      return minor === fromMinor && newestFirst(release.version, from) < 0;
    })
    .sort((a, b) => newestFirst(a.version, b.version));
}

/** The default target: the newest patch of the next minor, else the newest patch of this one. */
export function defaultUpgradeTarget(
  catalogue: Catalogue,
  from: string,
  arch: Architecture,
): string | undefined {
  return upgradeTargets(catalogue, from, arch)[0]?.version;
}

/** The version an upgrade goes to: the one chosen, else the default target (none when there is none). */
export function chosenUpgradeTarget(state: WizardState, catalogue: Catalogue): string | undefined {
  return state.upgradeTo || defaultUpgradeTarget(catalogue, state.kubernetesVersion, state.arch);
}

/** The next minor, written "v1.36", for messages. */
export function nextMinor(from: string): string {
  return `v1.${minorNumber(from) + 1}`;
}

/** Why `to` is not a version a cluster at `from` (on `arch`) can be upgraded to, or undefined. */
export function upgradeTargetProblem(
  catalogue: Catalogue,
  from: string,
  to: string,
  arch: Architecture,
): UpgradeTargetProblem | undefined {
  let fromMinor: number;
  let toMinor: number;
  try {
    fromMinor = minorNumber(from);
    toMinor = minorNumber(to);
  } catch {
    return {
      kind: "not-a-version",
      message: `Upgrade to: "${to}" is not a Kubernetes version; give one like ${nextMinor(from)}.0, or a minor like ${nextMinor(from)}.`,
    };
  }
  const next = nextMinor(from);
  const order = newestFirst(to, from);
  if (order === 0)
    return {
      kind: "same",
      message: `Upgrade to: the cluster already runs ${from}; choose a newer patch of ${minorOf(from)} or a ${next} version.`,
    };
  if (order > 0)
    return {
      kind: "downgrade",
      message: `Upgrade to: ${to} is older than the cluster's ${from}, and kubeadm does not downgrade. Choose a ${next} version, or restore the cluster from an etcd snapshot taken at ${minorOf(to)}.`,
    };
  if (toMinor > fromMinor + 1)
    return {
      kind: "skip",
      message: `Upgrade to: ${to} skips ${toMinor - fromMinor - 1 === 1 ? `minor ${next}` : `minors ${next} to v1.${toMinor - 1}`}, and kubeadm upgrades one minor at a time. Upgrade from ${from} to ${next} first, then from ${next} to ${minorOf(to)}.`,
    };
  const release = findRelease(catalogue, to);
  if (!release) {
    const published = upgradeTargets(catalogue, from, arch).map((entry) => entry.version);
    return {
      kind: "unpublished",
      message: `Upgrade to: the bakery publishes no ${to}, so a cluster at ${from} cannot go there yet. ${published.length > 0 ? `Published: ${published.slice(0, 4).join(", ")}${published.length > 4 ? ", …" : ""}.` : `No ${next} version is published yet: wait for it, or refresh the release list.`}`,
    };
  }
  if (!release.arches.includes(arch))
    return {
      kind: "arch-unpublished",
      message: `Upgrade to: ${to} has no ${arch} image, and this cluster runs ${arch} (${from}). Choose another ${minorOf(to)} patch, or wait for its ${arch} image.`,
    };
  return undefined;
}
