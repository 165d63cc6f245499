import { useMemo, useState, type ReactNode } from "react";
import { useChosenRelease } from "../../api/queries/release-query";
import type { Catalogue } from "../../core/catalogue/catalogue";
import { zipBundle, type BundleFile } from "../../core/bundle/node-bundle";
import type { FieldErrors } from "../../core/config/form-input";
import { encodePreset } from "../../core/config/preset";
import type { WizardState } from "../../core/config/wizard-state";
import { bundleReadmeFileName, clusterSecretsFileName } from "../../core/file-names";
import type { Readiness } from "../../core/readiness/readiness";
import { upgradeReadiness } from "../../core/upgrade/upgrade-readiness";
import { upgradeBundle, upgradeFolders } from "../../core/upgrade/upgrade-bundle";
import {
  upgradedClusterState,
  upgradePlan,
  type UpgradePlan,
} from "../../core/upgrade/upgrade-plan";
import { upgradeScriptName } from "../../core/upgrade/upgrade-script";
import { chosenUpgradeTarget } from "../../core/upgrade/upgrade-target";
import { minorOf } from "../../core/version";
import { ActionButton } from "../../ui/action-button";
import { copyText } from "../../ui/copy-text";
import { saveFile } from "../../ui/save-file";
import { MirrorPanel } from "../mirror/mirror-panel";
import { FileText } from "../preview/file-text";
import { notDone, useConfirmNotReady } from "../readiness/confirm-not-ready";
import { ReadinessSummary } from "../readiness/readiness-summary";

export const downloadUpgradeLabel = "Download upgrade (.zip)";

/** upgrade-kubernetes-v1.36.2.zip: the cluster and where it goes. */
export const upgradeZipName = (state: WizardState, to: string) =>
  `upgrade-${state.clusterName}-${to}.zip`;

/**
 * The output of "Upgrade a cluster": its readiness and Download upgrade, the runbook and each
 * node's script to read before running them, the mirror the target needs, and the links that
 * make new nodes at the target.
 */
export function UpgradeOutput({
  state,
  errors,
  catalogue,
  shareLink,
}: {
  /** The cluster's valid choices, with the target in upgradeTo. */
  state: WizardState;
  errors: FieldErrors;
  catalogue: Catalogue;
  /** Copy share link, owned by the share feature. */
  shareLink: ReactNode;
}) {
  const target = useMemo(() => chosenUpgradeTarget(state, catalogue) ?? "", [state, catalogue]);
  // The target's own release has GitHub's digest, which the snapshot lacks: pinned when read.
  const targetRelease = useChosenRelease(catalogue, target);
  const options = useMemo(() => (targetRelease ? { targetRelease } : {}), [targetRelease]);
  const plan = useMemo(() => upgradePlan(state, catalogue, options), [state, catalogue, options]);
  const readiness = useMemo(
    () => upgradeReadiness({ state, fieldErrors: errors, catalogue, ...options }),
    [state, errors, catalogue, options],
  );
  const files = useMemo(
    () => (plan.to ? upgradeBundle(state, { ...plan, to: plan.to }, readiness) : []),
    [state, plan, readiness],
  );
  const confirmNotReady = useConfirmNotReady();
  const download = async () => {
    if (!plan.to || files.length === 0)
      return { ok: false, message: "No version to upgrade to yet: see Upgrade to." };
    if (!(await confirmNotReady(downloadUpgradeLabel, readiness, "upgrade")))
      return notDone(readiness);
    const saved = saveFile(upgradeZipName(state, plan.to), zipBundle(files), "application/zip");
    if (!saved.ok) return saved;
    return readiness.ready
      ? { ok: true, message: `Saved the steps and scripts for ${plan.nodes.length} nodes.` }
      : {
          ok: false,
          message: `Saved an upgrade that is not ready: its ${bundleReadmeFileName} lists what to fix first.`,
        };
  };

  return (
    <>
      {/* On phones a bar fixed at the bottom: readiness, the one primary action, the preview. */}
      <div className="output-bar">
        <ReadinessSummary readiness={readiness} title="The upgrade" action="upgrade" />
        <ActionButton label={downloadUpgradeLabel} action={download} primary />
        <a className="to-preview" href="#preview-panel">
          Preview
        </a>
      </div>
      <div className="share-actions">{shareLink}</div>
      <UpgradeFiles files={files} readiness={readiness} />
      {plan.to && (
        <MirrorPanel
          state={upgradedClusterState(state, plan.to)}
          imageSha256={plan.imageSha256}
          errors={errors}
        />
      )}
      <UpgradeNextSteps state={state} plan={plan} />
    </>
  );
}

