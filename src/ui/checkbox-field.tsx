import type { ReactNode } from "react";

/** A labelled switch for a two-valued choice held as text ("on" / "off"). */
export function CheckboxField({
  name,
  label,
  checked,
  onChange,
  help,
  details,
}: {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  help?: ReactNode;
  details?: ReactNode;
}) {
  const id = `field-${name}`;
  return (
    <div className="field checkbox-field">
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          aria-describedby={help ? `${id}-help` : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />{" "}
        {label}
      </label>
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {details}
    </div>
  );
}
