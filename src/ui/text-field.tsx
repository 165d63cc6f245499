import type { UseFormRegisterReturn } from "react-hook-form";

/** A labelled text input with its help text and, when the value is not valid, the error. */
export function TextField({
  label,
  registration,
  error,
  help,
  placeholder,
  autoComplete = "off",
  secret = false,
}: {
  label: string;
  registration: UseFormRegisterReturn;
  error?: string;
  help?: string;
  placeholder?: string;
  autoComplete?: string;
  secret?: boolean;
}) {
  const id = `field-${registration.name}`;
  const describedBy = [help ? `${id}-help` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        spellCheck={false}
        autoComplete={autoComplete}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        data-secret={secret || undefined}
        {...registration}
      />
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
