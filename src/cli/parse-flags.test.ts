import { describe, expect, it } from "vitest";
import { nodeCounts, parseFlags } from "./parse-flags";

const spec = { "--preset": "value", "--workers": "value", "--strict": "switch" } as const;

describe("the commands' one argument loop", () => {
  it("reads values and switches; the last of a repeated flag wins", () => {
    expect(parseFlags(["--preset", "k8s=v1.35.6", "--strict", "--preset", "x"], spec)).toEqual({
      flags: { "--preset": "x", "--strict": true },
    });
    // A value may look like a flag: it is the value.
    expect(parseFlags(["--preset", "--strict"], spec)).toEqual({
      flags: { "--preset": "--strict" },
    });
  });

  it("names an unknown argument, and a flag without its value", () => {
    expect(parseFlags(["--strict", "--bogus"], spec)).toEqual({
      problem: "unknown argument: --bogus",
    });
    expect(parseFlags(["--workers"], spec)).toEqual({ problem: "--workers needs a value" });
    expect(parseFlags(["config.bu"], spec)).toEqual({ problem: "unknown argument: config.bu" });
  });

  it("reads node counts by their rules, naming what is allowed", () => {
    expect(nodeCounts({ "--workers": "3", "--control-planes": "3" })).toEqual({
      workers: 3,
      controlPlanes: "3",
    });
    expect(nodeCounts({})).toEqual({});
    expect(nodeCounts({ "--workers": "three" })).toEqual({
      problem: expect.stringContaining("--workers takes a whole number from 0 to"),
    });
    expect(nodeCounts({ "--control-planes": "2" })).toEqual({
      problem: expect.stringContaining("--control-planes takes 1, 3, 5"),
    });
  });
});
