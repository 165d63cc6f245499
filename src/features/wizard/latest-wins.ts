/**
 * Runs one job at a time; a request made while one runs waits, and a newer request replaces
 * it, so a burst of keystrokes costs at most two runs and results arrive in request order.
 */
export function latestWins<Request, Result>(
  run: (request: Request) => Promise<Result>,
  deliver: (result: Result) => void,
) {
  let running = false;
  let waiting: { request: Request } | undefined;
  let stopped = false;
  const next = () => {
    if (running || stopped || !waiting) return;
    const { request } = waiting;
    waiting = undefined;
    running = true;
    run(request)
      .then(
        (result) => stopped || deliver(result),
        () => undefined, // A failed run shows nothing new; the next request may succeed.
      )
      .finally(() => {
        running = false;
        next();
      });
  };
  return {
    request(request: Request) {
      waiting = { request };
      next();
    },
    stop() {
      stopped = true;
      waiting = undefined;
    },
  };
}
