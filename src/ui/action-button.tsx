import { useEffect, useRef, useState } from "react";

/**
 * A button whose action reports what happened in words, shown next to it for a while:
 * "Copied.", or why the browser refused. Nothing is lost when an action fails.
 */
export function ActionButton({
  label,
  action,
  disabled,
  title,
  primary = false,
}: {
  label: string;
  action: () => Promise<{ ok: boolean; message: string }> | { ok: boolean; message: string };
  disabled?: boolean;
  title?: string;
  /** The page's one main action: a filled button; the others are outlined. */
  primary?: boolean;
}) {
  const [status, setStatus] = useState({ ok: true, message: "" });
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return (
    <span className="action">
      <button
        type="button"
        className={primary ? "button-primary" : undefined}
        disabled={disabled}
        title={title}
        onClick={async () => {
          const result = await action();
          setStatus(result);
          window.clearTimeout(timer.current);
          // Success fades; a failure stays until the next try.
          if (result.ok)
            timer.current = window.setTimeout(() => setStatus({ ok: true, message: "" }), 4000);
        }}
      >
        {label}
      </button>
      <ActionStatus status={status} />
    </span>
  );
}

/** What an action did, in words beside it; a failure is marked as one. */
export function ActionStatus({ status }: { status: { ok: boolean; message: string } }) {
  return (
    <span className={status.ok ? "action-status" : "action-status action-failed"} role="status">
      {status.message}
    </span>
  );
}
