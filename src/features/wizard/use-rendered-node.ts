import { useEffect, useRef, useState } from "react";
import type { WizardState } from "../../core/config/wizard-state";
import type { RenderContext, RenderedNode } from "../../core/render/render-node";
import { latestWins } from "./latest-wins";
import { workerRenderer, type RenderRequest } from "./node-renderer";

/**
 * The node rendered and compiled from the choices, off the main thread: undefined until the
 * first render arrives, then the newest one. A render runs only when a choice really changed
 * (the page re-renders for other reasons with equal but new objects).
 */
export function useRenderedNode(
  state: WizardState,
  context: RenderContext,
): RenderedNode | undefined {
  const [rendered, setRendered] = useState<RenderedNode | undefined>(undefined);
  const queue = useRef<ReturnType<typeof latestWins<RenderRequest, RenderedNode>>>(undefined);
  useEffect(() => {
    const renderer = workerRenderer();
    const started = latestWins(renderer.run, setRendered);
    queue.current = started;
    return () => {
      started.stop();
      renderer.stop();
    };
  }, []);
  const requestKey = JSON.stringify({ state, context });
  useEffect(() => {
    queue.current?.request(JSON.parse(requestKey) as RenderRequest);
  }, [requestKey]);
  return rendered;
}
