import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileButane } from "./compile.ts";

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

function check(src: string): void {
  const r = compileButane(src, { strict: Math.random() < 0.5 });
  expect(r.exitCode === 0 ? r.ignition !== undefined : r.stderr !== "").toBe(true);
}

const mutation = fc.record({
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
  it("on mutated vector inputs", () => {
    fc.assert(
      fc.property(mutation, ({ index, at, len, insert }) => {
        const base = inputs[index % inputs.length] ?? "";
        const pos = at % (base.length + 1);
        check(base.slice(0, pos) + insert + base.slice(pos + len));
      }),
      { numRuns: 300 },
    );
  });
  it("on random YAML trees", () => {
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
    fc.assert(
      fc.property(tree, (t) => {
        check(
          `variant: flatcar\nversion: 1.1.0\n${JSON.stringify({ storage: t, systemd: t })}`.replace(
            /^\{|\}$/g,
            "",
          ),
        );
        check(`variant: flatcar\nversion: 1.0.0\nstorage: ${JSON.stringify(t)}\n`);
      }),
      { numRuns: 200 },
    );
  });
});
