import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

/**
 * A labelled text input (a text area when `rows` is given) with its help text and, when the
 * value is not valid, the error. The input keeps whatever was typed.
 */
export function TextField({
  label,
  registration,
  error,
  help,
  rows,
  secret = false,
  details,
}: {
  label: string;
  registration: UseFormRegisterReturn;
  error?: ReactNode;
  help?: ReactNode;
  rows?: number;
  secret?: boolean;
  /** The upstream facts behind the help, as a Details disclosure after it. */
  details?: ReactNode;
}) {
  const id = `field-${registration.name}`;
  const describedBy = [help ? `${id}-help` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  const common = {
    id,
    spellCheck: false,
    autoComplete: "off",
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
    "data-secret": secret || undefined,
    ...registration,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {rows ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {details}
      {error && (
        // No live region here: the readiness summary announces changes once, politely.
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}
