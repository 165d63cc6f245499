import { useEffect, useState } from "react";
import type { renderNode } from "../../core/render/render-node";

type RenderNode = typeof renderNode;

let loading: Promise<RenderNode> | undefined;
let loaded: RenderNode | undefined;

/**
 * The renderer and the Butane compiler (with the YAML library) are the largest part of the
 * app: they load right after first paint, so the form shows at once.
 */
export function useNodeRenderer(): RenderNode | undefined {
  const [render, setRender] = useState<RenderNode | undefined>(() => loaded);
  useEffect(() => {
    if (render) return;
    let active = true;
    loading ??= import("../../core/render/render-node").then(
      (module) => (loaded = module.renderNode),
    );
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
