import { lazy, Suspense, useState } from "react";
import type { DetailsField } from "../core/help/field-details";
import type { WizardState } from "../core/config/wizard-state";

// The facts load when a Details is first opened: they stay out of the page's first load.
const DetailsList = lazy(() =>
  import("./details-list").then((module) => ({ default: module.DetailsList })),
);

/**
 * A field's upstream facts (API versions, sources, release notes) behind a native disclosure
 * right after its plain help: the next tab stop after the field, opened with Enter or Space.
 */
export function FieldDetails(props: {
  field: DetailsField;
  state: WizardState;
  digest?: string | undefined;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="field-details" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Details</summary>
      {open && (
        <Suspense fallback={<p className="help">Loading…</p>}>
          <DetailsList {...props} />
        </Suspense>
      )}
    </details>
  );
}
