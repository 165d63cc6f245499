import { describe, expect, it } from "vitest";
import { parseGoInt, resolvePlain, resolveScalar } from "./yaml-scalars.ts";

describe("YAML scalars as yaml.v3 resolves them", () => {
  it("reads leading-zero integers as octal, and 0o/0x/0b prefixes", () => {
    expect(resolvePlain("0644")).toEqual({ tag: "!!int", value: 420n });
    expect(resolvePlain("0o600")).toEqual({ tag: "!!int", value: 384n });
    expect(resolvePlain("0x1F")).toEqual({ tag: "!!int", value: 31n });
    expect(resolvePlain("0b101")).toEqual({ tag: "!!int", value: 5n });
    expect(resolvePlain("1_000")).toEqual({ tag: "!!int", value: 1000n });
  });
  it("falls back to a float when a leading-zero number is not octal", () => {
    expect(resolvePlain("09")).toEqual({ tag: "!!float", value: 9 });
  });
  it("keeps YAML 1.1 booleans like yes/no/on as strings (YAML 1.2 core)", () => {
    expect(resolvePlain("yes")).toEqual({ tag: "!!str", value: "yes" });
    expect(resolvePlain("True")).toEqual({ tag: "!!bool", value: true });
    expect(resolvePlain("~")).toEqual({ tag: "!!null" });
  });
  it("treats quoted scalars as strings", () => {
    expect(resolveScalar("0644", false)).toEqual({ tag: "!!str", value: "0644" });
  });
  it("refuses integers beyond 64 bits", () => {
    expect(parseGoInt("99999999999999999999")).toBeUndefined();
  });
});
