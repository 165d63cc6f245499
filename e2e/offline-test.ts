import { test as base } from "@playwright/test";

/**
 * Browser tests that are not about the live catalogue: GitHub is unreachable for them, so they
 * see the embedded snapshot on any machine, with or without internet.
 */
export const test = base.extend({
  context: async ({ context }, use) => {
    await context.route("https://api.github.com/**", (route) =>
      route.abort("internetdisconnected"),
    );
    await use(context);
  },
});

export { expect } from "@playwright/test";
