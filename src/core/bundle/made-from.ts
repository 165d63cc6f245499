import { clusterShareQuery, encodePreset } from "../config/preset";
import type { WizardState } from "../config/wizard-state";

/**
 * The README's record of the choices that made its files: months later, when the next
 * Kubernetes minor comes, "Upgrade a cluster" starts from this link (or from the secrets file,
 * which records the same).
 */
export function madeFromSection(state: WizardState, scope: "node" | "cluster"): string {
  const query = scope === "cluster" ? clusterShareQuery(state) : encodePreset(state);
  const use =
    scope === "cluster"
      ? 'to see these choices again, add nodes like these, or upgrade the cluster: paste it into "Upgrade a cluster" when the next Kubernetes minor comes.'
      : "to see these choices again or make more nodes like this one.";
  return `## The link that made it

    ${query}

Open the wizard with it (after "?" in the wizard's address) ${use}

`;
}
