import { encodePreset } from "../config/preset";
import type { WizardState } from "../config/wizard-state";

/**
 * The README's word on a mirror and a registry: where the nodes download from, and how to fill
 * both before booting (the page's Mirror panel, or `cli mirror` for the same choices).
 */
export function mirrorSection(state: WizardState, workers?: number): string {
  if (state.mirror === "" && state.registry === "") return "";
  const where = [
    state.mirror !== "" ? `download from ${state.mirror}` : "",
    state.registry !== "" ? `pull their images from ${state.registry}` : "",
  ].filter(Boolean);
  const count = workers === undefined ? "" : ` --workers ${workers}`;
  return `## Mirror and registry

These nodes ${where.join(" and ")}: fill ${where.length > 1 ? "them" : "it"} before booting. The page's Mirror panel
lists every URL and image with a ready-to-run script; on a machine with internet access the
command line does the same:

    npm run --silent cli -- mirror --preset '${encodePreset(state)}'${count}
    npm run --silent cli -- mirror --preset '${encodePreset(state)}'${count} --download mirror/

`;
}
