import { fieldDetails, type DetailsField } from "../core/help/field-details";
import type { WizardState } from "../core/config/wizard-state";

/** A field's Details: each fact, and each source as a link. */
export function DetailsList({
  field,
  state,
  digest,
}: {
  field: DetailsField;
  state: WizardState;
  digest?: string | undefined;
}) {
  return (
    <ul className="help">
      {fieldDetails(field, state, digest ? { digest } : {}).map((detail) => (
        <li key={typeof detail === "string" ? detail : detail.url}>
          {typeof detail === "string" ? (
            detail
          ) : (
            <a href={detail.url} target="_blank" rel="noreferrer">
              {detail.label}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
