import { useCatalogue } from "./api/catalogue-query";
import { CatalogueStatus } from "./features/catalogue/catalogue-status";
import { WizardPage } from "./features/wizard/wizard-page";

export function App() {
  const catalogue = useCatalogue();
  return (
    <>
      <header className="app-header">
        <h1>Flatcar Kubernetes Wizard</h1>
        <CatalogueStatus catalogue={catalogue} />
      </header>
      <WizardPage catalogue={catalogue} />
    </>
  );
}
