import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileButane } from "./compile.ts";
import {
  checkProperty,
  propertyTimeout,
  type PropertyBudget,
} from "../../test-support/property-run.ts";

// Fixed seeds; time limits that hold on a loaded 2-core machine (fewer cases, never a timeout).
const budgets = {
  mutated: { seed: 20260711, numRuns: 300, timeLimitMs: 10_000, minRuns: 40 },
  trees: { seed: 20260712, numRuns: 200, timeLimitMs: 8_000, minRuns: 40 },
} satisfies Record<string, PropertyBudget>;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const VECTORS = path.resolve(repoRoot, "../shared/vectors/butane");
let inputs: string[] = [];
try {
  inputs = readdirSync(VECTORS)
    .filter((f) => f.endsWith(".bu"))
    .slice(0, 120)
    .map((f) => readFileSync(path.join(VECTORS, f), "utf8"));
} catch {
  inputs = ["variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /a\n"];
}
if (inputs.length === 0) inputs = ["variant: flatcar\nversion: 1.0.0\n"];

/** `strict` comes from the property's own input, so a seed replays the same run. */
function check(src: string, strict: boolean): void {
  const r = compileButane(src, { strict });
  expect(r.exitCode === 0 ? r.ignition !== undefined : r.stderr !== "").toBe(true);
}

const mutation = fc.record({
  strict: fc.boolean(),
  index: fc.nat(),
  at: fc.nat(),
  len: fc.nat({ max: 12 }),
  insert: fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      "\t",
      ":",
      "- ",
      "&a ",
      "*a",
      "[",
      "{",
      "\n  ",
      "'",
      '"',
      "0o7",
      "!!int ",
      "\u2028",
      "~",
      "<<: ",
    ),
  ),
});

describe("compileButane never throws", () => {
  it(
    "on mutated vector inputs",
    () => {
      checkProperty(
        "mutated vector inputs",
        fc.property(mutation, ({ strict, index, at, len, insert }) => {
          const base = inputs[index % inputs.length] ?? "";
          const pos = at % (base.length + 1);
          check(base.slice(0, pos) + insert + base.slice(pos + len), strict);
        }),
        budgets.mutated,
      );
    },
    propertyTimeout(budgets.mutated),
  );
  it(
    "on random YAML trees",
    () => {
      const leaf = fc.oneof(
        fc.string({ maxLength: 6 }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
      );
      const tree = fc.letrec((tie) => ({
        node: fc.oneof(
          { depthSize: "small" },
          leaf,
          fc.array(tie("node"), { maxLength: 3 }),
          fc.dictionary(
            fc.constantFrom(
              "storage",
              "files",
              "path",
              "contents",
              "inline",
              "systemd",
              "units",
              "name",
              "mode",
              "x",
            ),
            tie("node"),
            { maxKeys: 3 },
          ),
        ),
      })).node;
      checkProperty(
        "random YAML trees",
        fc.property(tree, fc.boolean(), (t, strict) => {
          check(
            `variant: flatcar\nversion: 1.1.0\n${JSON.stringify({ storage: t, systemd: t })}`.replace(
              /^\{|\}$/g,
              "",
            ),
            strict,
          );
          check(`variant: flatcar\nversion: 1.0.0\nstorage: ${JSON.stringify(t)}\n`, strict);
        }),
        budgets.trees,
      );
    },
    propertyTimeout(budgets.trees),
  );
});
