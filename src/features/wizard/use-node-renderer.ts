import { useEffect, useState } from "react";
import type { renderNode } from "../../core/render/render-node";

type RenderNode = typeof renderNode;

let loaded: RenderNode | undefined;
const load = () =>
  import("../../core/render/render-node").then((module) => (loaded = module.renderNode));
// Start fetching as soon as the app's code runs, in parallel with the first render.
let loading: Promise<RenderNode> | undefined = load();

/**
 * The renderer and the Butane compiler (with the YAML library) are the largest part of the
 * app: they load beside the first render, not inside it, so the form shows at once.
 */
export function useNodeRenderer(): RenderNode | undefined {
  const [render, setRender] = useState<RenderNode | undefined>(() => loaded);
  useEffect(() => {
    if (render) return;
    let active = true;
    loading ??= load();
    loading.then(
      (renderer) => active && setRender(() => renderer),
      () => {
        loading = undefined; // A failed chunk load may work on the next try.
      },
    );
    return () => {
      active = false;
    };
  }, [render]);
  return render;
}
