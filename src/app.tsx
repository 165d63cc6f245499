import { createPortal } from "react-dom";
import { useCatalogue } from "./api/queries/catalogue-query";
import { CatalogueStatus } from "./features/catalogue/catalogue-status";
import { ConfirmProvider } from "./features/readiness/confirm-not-ready";
import { WizardPage } from "./app/wizard-page";

/**
 * The wizard below index.html's header (painted before any script runs), and the catalogue
 * status in the header's slot for it.
 */
export function App() {
  const { catalogue, status, refresh } = useCatalogue();
  const statusLine = <CatalogueStatus catalogue={catalogue} status={status} onRefresh={refresh} />;
  const statusSlot = document.getElementById("catalogue-status");
  return (
    <>
      {statusSlot ? createPortal(statusLine, statusSlot) : statusLine}
      <ConfirmProvider>
        <WizardPage catalogue={catalogue} />
      </ConfirmProvider>
    </>
  );
}
