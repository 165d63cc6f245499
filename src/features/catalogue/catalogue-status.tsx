import { useEffect, useState } from "react";
import type { CatalogueState } from "../../api/queries/catalogue-query";
import type { Catalogue } from "../../core/catalogue/catalogue";
import { statusText } from "./status-text";

/** The header line: where the version list comes from, why, and a way to ask GitHub again. */
export function CatalogueStatus({
  catalogue,
  status,
  onRefresh,
}: {
  catalogue: Catalogue;
  status: CatalogueState["status"];
  onRefresh: () => void;
}) {
  const now = useNow(30_000);
  return (
    <div className="catalogue-status">
      <p role="status">{statusText(catalogue, status, now)}</p>
      <button type="button" onClick={onRefresh} disabled={status.checking}>
        Refresh
      </button>
    </div>
  );
}

/** The current time, updated every `interval` ms, so "N min ago" keeps counting. */
function useNow(interval: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), interval);
    return () => clearInterval(timer);
  }, [interval]);
  return now;
}
