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
        <p className="app-intro">
          Choose a node&apos;s role, Kubernetes version, architecture, updates and reboot
          coordination. The Butane config, its systemd-sysupdate files and the Ignition it compiles
          to are made in your browser as you choose, ready to copy or download.
        </p>
      </header>
      <WizardPage catalogue={catalogue} />
    </>
  );
}
