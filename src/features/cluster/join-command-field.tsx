import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { fieldLabels, type FormInput } from "../../core/config/form-input";

// The parser loads when the field is first used, not with the page (the first-load budget).
const loadParser = () => import("../../core/config/join-command");

export type JoinCommandOutcome = { ok: boolean; messages: string[] };

const filledFields = ["controlPlaneEndpoint", "joinToken", "caCertHash"] as const;

/**
 * Fills the worker's three join fields from a pasted join line, as typing them would (dirty and
 * validated, so the preview and the share link follow). A line that cannot be used changes
 * nothing: the fields keep what they had.
 */
export async function fillFromJoinCommand(
  text: string,
  setValue: UseFormReturn<FormInput>["setValue"],
): Promise<JoinCommandOutcome> {
  const { parseJoinCommand } = await loadParser();
  const result = parseJoinCommand(text);
  if (!result.ok) return { ok: false, messages: result.problems };
  for (const field of filledFields)
    setValue(field, result.values[field], { shouldDirty: true, shouldValidate: true });
  return {
    ok: true,
    messages: [
      // The token is a secret: named, never shown.
      `Filled ${fieldLabels.controlPlaneEndpoint} (${result.values.controlPlaneEndpoint}), ${fieldLabels.joinToken} and ${fieldLabels.caCertHash} from the join command.`,
      ...result.notes,
    ],
  };
}

const id = "field-joinCommand";

/**
 * The line kubeadm prints for a worker, pasted once instead of three values typed. Local state
 * only, never registered with the form: the line holds the join token, and the form's values
 * make the share link.
 */
export function JoinCommandField({
  form,
  help,
  details,
}: {
  form: UseFormReturn<FormInput>;
  /** What to paste, in plain words (field-help.ts). */
  help: string;
  details?: React.ReactNode;
}) {
  const [text, setText] = useState("");
  const [outcome, setOutcome] = useState<JoinCommandOutcome | undefined>(undefined);
  const fill = (value: string) => {
    void fillFromJoinCommand(value, form.setValue).then(setOutcome);
  };
  const failed = outcome !== undefined && !outcome.ok;
  const describedBy = [`${id}-help`, outcome ? `${id}-outcome` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>Paste the join command</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        spellCheck={false}
        autoComplete="off"
        data-secret
        aria-invalid={failed || undefined}
        aria-describedby={describedBy}
        // Fetched before the paste arrives, so the fields fill at once.
        onFocus={() => void loadParser()}
        onChange={(event) => {
          const value = event.target.value;
          setText(value);
          // A paste is the whole line at once: fill straight away. Typing waits for the button,
          // and a message about the text before the edit no longer applies.
          if ((event.nativeEvent as InputEvent).inputType === "insertFromPaste") fill(value);
          else setOutcome(undefined);
        }}
      />
      <p className="help" id={`${id}-help`}>
        {help}
      </p>
      <div className="join-command-actions">
        <button type="button" onClick={() => fill(text)}>
          Fill endpoint, token and hash
        </button>
      </div>
      {/* After the button: paste, then Fill, without a stop between. */}
      {details}
      {outcome &&
        (outcome.ok ? (
          <div className="help join-command-outcome" id={`${id}-outcome`} role="status">
            {outcome.messages.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        ) : (
          <div className="field-error join-command-outcome" id={`${id}-outcome`} role="alert">
            {outcome.messages.map((message) => (
              <p key={message}>{message}</p>
            ))}
            <p>The fields below keep what they had.</p>
          </div>
        ))}
    </div>
  );
}
