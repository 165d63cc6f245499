import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, startTransition, useLayoutEffect, type ReactNode } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import { App } from "./app";
import { readPrerenderData } from "./app/prerender-data";
import { renderKey, setInitialNodeSource } from "./features/wizard/initial-node";
import { prestartRenderWorker } from "./features/wizard/node-renderer";
import { readEditsBeforeScript, setEditsBeforeScript } from "./ui/edits-before-script";
import { setPrerenderedDay } from "./ui/hydration";
import "./app.css";

const queryClient = new QueryClient();
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

/** A share link's page is hidden until its own choices are rendered (index.html): show it. */
function ShownOnceRendered({ children }: { children: ReactNode }) {
  useLayoutEffect(() => document.documentElement.removeAttribute("data-opening-link"), []);
  return children;
}

const app = (
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ShownOnceRendered>
        <App />
      </ShownOnceRendered>
    </QueryClientProvider>
  </StrictMode>
);

// index.html holds the default page, prerendered (scripts/prerender; the dev server renders it
// too): hydrate it with the inputs it was made from, so nothing differs; the clock and stored
// data apply right after. A link (?…) asks for another page: render that one over it (the
// default page stays hidden meanwhile, index.html), with the render worker started at once.
// What was typed into the prerendered form before this script ran is handed to the form.
const data = readPrerenderData();
const prerendered = window.location.search === "" ? data : undefined;
if (!prerendered) prestartRenderWorker();
setEditsBeforeScript(readEditsBeforeScript(root));
if (prerendered) {
  setPrerenderedDay(prerendered.today);
  setInitialNodeSource((state, context) =>
    renderKey(state, context) === prerendered.nodeKey ? prerendered.node : undefined,
  );
}

// As a transition, the first render yields to the browser every few milliseconds instead of
// holding the main thread for the whole form: the static header stays responsive meanwhile.
startTransition(() => {
  if (prerendered) hydrateRoot(root, app);
  else createRoot(root).render(app);
});
