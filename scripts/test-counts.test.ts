import { describe, expect, it } from "vitest";
import { playwrightCount, vitestCount } from "./test-counts.mjs";

describe("vitestCount", () => {
  it("counts a file that crashed on import as a failure, and skipped and todo tests as skipped", () => {
    // The shape Vitest 4's JSON reporter writes for one crashed file and one with a skip and a todo.
    const report = {
      numPassedTests: 1,
      numFailedTests: 0,
      numPendingTests: 1,
      numTodoTests: 1,
      numFailedTestSuites: 1,
      testResults: [
        {
          name: "crash.test.ts",
          status: "failed",
          message: "boom at import",
          assertionResults: [],
        },
        {
          name: "skip.test.ts",
          status: "passed",
          assertionResults: [{ status: "skipped" }, { status: "todo" }, { status: "passed" }],
        },
      ],
    };
    expect(vitestCount(report)).toEqual({ passed: 1, failed: 1, skipped: 2 });
  });

  it("does not count a file twice when its tests failed", () => {
    const report = {
      numPassedTests: 3,
      numFailedTests: 2,
      testResults: [
        { status: "failed", assertionResults: [{ status: "failed" }, { status: "failed" }] },
        { status: "failed", assertionResults: [] },
      ],
    };
    expect(vitestCount(report)).toEqual({ passed: 3, failed: 3, skipped: 0 });
  });
});

describe("playwrightCount", () => {
  it("counts flaky as passed and reports skipped", () => {
    expect(
      playwrightCount({ stats: { expected: 5, flaky: 1, unexpected: 2, skipped: 3 } }),
    ).toEqual({
      passed: 6,
      failed: 2,
      skipped: 3,
    });
  });
});
