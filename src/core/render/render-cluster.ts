import type { WizardState } from "../config/wizard-state";
import type { NodeSecrets } from "./kubeadm-parts";
import { renderNode, type RenderContext, type RenderedNode } from "./render-node";

/** One node of a cluster: its folder name and what the page would show for it. */
export interface ClusterNode {
  name: string;
  role: WizardState["role"];
  rendered: RenderedNode;
}

export const defaultControlPlaneName = "control-plane";

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

/**
 * The control planes (the first runs init, the others join it) and `count` workers that form a
 * cluster on first boot: the same secrets, endpoint and versions everywhere; host names from
 * the choices.
 */
export function renderCluster(
  state: WizardState,
  secrets: NodeSecrets,
  context: Omit<RenderContext, "secrets"> = {},
  count = Number(state.workers),
): ClusterNode[] {
  const clusterState: WizardState = { ...state, bootstrap: "generated" };
  const nodes: ClusterNode[] = controlPlaneHostnames(state).map((hostname, index) => ({
    name: hostname,
    role: "control-plane",
    rendered: renderNode(
      { ...clusterState, role: "control-plane", hostname },
      { ...context, secrets, controlPlaneIndex: index },
    ),
  }));
  for (const hostname of workerHostnames(state.workerNamePattern, count)) {
    nodes.push({
      name: hostname,
      role: "worker",
      rendered: renderNode({ ...clusterState, role: "worker", hostname }, { ...context, secrets }),
    });
  }
  return nodes;
}
