import { useCatalogue } from "./api/catalogue-query";
import { CatalogueStatus } from "./features/catalogue/catalogue-status";
import { WizardPage } from "./features/wizard/wizard-page";

export function App() {
  const { catalogue, status, refresh } = useCatalogue();
  return (
    <>
      <header className="app-header">
        <h1>Flatcar Kubernetes Wizard</h1>
        <CatalogueStatus catalogue={catalogue} status={status} onRefresh={refresh} />
      </header>
      <WizardPage catalogue={catalogue} />
    </>
  );
}
