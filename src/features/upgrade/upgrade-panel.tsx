import { lazy, Suspense, type ComponentProps } from "react";

/*
 * "Upgrade a cluster", loaded when the mode is chosen: the upgrade's plan, scripts and add-on
 * tables stay out of the other modes' first load (the bundle budget), as the Mirror section's
 * list does.
 */
// One chunk for the three: each its own would split the page's shared modules into more chunks.
const parts = () => import("./upgrade-parts").then((module) => module.upgradeParts);
const UpgradeSource = lazy(() => parts().then((loaded) => ({ default: loaded.UpgradeSource })));
const UpgradeTargetField = lazy(() =>
  parts().then((loaded) => ({ default: loaded.UpgradeTargetField })),
);
const UpgradeOutput = lazy(() => parts().then((loaded) => ({ default: loaded.UpgradeOutput })));

const loading = (what: string) => (
  <p className="help" role="status">
    Loading {what}…
  </p>
);

/** The cluster's share link, pasted or read from its cluster-secrets.json. */
export function UpgradeSourceSection(props: ComponentProps<typeof UpgradeSource>) {
  return (
    <Suspense fallback={loading("the cluster's link field")}>
      <UpgradeSource {...props} />
    </Suspense>
  );
}

/** Upgrade to: the versions kubeadm can reach from the cluster's. */
export function UpgradeTargetSection(props: ComponentProps<typeof UpgradeTargetField>) {
  return (
    <Suspense fallback={loading("the versions to upgrade to")}>
      <UpgradeTargetField {...props} />
    </Suspense>
  );
}

/** Readiness, Download upgrade, the runbook and scripts, and the upgraded cluster's links. */
export function UpgradeOutputSection(props: ComponentProps<typeof UpgradeOutput>) {
  return (
    <Suspense fallback={loading("the upgrade")}>
      <UpgradeOutput {...props} />
    </Suspense>
  );
}
