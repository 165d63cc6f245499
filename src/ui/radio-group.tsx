import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

export interface RadioOption {
  value: string;
  label: string;
  hint?: string;
  disabled?: boolean;
}

/** A labelled group of radio buttons: a fieldset whose legend is the field's name. */
export function RadioGroup({
  legend,
  options,
  registration,
  description,
  details,
}: {
  legend: string;
  options: RadioOption[];
  registration: UseFormRegisterReturn;
  description?: ReactNode;
  details?: ReactNode;
}) {
  const id = `field-${registration.name}`;
  return (
    <fieldset
      className="field radio-group"
      aria-describedby={description ? `${id}-help` : undefined}
    >
      <legend>{legend}</legend>
      <div className="radio-options">
        {options.map((option) => (
          <label key={option.value} className="radio-option" title={option.hint}>
            <input type="radio" value={option.value} disabled={option.disabled} {...registration} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {description && (
        <p className="help" id={`${id}-help`}>
          {description}
        </p>
      )}
      {details}
    </fieldset>
  );
}
