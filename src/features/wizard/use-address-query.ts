import { useEffect } from "react";

/** After this long without a change, the address is updated. */
const settleMs = 250;

function writeQuery(query: string) {
  const url = new URL(window.location.href);
  if (url.search === (query ? `?${query}` : "")) return;
  url.search = query;
  window.history.replaceState(null, "", url);
}

/**
 * The address always holds the current choices, so a reload or a bookmark restores them.
 * history.replaceState costs Chromium about 10 ms, so it waits until typing pauses, and is
 * written at once when the page is hidden or left.
 */
export function useAddressQuery(query: string): void {
  useEffect(() => {
    const timer = window.setTimeout(() => writeQuery(query), settleMs);
    const flush = () => writeQuery(query);
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", flush);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", flush);
    };
  }, [query]);
}
