import type { choices, ValuesOf } from "../config/choices";

/** How long the bootstrap token lives: its values, labels and trade-offs are in the choices table. */
export type TokenTtl = ValuesOf<typeof choices.tokenTtl.values>[number];
