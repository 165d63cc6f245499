import * as z from "zod/mini";

// zod/mini: the same checks as zod's classic API in a fraction of the code and start-up
// work (it was the largest part of the page's first script task). It ships no messages:
// English ones say what was expected where a schema has no message of its own.
z.config(z.locales.en());

export { z };
