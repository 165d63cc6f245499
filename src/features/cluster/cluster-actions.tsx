import { useRef, useState } from "react";
import { JsonFileInput } from "../../ui/json-file-input";
import type { ClusterSecrets } from "../../core/cluster/cluster-secrets-file";
import type { WizardState } from "../../core/config/wizard-state";
import type { Readiness } from "../../core/readiness/readiness";
import type { ClusterNode } from "../../core/render/render-cluster";
import type { NodeSecrets } from "../../core/cluster/node-secrets";
import { bundleReadmeFileName, clusterSecretsFileName } from "../../core/file-names";
import { ActionButton, ActionStatus } from "../../ui/action-button";
import { saveFile } from "../../ui/save-file";
import { notDone, useConfirmNotReady } from "../readiness/confirm-not-ready";
import { ReadinessSummary } from "../readiness/readiness-summary";

type ActionResult = { ok: boolean; message: string };

const notReady = { ok: false, message: "The cluster's secrets are not there yet." };

/**
 * Download cluster: the whole cluster in one zip, after a second step when it is not ready,
 * with the cluster's readiness beside it. The primary action of "A new cluster".
 */
export function ClusterDownload({
  state,
  secrets,
  imageSha256,
  readiness,
  judgeNodes,
  onSaved,
}: {
  state: WizardState;
  secrets: NodeSecrets | undefined;
  imageSha256: string | undefined;
  /** The cluster's readiness from the choices alone (nodes are rendered at download). */
  readiness: Readiness;
  /** The cluster's readiness once its nodes are rendered. */
  judgeNodes: (nodes: ClusterNode[]) => Readiness;
  onSaved: () => void;
}) {
  const confirmNotReady = useConfirmNotReady();
  const downloadCluster = async (): Promise<ActionResult> => {
    if (!secrets) return notReady;
    const [{ renderCluster }, { clusterBundle }, { zipBundle }] = await Promise.all([
      import("../../core/render/render-cluster"),
      import("../../core/bundle/cluster-bundle"),
      import("../../core/bundle/node-bundle"),
    ]);
    const nodes = renderCluster(state, secrets, { imageSha256 });
    const judged = judgeNodes(nodes);
    if (!(await confirmNotReady("Download cluster (.zip)", judged))) return notDone(judged);
    const zip = zipBundle(clusterBundle(state, nodes, secrets, judged));
    const saved = saveFile(`flatcar-cluster-${state.clusterName}.zip`, zip, "application/zip");
    if (!saved.ok) return saved;
    onSaved();
    return judged.ready
      ? { ok: true, message: `Saved ${nodes.length} nodes.` }
      : {
          ok: false,
          message: `Saved ${nodes.length} nodes that are not ready to boot: ${bundleReadmeFileName} lists what to fix.`,
        };
  };

  return (
    <>
      <ReadinessSummary readiness={readiness} title="The cluster" />
      <ActionButton
        label="Download cluster (.zip)"
        action={downloadCluster}
        disabled={!secrets}
        primary
      />
    </>
  );
}

/**
 * Regenerate, download and load the cluster's secrets. A worker without secrets asks which
 * cluster it joins first; a worker for an existing cluster can only load them.
 */
export function ClusterActions({
  state,
  secrets,
  onRegenerate,
  onLoad,
  onSaved,
}: {
  state: WizardState;
  secrets: NodeSecrets | undefined;
  onRegenerate: () => Promise<boolean>;
  onLoad: (text: string) => Promise<ClusterSecrets | string | undefined>;
  onSaved: () => void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [loadStatus, setLoadStatus] = useState({ ok: true, message: "" });
  const joins = state.mode === "join";

  const downloadSecrets = async (): Promise<ActionResult> => {
    if (!secrets) return notReady;
    const { clusterSecretsText } = await import("../../core/bundle/cluster-bundle");
    const saved = saveFile(
      clusterSecretsFileName,
      clusterSecretsText(state, secrets),
      "application/json",
    );
    if (saved.ok) onSaved();
    return saved;
  };

  const chooseFile = () => fileInput.current?.click();
  const needsChoice = !secrets && state.role === "worker";
  return (
    <div className="cluster-actions">
      {needsChoice && (
        <div id="cluster-secrets-choice" className="notice notice-warning">
          <p>
            <strong>Which cluster does this worker join?</strong> A worker made here joins with its
            cluster&apos;s CA and token. Load the <code>{clusterSecretsFileName}</code> that was
            saved with the cluster
            {joins
              ? "."
              : ", or start a new cluster here (new CA and token: you then need its control plane too)."}
          </p>
          <button type="button" onClick={chooseFile}>
            Load {clusterSecretsFileName}
          </button>
          {!joins && (
            <>
              {" "}
              <button type="button" onClick={() => void onRegenerate()}>
                Start a new cluster here
              </button>
            </>
          )}
        </div>
      )}
      {!joins && (
        <ActionButton
          label="Regenerate secrets"
          disabled={!secrets}
          action={async () =>
            (await onRegenerate())
              ? { ok: true, message: "New CA and token made: download the secrets again." }
              : { ok: true, message: "Kept the current secrets." }
          }
        />
      )}
      <ActionButton label="Download cluster secrets" action={downloadSecrets} disabled={!secrets} />
      <span className="action">
        {!needsChoice && (
          <button type="button" onClick={chooseFile}>
            Load cluster secrets
          </button>
        )}
        <JsonFileInput
          inputRef={fileInput}
          label="Cluster secrets file"
          onText={async (text) => {
            const result = await onLoad(text);
            if (result === undefined) return;
            setLoadStatus(
              typeof result === "string"
                ? { ok: false, message: `Not loaded: ${result}` }
                : { ok: true, message: `Loaded the secrets of cluster ${result.clusterName}.` },
            );
          }}
        />
        <ActionStatus status={loadStatus} />
      </span>
    </div>
  );
}
