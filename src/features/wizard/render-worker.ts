/// <reference lib="webworker" />
import { renderNode } from "../../core/render/render-node";
import type { RenderRequest } from "./node-renderer";

/**
 * Renders and compiles nodes off the main thread, so typing and the first load never wait
 * for YAML, Butane and gzip: one request at a time, one answer each.
 */
self.onmessage = (event: MessageEvent<RenderRequest>) => {
  self.postMessage(renderNode(event.data.state, event.data.context));
};
