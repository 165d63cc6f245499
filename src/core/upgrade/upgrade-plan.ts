import { findRelease, type Catalogue } from "../catalogue/catalogue";
import type { KubernetesRelease } from "../catalogue/releases";
import type { WizardState } from "../config/wizard-state";
import { cniInstall, type CniInstall } from "../cluster/cni-install";
import { adminKubeconfig } from "../cluster/addon-unit";
import { installsKured, kuredInstall, kuredReleases } from "../render/kured";
import { controlPlaneHostnames, workerHostnames } from "../render/cluster-nodes";
import { minorNumber, minorOf } from "../version";
import {
  chosenUpgradeTarget,
  upgradeTargetProblem,
  type UpgradeTargetProblem,
} from "./upgrade-target";
import type { UpgradeNode } from "./upgrade-script";

/** What an upgrade of a cluster made here needs: its nodes in order, the target, its image digest. */
export interface UpgradePlan {
  /** The cluster's version, from its share link. */
  from: string;
  /** The target: the chosen one, else the newest patch of the next minor (undefined: none published). */
  to?: string;
  nodes: UpgradeNode[];
  /** Hex SHA-256 of the target image for the cluster's architecture, when the catalogue has it. */
  imageSha256?: string;
  problem?: UpgradeTargetProblem;
}

/** The first control plane, the other control planes, then the workers: kubeadm's order. */
export function upgradeOrder(state: WizardState, workers = Number(state.workers)): UpgradeNode[] {
  return [
    ...controlPlaneHostnames(state).map((name, index) => ({
      name,
      position: index === 0 ? ("first-control-plane" as const) : ("control-plane" as const),
    })),
    ...workerHostnames(state.workerNamePattern, workers).map((name) => ({
      name,
      position: "worker" as const,
    })),
  ];
}

export interface UpgradePlanOptions {
  /** How many workers the cluster has, when not its link's count. */
  workers?: number;
  /** The target's own release, read after the list (its digests): preferred over the list's entry. */
  targetRelease?: KubernetesRelease;
}

export function upgradePlan(
  state: WizardState,
  catalogue: Catalogue,
  { workers, targetRelease }: UpgradePlanOptions = {},
): UpgradePlan {
  const from = state.kubernetesVersion;
  const to = chosenUpgradeTarget(state, catalogue);
  const nodes = upgradeOrder(state, workers);
  if (!to) return { from, nodes };
  const problem = upgradeTargetProblem(catalogue, from, to, state.arch);
  const release = targetRelease?.version === to ? targetRelease : findRelease(catalogue, to);
  const imageSha256 = release?.sha256[state.arch];
  return {
    from,
    to,
    nodes,
    ...(imageSha256 ? { imageSha256 } : {}),
    ...(problem ? { problem } : {}),
  };
}

/** The state of the cluster once upgraded: its share link makes nodes that join at the new version. */
export function upgradedClusterState(state: WizardState, to: string): WizardState {
  return { ...state, mode: "cluster", kubernetesVersion: to, upgradeTo: "" };
}

/** One add-on's part of an upgrade: what runs now, what the target needs, and the commands. */
export interface AddonUpgrade {
  name: string;
  /** What the cluster runs, as made at its version by these tables. */
  current: string;
  /** What the target minor gets; equal to current when nothing changes. */
  target: string;
  /** Run on the first control plane, before the nodes are upgraded (or after, when `after`). */
  commands: string[];
  /** The new release does not support the cluster's current minor: upgrade it after the nodes. */
  after: boolean;
  /** Set when no known release lists the target minor. */
  note?: string;
}

const covers = (release: { minMinor: number; maxMinor: number }, version: string) =>
  release.minMinor <= minorNumber(version) && minorNumber(version) <= release.maxMinor;

const kubectlAdmin = `sudo kubectl --kubeconfig ${adminKubeconfig}`;

function cniDescription(install: CniInstall): string {
  return install.kind === "none" ? "none" : install.name;
}

/** The pod network and kured releases the target minor needs, and how to move to them. */
export function addonUpgrades(state: WizardState, to: string): AddonUpgrade[] {
  const upgrades: AddonUpgrade[] = [];
  const current = cniInstall(state);
  const target = cniInstall({ ...state, kubernetesVersion: to });
  if (current.kind !== "none" && target.kind !== "none") {
    // What runs keeps running when its own project lists the target minor too.
    const same = current.version === target.version || covers(current.release, to);
    const commands = same
      ? []
      : target.kind === "unit"
        ? target.steps.map((step) => `${kubectlAdmin} ${step}`)
        : [
            `sudo KUBECONFIG=${adminKubeconfig} /usr/local/bin/cilium upgrade ${target.installArgs.join(" ")}`,
          ];
    upgrades.push({
      name: "Pod network",
      current: cniDescription(current),
      target: same ? cniDescription(current) : cniDescription(target),
      commands,
      after: !same && !covers(target.release, state.kubernetesVersion),
      ...(target.note ? { note: target.note } : {}),
    });
  }
  if (installsKured(state)) {
    const kuredAt = (version: string) =>
      kuredInstall({
        kubernetesVersion: version,
        windowStart: state.windowStart,
        windowLength: state.windowLength,
        mirror: state.mirror,
      });
    const before = kuredAt(state.kubernetesVersion);
    const after = kuredAt(to);
    const running = kuredReleases.find((entry) => entry.version === before.version);
    const same = before.version === after.version || (running !== undefined && covers(running, to));
    const release = kuredReleases.find((entry) => entry.version === after.version);
    upgrades.push({
      name: "kured",
      current: `kured ${before.version}`,
      target: `kured ${same ? before.version : after.version}`,
      commands: same ? [] : after.steps.map((step) => `${kubectlAdmin} ${step}`),
      after: !same && release !== undefined && !covers(release, state.kubernetesVersion),
      ...(after.notes.some((note) => note.startsWith("No kured release"))
        ? { note: after.notes.find((note) => note.startsWith("No kured release")) }
        : {}),
    });
  }
  return upgrades;
}

/** "v1.35 → v1.36.2", for headings. */
export function upgradeTitle(from: string, to: string): string {
  return `${minorOf(from)} → ${to}`;
}
