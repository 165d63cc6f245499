import type { Catalogue } from "../catalogue/catalogue";
import type { KubernetesRelease } from "../catalogue/releases";
import { localDay, minorSupport } from "../catalogue/support-schedule";
import { fieldLabels, type FieldErrors } from "../config/form-input";
import type { WizardState } from "../config/wizard-state";
import { invalidValueItems, item, summarise, type Readiness } from "../readiness/readiness";
import { addonUpgrades, upgradePlan } from "./upgrade-plan";
import { nextMinor } from "./upgrade-target";
import { minorOf } from "../version";

/*
 * Apart from readiness.ts so the page's first load does not carry the upgrade's plan (its add-on
 * tables): the page loads this with the rest of "Upgrade a cluster".
 */

export interface UpgradeReadinessInput {
  /** The cluster's choices, with the target in upgradeTo. */
  state: WizardState;
  fieldErrors: FieldErrors;
  catalogue: Catalogue;
  /** The target's own release, once read (its digests). */
  targetRelease?: KubernetesRelease;
  today?: string;
}

/** An upgrade's files: a target kubeadm can reach, an image the scripts can check, and what else must move. */
export function upgradeReadiness(input: UpgradeReadinessInput): Readiness {
  const { state, fieldErrors, catalogue } = input;
  const affects = ["every node"];
  const items = invalidValueItems(fieldErrors, "The upgrade is made without this value", affects);
  const plan = upgradePlan(
    state,
    catalogue,
    input.targetRelease ? { targetRelease: input.targetRelease } : {},
  );
  if (!plan.to) {
    items.push(
      item(
        "blocking",
        "upgrade-target",
        ["upgradeTo"],
        `${fieldLabels.upgradeTo}: the bakery publishes no ${nextMinor(plan.from)} version and no newer ${minorOf(plan.from)} patch for ${state.arch} yet, so the cluster at ${plan.from} has nowhere to go. Refresh the release list later.`,
        affects,
      ),
    );
    return summarise(items);
  }
  if (plan.problem) {
    items.push(item("blocking", "upgrade-target", ["upgradeTo"], plan.problem.message, affects));
    return summarise(items);
  }
  if (!plan.imageSha256) {
    items.push(
      item(
        "warning",
        "upgrade-digest-missing",
        ["upgradeTo"],
        `${fieldLabels.upgradeTo}: the release list gives no sha256 for ${plan.to}'s ${state.arch} image, so upgrade.sh checks the download against the bakery's SHA256SUMS listing instead, as systemd-sysupdate does for patch updates. With the live release list, GitHub's digest is pinned in the script.`,
        affects,
      ),
    );
  }
  const support = minorSupport(plan.to, input.today ?? localDay(new Date()));
  if (support.warning) {
    items.push(item("warning", "support-ended", ["upgradeTo"], support.warning, affects));
  }
  for (const addon of addonUpgrades(state, plan.to)) {
    if (addon.note) items.push(item("warning", "upgrade-addon", ["cni"], addon.note, affects));
  }
  if (state.mirror !== "") {
    items.push(
      item(
        "warning",
        "upgrade-mirror",
        ["mirror"],
        `${fieldLabels.mirror}: the nodes download ${plan.to}'s image from ${state.mirror}: fill the mirror for ${plan.to} first (README.md gives the cli mirror command), or upgrade.sh stops before changing anything.`,
        affects,
      ),
    );
  }
  if (state.registry !== "") {
    items.push(
      item(
        "warning",
        "upgrade-mirror",
        ["registry"],
        `${fieldLabels.registry}: ${plan.to}'s control plane, kube-proxy, etcd, CoreDNS and pause images must be in ${state.registry} before the first control plane is upgraded (README.md lists them).`,
        affects,
      ),
    );
  }
  return summarise(items);
}
