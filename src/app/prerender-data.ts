import { catalogueFrom, embeddedCatalogue, type Catalogue } from "../core/catalogue/catalogue";
import type { RenderedNode } from "../core/render/render-node";

/** The id of the JSON the prerender puts beside its markup (a data block: never run). */
export const prerenderDataId = "prerender-data";

/** Marks the status line prerendered into the header's slot, which the live one replaces. */
export const prerenderedStatusAttribute = "data-prerendered";

/** What the browser needs to hydrate the prerendered page with the very same inputs. */
export interface PrerenderData {
  /** The build's day (YYYY-MM-DD): the support dates and the default version it decided. */
  today: string;
  /** renderKey of the default page's node. */
  nodeKey: string;
  /** That node, whole: its Butane and Ignition texts repeat its files', which gzip takes back. */
  node: RenderedNode;
}

/** JSON safe inside a <script> element: no "</script>" or "<!--" can end it early. */
export function dataBlockJson(data: PrerenderData): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}

/** The page's prerender data, or undefined in a page rendered fresh (dev, tests). */
export function readPrerenderData(): PrerenderData | undefined {
  const block = document.getElementById(prerenderDataId);
  // Read once, then gone: the page holds no script element beyond its entry.
  block?.remove();
  return block?.textContent ? (JSON.parse(block.textContent) as PrerenderData) : undefined;
}

/** The embedded catalogue as it reads on a given day: its default version depends on the day. */
export function snapshotOn(today: string): Catalogue {
  const embedded = embeddedCatalogue();
  return catalogueFrom(embedded.releases, embedded.source, today);
}
