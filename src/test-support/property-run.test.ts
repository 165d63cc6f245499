import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkProperty } from "./property-run";

const budget = { seed: 42, numRuns: 50, timeLimitMs: 5_000, minRuns: 10 };

describe("checkProperty", () => {
  it("draws the same cases from the same seed", () => {
    const draws = () => {
      const seen: number[] = [];
      checkProperty(
        "collect",
        fc.property(fc.integer(), (n) => void seen.push(n)),
        budget,
      );
      return seen;
    };
    expect(draws()).toEqual(draws());
  });

  it("throws fast-check's report, with the seed, on a counterexample", () => {
    expect(() =>
      checkProperty(
        "small numbers",
        fc.property(fc.nat(), (n) => n < 1000),
        budget,
      ),
    ).toThrow(/seed: 42/);
  });

  it("fails when too few cases ran within the time limit", () => {
    const slow = fc.property(fc.nat(), () => {
      const until = Date.now() + 30;
      while (Date.now() < until);
    });
    expect(() =>
      checkProperty("slow", slow, { seed: 1, numRuns: 100, timeLimitMs: 60, minRuns: 20 }),
    ).toThrow(/only \d+ cases ran within 60 ms; at least 20 are needed/);
  });
});
