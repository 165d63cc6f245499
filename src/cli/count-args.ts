import { controlPlaneCounts, type WizardState } from "../core/config/wizard-state";
import { maxCliWorkers } from "./render-usage";

/** The node counts render, mirror and upgrade take: each value, or what is allowed. */

export function workersArg(value: string): { workers: number } | { problem: string } {
  return /^\d{1,4}$/.test(value) && Number(value) <= maxCliWorkers
    ? { workers: Number(value) }
    : { problem: `--workers takes a whole number from 0 to ${maxCliWorkers}, not ${value}` };
}

export function controlPlanesArg(
  value: string,
): { controlPlanes: WizardState["controlPlanes"] } | { problem: string } {
  const allowed = controlPlaneCounts as readonly string[];
  return allowed.includes(value)
    ? { controlPlanes: value as WizardState["controlPlanes"] }
    : {
        problem: `--control-planes takes ${allowed.join(", ")} (an odd count keeps etcd's majority), not ${value}`,
      };
}
