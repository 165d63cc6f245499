import { useRef, useState } from "react";
import type { ClusterSecrets } from "../../core/cluster/cluster-secrets-file";
import type { WizardState } from "../../core/config/wizard-state";
import type { NodeSecrets } from "../../core/render/kubeadm-parts";
import { ActionButton } from "../../ui/action-button";
import { saveFile } from "../../ui/save-file";

/** Regenerate, download and load the cluster's secrets; download the whole cluster. */
export function ClusterActions({
  state,
  secrets,
  imageSha256,
  onRegenerate,
  onLoad,
}: {
  state: WizardState;
  secrets: NodeSecrets | undefined;
  imageSha256: string | undefined;
  onRegenerate: () => Promise<void>;
  onLoad: (text: string) => Promise<ClusterSecrets | string>;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [loadStatus, setLoadStatus] = useState({ ok: true, message: "" });
  const notReady = { ok: false, message: "The cluster's secrets are still being generated." };

  const downloadSecrets = async () => {
    if (!secrets) return notReady;
    const { clusterSecretsText } = await import("../../core/bundle/cluster-bundle");
    return saveFile("cluster-secrets.json", clusterSecretsText(state, secrets), "application/json");
  };

  const downloadCluster = async () => {
    if (!secrets) return notReady;
    const [{ renderCluster }, { clusterBundle }, { zipBundle }] = await Promise.all([
      import("../../core/render/render-cluster"),
      import("../../core/bundle/cluster-bundle"),
      import("../../core/bundle/node-bundle"),
    ]);
    const nodes = renderCluster(state, secrets, { imageSha256 });
    const zip = zipBundle(clusterBundle(state, nodes, secrets));
    const saved = saveFile(`flatcar-cluster-${state.clusterName}.zip`, zip, "application/zip");
    const failed = nodes.filter((node) => node.rendered.compiled.ignition === undefined);
    if (saved.ok && failed.length > 0) {
      return {
        ok: false,
        message: `Saved, but ${failed.length} nodes did not compile: see the preview's errors.`,
      };
    }
    return saved.ok ? { ok: true, message: `Saved ${nodes.length} nodes.` } : saved;
  };

  return (
    <div className="cluster-actions">
      <ActionButton
        label="Regenerate secrets"
        action={async () => {
          await onRegenerate();
          return { ok: true, message: "New CA and token made: download the secrets again." };
        }}
      />
      <ActionButton label="Download cluster secrets" action={downloadSecrets} disabled={!secrets} />
      <span className="action">
        <button type="button" onClick={() => fileInput.current?.click()}>
          Load cluster secrets
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Cluster secrets file"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (!file) return;
            const result = await onLoad(await file.text());
            setLoadStatus(
              typeof result === "string"
                ? { ok: false, message: `Not loaded: ${result}` }
                : { ok: true, message: `Loaded the secrets of cluster ${result.clusterName}.` },
            );
          }}
        />
        <span
          className={loadStatus.ok ? "action-status" : "action-status action-failed"}
          role="status"
        >
          {loadStatus.message}
        </span>
      </span>
      <ActionButton label="Download cluster (.zip)" action={downloadCluster} disabled={!secrets} />
    </div>
  );
}
