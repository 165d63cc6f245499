import type { UseFormRegisterReturn } from "react-hook-form";
import { choiceValue, type Choice, type ChoiceValue } from "../core/config/choices";
import { RadioGroup } from "./radio-group";

/**
 * One choice from the core choices table, as radio buttons or a select: its values and labels,
 * the chosen value's plain explanation (or the choice's own), and its Details after it.
 */
export function ChoiceField({
  choice,
  registration,
  value,
  label = (entry) => entry.label,
  disabled,
  note,
  details,
}: {
  choice: Choice;
  registration: UseFormRegisterReturn;
  /** The chosen value, for its explanation. */
  value: string;
  /** A label that says more in context (the minor updates stay in, a missing image). */
  label?: (entry: ChoiceValue) => string;
  disabled?: (entry: ChoiceValue) => boolean;
  /** Said after the explanation. */
  note?: React.ReactNode;
  /** The upstream facts and docs, as a Details disclosure after the explanation. */
  details?: React.ReactNode;
}) {
  const chosen = choiceValue(choice, value);
  const explanation = chosen?.explanation ?? choice.explanation;
  const description =
    explanation || note ? (
      <>
        {explanation}
        {note ? <> {note}</> : null}
      </>
    ) : undefined;
  const id = `field-${registration.name}`;
  if (choice.control === "select") {
    return (
      <div className="field">
        <label htmlFor={id}>{choice.label}</label>
        <select id={id} aria-describedby={description ? `${id}-help` : undefined} {...registration}>
          {choice.values.map((entry) => (
            <option key={entry.value} value={entry.value} disabled={disabled?.(entry)}>
              {label(entry)}
            </option>
          ))}
        </select>
        {description && (
          <p className="help" id={`${id}-help`}>
            {description}
          </p>
        )}
        {details}
      </div>
    );
  }
  return (
    <RadioGroup
      legend={choice.label}
      registration={registration}
      options={choice.values.map((entry) => ({
        value: entry.value,
        label: label(entry),
        disabled: disabled?.(entry),
      }))}
      description={description}
      details={details}
    />
  );
}
