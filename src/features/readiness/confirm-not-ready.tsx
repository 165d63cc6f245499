import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import type { Readiness } from "../../core/readiness/readiness";

/** What a confirmation asks: the action, and why it needs a second step. */
export interface Confirmation {
  title: string;
  /** The problems, one per line. */
  items: string[];
  /** The button that goes ahead: "Download anyway". */
  proceed: string;
  intro?: string;
}

type Ask = (confirmation: Confirmation) => Promise<boolean>;

const ConfirmContext = createContext<Ask>(async () => true);

/**
 * One modal dialog for the page's second steps: saving or copying files that are not ready,
 * replacing secrets that files already hold. Cancel (or Escape) is the default.
 */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [shown, setShown] = useState<Confirmation | undefined>(undefined);
  const answer = useRef<((proceed: boolean) => void) | undefined>(undefined);

  const ask = useCallback<Ask>(
    (confirmation) =>
      new Promise<boolean>((resolve) => {
        answer.current?.(false);
        answer.current = resolve;
        setShown(confirmation);
        // Opened after React has rendered the text into it.
        requestAnimationFrame(() => {
          if (dialog.current && !dialog.current.open) dialog.current.showModal();
        });
      }),
    [],
  );
  const close = (proceed: boolean) => {
    answer.current?.(proceed);
    answer.current = undefined;
    dialog.current?.close();
    setShown(undefined);
  };

  return (
    <ConfirmContext.Provider value={ask}>
      {children}
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby="confirm-title"
        onCancel={(event) => {
          event.preventDefault();
          close(false);
        }}
      >
        {shown && (
          <>
            <h2 id="confirm-title">{shown.title}</h2>
            {shown.intro && <p>{shown.intro}</p>}
            <ul>
              {shown.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
            <div className="confirm-actions">
              <button type="button" autoFocus onClick={() => close(false)}>
                Cancel
              </button>
              <button type="button" className="button-danger" onClick={() => close(true)}>
                {shown.proceed}
              </button>
            </div>
          </>
        )}
      </dialog>
    </ConfirmContext.Provider>
  );
}

/** Asks for a second step; resolves true when the person goes ahead. */
export function useConfirm(): Ask {
  return useContext(ConfirmContext);
}

/**
 * Ready output goes at once; output that is not ready needs the second step, which lists
 * what to fix. `action` names what is about to happen: "Download all (.zip)"; `purpose` what
 * the files are for: "boot", "upgrade".
 */
export function useConfirmNotReady(): (
  action: string,
  readiness: Readiness,
  purpose?: string,
) => Promise<boolean> {
  const ask = useConfirm();
  return useCallback(
    async (action, readiness, purpose = "boot") => {
      if (readiness.ready) return true;
      const count = readiness.blocking.length;
      return ask({
        title: `Not ready to ${purpose}: ${count} ${count === 1 ? "thing" : "things"} to fix`,
        intro: `${action} gives files that cannot work as they are:`,
        items: readiness.blocking.map((item) => item.message),
        proceed: `${action} anyway`,
      });
    },
    [ask],
  );
}

/** What an action says when the person chose not to go ahead. */
export const notDone = (readiness: Readiness) => ({
  ok: false,
  message: `Not done: ${readiness.blocking.length} to fix first.`,
});
