import { startTransition, useEffect, useState, useSyncExternalStore } from "react";
import { localDay } from "../core/catalogue/support-schedule";

/**
 * The page's first render may hydrate markup prerendered at build time (see
 * docs/prerender.md). That render must be the build's, input for input; whatever depends on
 * the address, the person's clock or stored data changes right after, in a second render.
 */
const noSubscription = () => () => undefined;

/**
 * False while hydrating (and on the server, and in a link's page's first render), true from
 * the next render on. The switch is a transition, so the re-render it causes (the whole page,
 * with live data and the status line) runs in slices that yield to input: as a store update
 * it was one synchronous task, the longest of the page's load (about 35 ms, 140 ms on a
 * phone's CPU).
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => startTransition(() => setHydrated(true)), []);
  return hydrated;
}

/** The day the page was prerendered: set on the server, and on the client from the page's data. */
let prerenderedDay: string | undefined;
export function setPrerenderedDay(day: string | undefined): void {
  prerenderedDay = day;
}

const personsDay = () => localDay(new Date());

/**
 * Today (YYYY-MM-DD) for support dates: the prerender's day while hydrating, so the markup
 * matches, then the person's own clock (a text-only change when the days differ).
 */
export function useToday(): string {
  return useSyncExternalStore(noSubscription, personsDay, () => prerenderedDay ?? personsDay());
}