/** The runbook and every node's scripts, one at a time, as they will be in the zip. */
function UpgradeFiles({ files, readiness }: { files: BundleFile[]; readiness: Readiness }) {
  const [chosen, setChosen] = useState(bundleReadmeFileName);
  const confirmNotReady = useConfirmNotReady();
  const file = files.find((entry) => entry.path === chosen) ?? files[0];
  if (!file)
    return (
      <p className="help" id="preview-panel">
        Nothing to preview until there is a version to upgrade to.
      </p>
    );
  const handOut = async (
    action: string,
    perform: () => { ok: boolean; message: string } | Promise<{ ok: boolean; message: string }>,
  ) => {
    if (!(await confirmNotReady(`${action} ${file.path}`, readiness, "upgrade")))
      return notDone(readiness);
    return perform();
  };
  const name = file.path.slice(file.path.lastIndexOf("/") + 1);
  return (
    <div className="preview" id="preview-panel">
      <div className="field">
        <label htmlFor="upgrade-file">File</label>
        <select
          id="upgrade-file"
          value={file.path}
          onChange={(event) => setChosen(event.target.value)}
        >
          {files.map((entry) => (
            <option key={entry.path} value={entry.path}>
              {entry.path === bundleReadmeFileName
                ? `${entry.path}: the steps, in order`
                : entry.path}
            </option>
          ))}
        </select>
      </div>
      <FileText name={file.path} text={file.contents} />
      <div className="file-actions">
        <ActionButton label="Copy" action={() => handOut("Copy", () => copyText(file.contents))} />
        <ActionButton
          label="Download"
          action={() =>
            handOut("Download", () =>
              saveFile(
                name,
                file.contents,
                name.endsWith(".md") ? "text/markdown" : "text/x-shellscript",
              ),
            )
          }
        />
      </div>
    </div>
  );
}

/** What to do with the zip, and the upgraded cluster's links: nodes made later join at the target. */
function UpgradeNextSteps({ state, plan }: { state: WizardState; plan: UpgradePlan }) {
  const folders = upgradeFolders(plan.nodes);
  const upgraded = plan.to ? upgradedClusterState(state, plan.to) : undefined;
  return (
    <section className="next-steps" aria-labelledby="next-steps-title">
      <h2 id="next-steps-title">Next steps</h2>
      <ol>
        <li>
          <h3>Before you start</h3>
          <p>
            Unzip and read {bundleReadmeFileName}: every node Ready at {minorOf(plan.from)}, an etcd
            snapshot copied off the first control plane, and the add-ons that must move first.
          </p>
        </li>
        <li>
          <h3>One node at a time, in this order</h3>
          <p>
            Drain it, copy its folder&apos;s {upgradeScriptName} to it and run it with sudo, wait
            until it is Ready, uncordon it. The first control plane runs kubeadm upgrade apply; the
            others and the workers run kubeadm upgrade node.
          </p>
          <pre className="command">{folders.join("\n")}</pre>
        </li>
        {upgraded && (
          <li>
            <h3>New nodes join at {plan.to}</h3>
            <p>
              A node made from the cluster&apos;s old link would come at {minorOf(plan.from)}. After
              the upgrade, make new nodes from the upgraded cluster&apos;s link, with the same{" "}
              {clusterSecretsFileName}:{" "}
              <a href={`?${encodePreset(upgraded)}`}>the upgraded cluster at {plan.to}</a> (also the
              link for the next upgrade), or{" "}
              <a href={`?${encodePreset({ ...upgraded, mode: "join", role: "worker" })}`}>
                a worker for it at {plan.to}
              </a>
              .
            </p>
          </li>
        )}
      </ol>
    </section>
  );
}
