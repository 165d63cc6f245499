/**
 * Build time only (scripts/prerender/vite-plugin-prerender.ts loads it in Node): the default
 * page rendered to HTML by the same components main.tsx hydrates, with the data main.tsx
 * needs to hydrate it with the very same inputs.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { renderToStaticMarkup, renderToString } from "react-dom/server";
import { App } from "../app";
import { localDay } from "../core/catalogue/support-schedule";
import { decodePreset } from "../core/config/preset";
import type { FormInput } from "../core/config/form-input";
import { renderNode, type RenderedNode } from "../core/render/render-node";
import { renderKey, setInitialNodeSource } from "../features/wizard/initial-node";
import { setPrerenderedDay } from "../ui/hydration";
import { CatalogueStatus } from "../features/catalogue/catalogue-status";
import { dataBlockJson, prerenderedStatusAttribute, snapshotOn } from "./prerender-data";

export interface Prerendered {
  /** #root's inner HTML. */
  html: string;
  /** The header's status line as the page first shows it (#catalogue-status's inner HTML). */
  statusHtml: string;
  /** The prerender data's JSON, safe inside a <script> element. */
  dataJson: string;
  /** The default form's values, which the markup's controls must show without JavaScript. */
  formValues: FormInput;
  /** The default page's config.bu, for the build's own check. */
  butane: string;
}

export function prerenderDefaultPage(today: string = localDay(new Date())): Prerendered {
  setPrerenderedDay(today);
  let rendered: { key: string; node: RenderedNode } | undefined;
  // The page asks for its first node once: render it here, as the worker would.
  setInitialNodeSource((state, context) => {
    const node = renderNode(state, context);
    rendered = { key: renderKey(state, context), node };
    return node;
  });
  try {
    const html = renderToString(
      <StrictMode>
        <QueryClientProvider client={new QueryClient()}>
          <App />
        </QueryClientProvider>
      </StrictMode>,
    );
    if (!rendered) throw new Error("the prerendered page asked for no preview");
    const catalogue = snapshotOn(today);
    const initial = decodePreset("", catalogue);
    // What the live line says until GitHub answers: a new visitor's page is checking then.
    const statusHtml = renderToStaticMarkup(
      <div {...{ [prerenderedStatusAttribute]: "" }}>
        <CatalogueStatus catalogue={catalogue} status={{ checking: true }} onRefresh={() => {}} />
      </div>,
    );
    return {
      html,
      statusHtml,
      dataJson: dataBlockJson({ today, nodeKey: rendered.key, node: rendered.node }),
      formValues: { ...initial.state, ...initial.typed },
      butane: rendered.node.butane,
    };
  } finally {
    setInitialNodeSource(undefined);
    setPrerenderedDay(undefined);
  }
}
