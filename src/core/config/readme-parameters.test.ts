import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { choices, type Choice } from "./choices";
import { readmeParameterMismatches } from "./readme-parameters";
import { defaultWizardState } from "./wizard-state";

/** The preset parameter table lives in docs/choices.md (the README links it). */
const readme = readFileSync(path.resolve(import.meta.dirname, "../../../docs/choices.md"), "utf8");
const defaults = defaultWizardState("v1.36.2");

describe("docs/choices.md's preset parameter table", () => {
  it("lists every choice's values, aliases and default as the choices table has them", () => {
    expect(readmeParameterMismatches(readme, choices, defaults)).toEqual([]);
  });

  it("notices a value or an alias docs/choices.md does not list", () => {
    const arch: Choice = {
      ...choices.arch,
      values: [...choices.arch.values, { value: "riscv64", label: "riscv64", aliases: ["rv64"] }],
    };
    expect(readmeParameterMismatches(readme, { ...choices, arch }, defaults)).toEqual([
      "arch: docs/choices.md lists x86-64, arm64; the table has x86-64, arm64, riscv64",
      "arch=riscv64: docs/choices.md reads no other spelling; the table rv64",
    ]);
  });
});
