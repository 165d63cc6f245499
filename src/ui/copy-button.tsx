import { useState } from "react";
import { copyText } from "./copy-text";

/** A button that copies text and says, next to it, whether that worked. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [status, setStatus] = useState("");
  return (
    <span className="copy-button">
      <button
        type="button"
        onClick={async () => {
          setStatus((await copyText(text)).message);
          window.setTimeout(() => setStatus(""), 4000);
        }}
      >
        {label}
      </button>
      <span className="action-status" role="status" aria-live="polite">
        {status}
      </span>
    </span>
  );
}
