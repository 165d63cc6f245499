import { useState } from "react";

/**
 * A titled group of fields. A less common group is collapsed (a native details element) with
 * its current values summarised in its header; it opens by itself while a field in it has an
 * error, so a value to correct is never hidden.
 */
export function FormGroup({
  title,
  summary,
  collapsible = false,
  defaultOpen = false,
  hasError = false,
  children,
}: {
  title: string;
  /** The group's current values in a few words, shown while it is collapsed. */
  summary?: string;
  collapsible?: boolean;
  /** A collapsible group that starts open. */
  defaultOpen?: boolean;
  hasError?: boolean;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const [hadError, setHadError] = useState(false);
  if (hasError !== hadError) {
    setHadError(hasError);
    if (hasError) setOpen(true);
  }
  if (!collapsible) {
    return (
      <section className="form-group" aria-label={title}>
        <h2>{title}</h2>
        {children}
      </section>
    );
  }
  return (
    <details
      className="form-group form-group-collapsible"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        <span className="form-group-title">{title}</span>
        {summary && <span className="form-group-summary">{summary}</span>}
      </summary>
      {children}
    </details>
  );
}
