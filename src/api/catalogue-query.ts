import { queryOptions, useQuery } from "@tanstack/react-query";
import { embeddedCatalogue, type Catalogue } from "../core/catalogue/catalogue";

const snapshot = embeddedCatalogue();

/** The release catalogue; the embedded snapshot until live data is fetched. */
export const catalogueQueryOptions = queryOptions({
  queryKey: ["catalogue"],
  queryFn: (): Catalogue => snapshot,
  initialData: snapshot,
  staleTime: Infinity,
});

export function useCatalogue(): Catalogue {
  return useQuery(catalogueQueryOptions).data;
}
