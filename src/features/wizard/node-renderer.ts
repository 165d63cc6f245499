import type { WizardState } from "../../core/config/wizard-state";
import type { RenderContext, RenderedNode } from "../../core/render/render-node";

export interface RenderRequest {
  state: WizardState;
  context: RenderContext;
}

export type RunRender = (request: RenderRequest) => Promise<RenderedNode>;

/** The renderer on the main thread: for browsers that refuse the worker. */
const renderHere: RunRender = async ({ state, context }) => {
  const { renderNode } = await import("../../core/render/render-node");
  return renderNode(state, context);
};

/**
 * Renders in a Web Worker, one request at a time (see latestWins). When the worker cannot
 * start or fails, this render and every later one run on the main thread instead.
 */
export function workerRenderer(): { run: RunRender; stop: () => void } {
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL("./render-worker.ts", import.meta.url), { type: "module" });
  } catch {
    worker = undefined;
  }
  const run: RunRender = (request) => {
    const current = worker;
    if (!current) return renderHere(request);
    return new Promise<RenderedNode>((resolve) => {
      current.onmessage = (event: MessageEvent<RenderedNode>) => resolve(event.data);
      current.onerror = (event) => {
        event.preventDefault();
        current.terminate();
        worker = undefined;
        resolve(renderHere(request));
      };
      current.postMessage(request);
    });
  };
  return { run, stop: () => worker?.terminate() };
}
