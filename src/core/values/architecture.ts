/*
 * The architectures the bakery builds for, with the spellings a link may use. Down here, below
 * version.ts, the catalogue and config, so each of them reads this one list: the arch choice in
 * config/choices.ts offers these entries as they are.
 */

export const architectureValues = [
  // Go's and Debian's (amd64) and the kernel's (x86_64, aarch64) names for the bakery's two.
  { value: "x86-64", label: "x86-64", aliases: ["amd64", "x86_64"] },
  { value: "arm64", label: "arm64", aliases: ["aarch64"] },
] as const;

/** The entries' values, typed as their literals (a schema's enum needs them). */
type ValueList<V extends readonly { value: string }[]> = {
  [K in keyof V]: V[K] extends { value: infer X } ? X : never;
};

/** The architectures the bakery builds a Kubernetes image for, in the order the page lists them. */
export const architectures = architectureValues.map((entry) => entry.value) as unknown as ValueList<
  typeof architectureValues
>;
export type Architecture = (typeof architectures)[number];
