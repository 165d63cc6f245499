/**
 * Prerenders the default page into the built index.html (issue 28): the form with its
 * default choices and the preview's config.bu, painted before any script runs; main.tsx then
 * hydrates it. A Vite plugin, so every `vite build` (npm run build, npm test) does it: the
 * page's entry for the server (src/app/prerender-entry.tsx) is built with Vite's SSR build
 * into node_modules/.cache (where its imports of react and the rest resolve), loaded, and
 * its markup and data written into #root. The dev server renders it on each request, so
 * main.tsx always hydrates. See docs/prerender.md.
 */
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import react from "@vitejs/plugin-react";
import { build, type Plugin } from "vite";
import type { Prerendered } from "../../src/app/prerender-entry";
import { withFormValues } from "./form-values.ts";

const entry = "src/app/prerender-entry.tsx";
/** src/app/prerender-data.ts's prerenderDataId (not imported: the config loads this file). */
export const prerenderDataId = "prerender-data";
type PrerenderEntry = { prerenderDefaultPage: () => Prerendered };
const emptyRoot = '<div id="root"></div>';
const emptyStatus = '<div id="catalogue-status"></div>';

/** Builds and runs the server entry; the markup is the one the browser will hydrate. */
async function prerender(root: string): Promise<Prerendered> {
  const cache = path.join(root, "node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(path.join(cache, "prerender-"));
  try {
    await build({
      root,
      configFile: false,
      logLevel: "warn",
      mode: "production",
      plugins: [react()],
      build: {
        ssr: path.join(root, entry),
        outDir,
        emptyOutDir: true,
        target: "node20",
        minify: false,
        rollupOptions: { output: { entryFileNames: "prerender-entry.mjs" } },
      },
    });
    const module = (await import(
      pathToFileURL(path.join(outDir, "prerender-entry.mjs")).href
    )) as PrerenderEntry;
    return module.prerenderDefaultPage();
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function prerenderPlugin(): Plugin {
  let root = process.cwd();
  return {
    name: "prerender-default-page",
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: "post",
      async handler(html, context) {
        for (const slot of [emptyRoot, emptyStatus])
          if (!html.includes(slot)) throw new Error(`index.html has no ${slot} to fill`);
        // The dev server renders the entry as it serves the page: dev hydrates as the build does.
        const page = context.server
          ? (
              (await context.server.ssrLoadModule(`/${entry}`)) as PrerenderEntry
            ).prerenderDefaultPage()
          : await prerender(root);
        if (!page.butane || !page.html.includes("config.bu"))
          throw new Error("the prerendered page shows no config.bu");
        // The page's CSP (style-src 'self') blocks style attributes in markup, and hydration
        // would not set them again: the prerendered page must style through app.css.
        if (/\sstyle="/.test(page.html + page.statusHtml))
          throw new Error("the prerendered markup has a style attribute, which the CSP blocks");
        const markup = withFormValues(page.html, page.formValues);
        return html
          .replace(emptyStatus, `<div id="catalogue-status">${page.statusHtml}</div>`)
          .replace(
            emptyRoot,
            `<div id="root">${markup}</div>\n    <script type="application/json" id="${prerenderDataId}">${page.dataJson}</script>`,
          );
      },
    },
  };
}
