import type { WizardState } from "../../core/config/wizard-state";
import type { RenderContext, RenderedNode } from "../../core/render/render-node";

/**
 * Where a page's first preview may come from before the worker answers: at build time the
 * renderer itself (the prerender), in the browser the node the prerender embedded in the page.
 * Without one, the preview waits for the worker as before.
 */
export type InitialNodeSource = (
  state: WizardState,
  context: RenderContext,
) => RenderedNode | undefined;

let source: InitialNodeSource | undefined;

export function setInitialNodeSource(next: InitialNodeSource | undefined): void {
  source = next;
}

export function initialNode(state: WizardState, context: RenderContext): RenderedNode | undefined {
  return source?.(state, context);
}

/** What a render depends on, as text: the embedded node serves only the very same request. */
export function renderKey(state: WizardState, context: RenderContext): string {
  return JSON.stringify({ state, context });
}
