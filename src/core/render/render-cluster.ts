import { defaultControlPlaneName } from "./file-names";
import type { WizardState } from "../config/wizard-state";
import type { NodeSecrets } from "./kubeadm-parts";
import { renderNode, type RenderContext, type RenderedNode } from "./render-node";

/** One node of a cluster: its folder name and what the page would show for it. */
export interface ClusterNode {
  name: string;
  role: WizardState["role"];
  rendered: RenderedNode;
}

/** worker-{n} -> worker-1, worker-2, … */
export function workerHostnames(pattern: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => pattern.replaceAll("{n}", String(index + 1)));
}

/**
 * One control plane and `count` workers that form a cluster on first boot: the same secrets,
 * endpoint and versions everywhere; host names from the choices.
 */
export function renderCluster(
  state: WizardState,
  secrets: NodeSecrets,
  context: Omit<RenderContext, "secrets"> = {},
  count = Number(state.workers),
): ClusterNode[] {
  const clusterState: WizardState = { ...state, bootstrap: "generated" };
  const controlPlaneName =
    state.role === "control-plane" && state.hostname ? state.hostname : defaultControlPlaneName;
  const nodes: ClusterNode[] = [
    {
      name: controlPlaneName,
      role: "control-plane",
      rendered: renderNode(
        { ...clusterState, role: "control-plane", hostname: controlPlaneName },
        { ...context, secrets },
      ),
    },
  ];
  for (const hostname of workerHostnames(state.workerNamePattern, count)) {
    nodes.push({
      name: hostname,
      role: "worker",
      rendered: renderNode({ ...clusterState, role: "worker", hostname }, { ...context, secrets }),
    });
  }
  return nodes;
}
