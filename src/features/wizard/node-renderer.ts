import type { WizardState } from "../../core/config/wizard-state";
import type { RenderContext, RenderedNode, renderNode } from "../../core/render/render-node";

export interface RenderRequest {
  state: WizardState;
  context: RenderContext;
}

export type RenderNode = typeof renderNode;

let loadingHere: Promise<RenderNode> | undefined;
/** The renderer on the main thread, fetched and evaluated once; a failed load is tried again. */
export function loadRendererHere(): Promise<RenderNode> {
  loadingHere ??= import("../../core/render/render-node").then(
    (module) => module.renderNode,
    (error: unknown) => {
      loadingHere = undefined;
      throw error;
    },
  );
  return loadingHere;
}

type RunRender = (request: RenderRequest) => Promise<RenderedNode>;

const renderHere: RunRender = async ({ state, context }) =>
  (await loadRendererHere())(state, context);

function startWorker(): Worker | undefined {
  try {
    return new Worker(new URL("./render-worker.ts", import.meta.url), { type: "module" });
  } catch {
    return undefined;
  }
}

let prestarted: Worker | undefined;
/**
 * Starts the render worker while a link's page is rendered (main.tsx), so it has loaded by the
 * time the page asks for its first render; the first workerRenderer takes it. The default
 * page needs none to start: its first preview is in its markup.
 */
export function prestartRenderWorker(): void {
  prestarted ??= startWorker();
}

/**
 * Renders in a Web Worker, one request at a time (see latestWins), started on the first
 * request. When the worker cannot start or fails, this render and every later one run on the
 * main thread instead.
 */
export function workerRenderer(): { run: RunRender; stop: () => void } {
  let worker: Worker | undefined | null = prestarted;
  prestarted = undefined;
  const run: RunRender = (request) => {
    if (worker === undefined) worker = startWorker() ?? null;
    const current = worker;
    if (!current) return renderHere(request);
    return new Promise<RenderedNode>((resolve) => {
      current.onmessage = (event: MessageEvent<RenderedNode>) => resolve(event.data);
      current.onerror = (event) => {
        event.preventDefault();
        current.terminate();
        worker = null;
        resolve(renderHere(request));
      };
      current.postMessage(request);
    });
  };
  return { run, stop: () => worker?.terminate() };
}
