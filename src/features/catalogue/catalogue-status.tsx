import type { Catalogue } from "../../core/catalogue/catalogue";

export function CatalogueStatus({ catalogue }: { catalogue: Catalogue }) {
  const source = catalogue.source;
  const text =
    source.kind === "snapshot"
      ? `catalogue: offline snapshot from ${source.date}`
      : `catalogue: live from GitHub, fetched ${new Date(source.fetchedAt).toLocaleTimeString()}`;
  return (
    <p className="catalogue-status" role="status">
      {text} · {catalogue.releases.length} versions
    </p>
  );
}
