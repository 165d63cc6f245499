import { useState } from "react";
import type { DocsLink } from "../core/config/choices";

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
  docs = [],
  children,
}: {
  title: string;
  /** The group's current values in a few words, shown while it is collapsed. */
  summary?: string;
  collapsible?: boolean;
  /** A collapsible group that starts open. */
  defaultOpen?: boolean;
  hasError?: boolean;
  /** The sources the group's choices rest on, linked once under its title. */
  docs?: readonly DocsLink[];
  children: React.ReactNode;
}) {
  const docsLine = docs.length > 0 && <DocsLine docs={docs} />;
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
        {docsLine}
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
      {docsLine}
      {children}
    </details>
  );
}

/** "Docs: Flatcar's update strategies, kured's installation docs": each source once. */
export function DocsLine({ docs }: { docs: readonly DocsLink[] }) {
  const unique = docs.filter(
    (link, index) => docs.findIndex((other) => other.url === link.url) === index,
  );
  return (
    <p className="group-docs">
      Docs:{" "}
      {unique.map((link, index) => (
        <span key={link.url}>
          {index > 0 ? ", " : ""}
          <a href={link.url} target="_blank" rel="noreferrer">
            {link.label}
          </a>
        </span>
      ))}
    </p>
  );
}
