import { test as base } from "@playwright/test";

/**
 * Browser tests that are not about the live catalogue: GitHub is unreachable for them, so they
 * see the embedded snapshot on any machine, with or without internet.
 *
 * A person is at the page: their pointer moves over it now and then, as a person's does. The
 * page makes the cluster's CA only once someone is there (src/ui/first-presence.ts); a test of
 * a first load nobody acts on says `test.use({ personPresent: false })`.
 */
export const test = base.extend<{ personPresent: boolean }>({
  personPresent: [true, { option: true }],
  context: async ({ context, personPresent }, use) => {
    await context.route("https://api.github.com/**", (route) =>
      route.abort("internetdisconnected"),
    );
    if (personPresent)
      await context.addInitScript(() => {
        const move = () => document.dispatchEvent(new PointerEvent("pointermove"));
        const timer = setInterval(move, 100);
        setTimeout(() => clearInterval(timer), 30_000);
      });
    await use(context);
  },
});

export { expect } from "@playwright/test";
