import { useLayoutEffect, useMemo } from "react";
import { createPortal } from "react-dom";
import { useCatalogue } from "./api/queries/catalogue-query";
import { CatalogueStatus } from "./features/catalogue/catalogue-status";
import { ConfirmProvider } from "./features/readiness/confirm-not-ready";
import { prerenderedStatusAttribute, snapshotOn } from "./app/prerender-data";
import { WizardPage } from "./app/wizard-page";
import { useHydrated, useToday } from "./ui/hydration";

/**
 * The wizard below index.html's header (painted before any script runs), and the catalogue
 * status in the header's slot for it.
 */
export function App() {
  const live = useCatalogue();
  // While hydrating: the catalogue the prerender used (the snapshot on the build's day), not
  // stored live data; the status line (it counts minutes) comes after hydration too.
  const hydrated = useHydrated();
  const today = useToday();
  const prerendered = useMemo(() => snapshotOn(today), [today]);
  const { status, refresh } = live;
  const catalogue = hydrated ? live.catalogue : prerendered;
  const statusLine = <CatalogueStatus catalogue={catalogue} status={status} onRefresh={refresh} />;
  const statusSlot = hydrated ? document.getElementById("catalogue-status") : null;
  // The prerendered status line (static markup) gives way to the live one in the same commit,
  // before the browser paints: the header does not move.
  useLayoutEffect(() => {
    if (hydrated) statusSlot?.querySelector(`:scope > [${prerenderedStatusAttribute}]`)?.remove();
  }, [hydrated, statusSlot]);
  return (
    <>
      {hydrated && (statusSlot ? createPortal(statusLine, statusSlot) : statusLine)}
      <ConfirmProvider>
        <WizardPage catalogue={catalogue} />
      </ConfirmProvider>
    </>
  );
}
