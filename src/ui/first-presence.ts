/**
 * The person's first sign of being at the page: a pointer moving or pressed, a key, focus, a
 * scroll or a touch. Work that only matters to someone using the page (the cluster's CA, which
 * takes the X.509 code and a key pair) waits for it, so a first load that nobody acts on fetches
 * and runs only the page itself (issue 28).
 */
const presenceEvents = [
  "pointermove",
  "pointerdown",
  "keydown",
  "focusin",
  "wheel",
  "scroll",
  "touchstart",
] as const;

let present = false;

/** Calls `callback` once the person has shown up (at once if they already have); returns a cancel. */
export function whenPersonPresent(callback: () => void): () => void {
  if (present) {
    callback();
    return () => undefined;
  }
  const arrived = () => {
    present = true;
    stop();
    callback();
  };
  const stop = () => {
    for (const type of presenceEvents)
      document.removeEventListener(type, arrived, { capture: true });
  };
  for (const type of presenceEvents)
    document.addEventListener(type, arrived, { capture: true, passive: true });
  return stop;
}
