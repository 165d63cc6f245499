import type { RefObject } from "react";

/**
 * A hidden file input for a JSON file the person chooses (a button clicks it): hands over the
 * file's text, and forgets the choice so the same file can be chosen again.
 */
export function JsonFileInput({
  inputRef,
  label,
  onText,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  label: string;
  onText: (text: string) => void | Promise<void>;
}) {
  return (
    <input
      ref={inputRef}
      type="file"
      accept=".json,application/json"
      hidden
      aria-label={label}
      onChange={async (event) => {
        const file = event.target.files?.[0];
        event.target.value = "";
        if (file) await onText(await file.text());
      }}
    />
  );
}
