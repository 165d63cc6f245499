import { ActionButton } from "./action-button";
import { copyText } from "./copy-text";

/** A button that copies text and says, next to it, whether that worked. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  return <ActionButton label={label} action={() => copyText(text)} />;
}
