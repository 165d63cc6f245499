import type { WizardState } from "../../core/config/wizard-state";
import type { Readiness } from "../../core/readiness/readiness";
import { ignitionFileName } from "../../core/file-names";
import type { OutputFile } from "../../core/render/render-node";
import { ActionButton } from "../../ui/action-button";
import { saveFile } from "../../ui/save-file";
import { notDone, useConfirmNotReady } from "../readiness/confirm-not-ready";

/**
 * Download all (.zip), the primary action for one node, and Download Ignition: files that are
 * not ready to boot need a second step, and the zip's README then lists what to fix.
 */
export function useNodeDownloads({
  state,
  files,
  readiness,
  holdsSecrets,
  onHandOut,
}: {
  state: WizardState;
  files: OutputFile[] | undefined;
  readiness: Readiness | undefined;
  /** Whether these files hold the cluster's secrets. */
  holdsSecrets: boolean;
  onHandOut?: (holdsSecrets: boolean) => void;
}) {
  const confirmNotReady = useConfirmNotReady();
  const ignition = files?.find((file) => file.name === ignitionFileName);
  const downloadAll = async () => {
    if (!files || !readiness) return { ok: false, message: "The files are still being made." };
    if (!(await confirmNotReady("Download all (.zip)", readiness))) return notDone(readiness);
    try {
      // The zip writer is only needed here: load it on the first click.
      const { nodeBundle, zipBundle } = await import("../../core/bundle/node-bundle");
      const name = `flatcar-${state.hostname || state.role}-${state.kubernetesVersion}.zip`;
      const saved = saveFile(
        name,
        zipBundle(nodeBundle(state, files, readiness)),
        "application/zip",
      );
      if (saved.ok) onHandOut?.(holdsSecrets);
      return saved;
    } catch {
      return { ok: false, message: "The zip could not be made; download the files one by one." };
    }
  };
  const downloadIgnition = async () => {
    if (!ignition || !readiness)
      return { ok: false, message: "The Butane config does not compile yet." };
    if (!(await confirmNotReady("Download Ignition", readiness))) return notDone(readiness);
    const saved = saveFile(ignition.name, ignition.contents, ignition.mediaType);
    if (saved.ok) onHandOut?.(holdsSecrets);
    return saved;
  };
  return {
    downloadAll: <ActionButton label="Download all (.zip)" action={downloadAll} primary />,
    downloadIgnition: (
      <ActionButton
        label="Download Ignition"
        disabled={!ignition}
        title={ignition ? undefined : "The Butane config does not compile yet"}
        action={downloadIgnition}
      />
    ),
  };
}
