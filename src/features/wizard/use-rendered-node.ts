import { useEffect, useMemo, useRef, useState } from "react";
import type { WizardState } from "../../core/config/wizard-state";
import type { RenderContext, RenderedNode } from "../../core/render/render-node";
import { initialNode } from "./initial-node";
import { latestWins } from "./latest-wins";
import {
  loadRendererHere,
  workerRenderer,
  type RenderNode,
  type RenderRequest,
} from "./node-renderer";

/** Set once the renderer has loaded onto the main thread: later pages start with it. */
let renderHere: RenderNode | undefined;

/** What shows the person has started using the page. */
const interactionEvents = ["pointerdown", "keydown", "focusin"] as const;

/**
 * The node rendered and compiled from the choices: undefined until the first render arrives.
 *
 * The page's first renders run in a Web Worker, so loading never waits for YAML, the Butane
 * compiler and gzip. When the person starts using the page, the renderer is loaded onto the
 * main thread too, and from then on each edit renders in the same task as the input: the
 * preview changes in the frame that shows the edit, where a worker's round trip would
 * sometimes miss it. A render runs only when a choice really changed (the page re-renders for
 * other reasons with equal but new objects).
 */
export function useRenderedNode(
  state: WizardState,
  context: RenderContext,
  /** False where nobody sees a node (Upgrade a cluster): nothing is rendered meanwhile. */
  enabled = true,
): RenderedNode | undefined {
  // A prerendered page starts with the node its markup shows, so hydration matches it.
  const [fromWorker, setFromWorker] = useState<RenderedNode | undefined>(() =>
    initialNode(state, context),
  );
  const [render, setRender] = useState<RenderNode | undefined>(() => renderHere);
  const queue = useRef<ReturnType<typeof latestWins<RenderRequest, RenderedNode>>>(undefined);

  useEffect(() => {
    if (render) return;
    const renderer = workerRenderer();
    const started = latestWins(renderer.run, setFromWorker);
    queue.current = started;
    let active = true;
    const loadHere = () => {
      for (const type of interactionEvents) document.removeEventListener(type, loadHere, true);
      loadRendererHere().then(
        (loaded) => {
          renderHere = loaded;
          if (active) setRender(() => loaded);
        },
        () => undefined, // The worker goes on rendering.
      );
    };
    for (const type of interactionEvents) document.addEventListener(type, loadHere, true);
    return () => {
      active = false;
      for (const type of interactionEvents) document.removeEventListener(type, loadHere, true);
      started.stop();
      renderer.stop();
      queue.current = undefined;
    };
  }, [render]);

  const stateKey = JSON.stringify(state);
  const { imageSha256, secrets } = context;
  const request = useMemo(
    (): RenderRequest => ({
      state: JSON.parse(stateKey) as WizardState,
      context: { imageSha256, secrets },
    }),
    [stateKey, imageSha256, secrets],
  );
  const renderedHere = useMemo(
    () => (enabled ? render?.(request.state, request.context) : undefined),
    [enabled, render, request],
  );
  // The node the markup shows needs no render (nor a worker started for it).
  const [servedInitially] = useState(() => (fromWorker ? request : undefined));
  useEffect(() => {
    if (enabled && request !== servedInitially) queue.current?.request(request);
  }, [enabled, request, render, servedInitially]);
  return enabled ? (renderedHere ?? fromWorker) : undefined;
}
