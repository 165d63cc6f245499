import type { WizardState } from "../../core/config/wizard-state";
import { ignitionFileName } from "../../core/render/file-names";
import type { OutputFile } from "../../core/render/render-node";
import { ActionButton } from "../../ui/action-button";
import { saveFile } from "../../ui/save-file";

/** Download Ignition and Download all (.zip): the files of this node in one go. */
export function BundleActions({ state, files }: { state: WizardState; files: OutputFile[] }) {
  const ignition = files.find((file) => file.name === ignitionFileName);
  const downloadAll = async () => {
    try {
      // The zip writer is only needed here: load it on the first click.
      const { nodeBundle, zipBundle } = await import("../../core/bundle/node-bundle");
      const name = `flatcar-${state.hostname || state.role}-${state.kubernetesVersion}.zip`;
      return saveFile(name, zipBundle(nodeBundle(state, files)), "application/zip");
    } catch {
      return { ok: false, message: "The zip could not be made; download the files one by one." };
    }
  };
  return (
    <>
      <ActionButton
        label="Download Ignition"
        disabled={!ignition}
        title={ignition ? undefined : "The Butane config does not compile yet"}
        action={() =>
          ignition
            ? saveFile(ignition.name, ignition.contents, ignition.mediaType)
            : { ok: false, message: "The Butane config does not compile yet." }
        }
      />
      <ActionButton label="Download all (.zip)" action={downloadAll} />
    </>
  );
}
