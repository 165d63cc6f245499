import type { WizardState } from "../config/wizard-state";
import { defaultControlPlaneName } from "../file-names";

/** A cluster's nodes as choices, apart from rendering them (the page's mirror list reads these without the renderer). */

/** worker-{n} -> worker-1, worker-2, … (control planes too: cp-{n}). */
export function workerHostnames(pattern: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => pattern.replaceAll("{n}", String(index + 1)));
}

/** The control planes' names: one keeps the page's host name (or "control-plane"); several follow their pattern. */
export function controlPlaneHostnames(state: WizardState): string[] {
  if (state.controlPlanes !== "1") {
    return workerHostnames(state.controlPlaneNamePattern, Number(state.controlPlanes));
  }
  return [
    state.role === "control-plane" && state.hostname ? state.hostname : defaultControlPlaneName,
  ];
}

/** One node of a cluster as renderNode takes it: its choices and, for a control plane, its place. */
export interface ClusterNodeChoice {
  state: WizardState;
  /** Which control plane (0 runs init); absent for a worker. */
  index?: number;
}

/** The control planes' choices: the cluster's, with each one's name. */
export function controlPlaneChoices(state: WizardState): Required<ClusterNodeChoice>[] {
  return controlPlaneHostnames(state).map((hostname, index) => ({
    state: { ...state, bootstrap: "generated", role: "control-plane", hostname },
    index,
  }));
}

export function workerChoice(state: WizardState, hostname: string): WizardState {
  return { ...state, bootstrap: "generated", role: "worker", hostname };
}

/** Every node of the cluster renderCluster makes, as choices: control planes first. */
export function clusterNodeChoices(
  state: WizardState,
  count = Number(state.workers),
): ClusterNodeChoice[] {
  return [
    ...controlPlaneChoices(state),
    ...workerHostnames(state.workerNamePattern, count).map((hostname) => ({
      state: workerChoice(state, hostname),
    })),
  ];
}
