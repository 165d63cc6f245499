import { useState } from "react";
import type { WizardState } from "../../core/config/wizard-state";
import { ignitionFileName, type OutputFile } from "../../core/render/render-node";
import { saveFile } from "../../ui/save-file";

/** Download Ignition and Download all (.zip): the files of this node in one go. */
export function BundleActions({ state, files }: { state: WizardState; files: OutputFile[] }) {
  const [status, setStatus] = useState("");
  const ignition = files.find((file) => file.name === ignitionFileName);
  const downloadAll = async () => {
    try {
      // The zip writer is only needed here: load it on the first click.
      const { nodeBundle, zipBundle } = await import("../../core/bundle/node-bundle");
      const name = `flatcar-${state.hostname || state.role}-${state.kubernetesVersion}.zip`;
      saveFile(name, zipBundle(nodeBundle(state, files)), "application/zip");
      setStatus("");
    } catch {
      setStatus("The zip could not be made; download the files one by one.");
    }
  };
  return (
    <>
      <button
        type="button"
        disabled={!ignition}
        title={ignition ? undefined : "The Butane config does not compile yet"}
        onClick={() => ignition && saveFile(ignition.name, ignition.contents, ignition.mediaType)}
      >
        Download Ignition
      </button>
      <button type="button" onClick={downloadAll}>
        Download all (.zip)
      </button>
      {status && (
        <span className="action-status" role="status">
          {status}
        </span>
      )}
    </>
  );
}
