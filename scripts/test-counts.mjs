/**
 * Test counts from the suites' JSON reports, for test-all.mjs's final line.
 * Vitest 4 reports a test file that crashes on import as a failed file with no tests in it
 * (numFailedTestSuites, not Jest's numRuntimeErrorTestSuites), so each such file is one failure.
 */

/** @param {any} report Vitest's --reporter=json output */
export function vitestCount(report) {
  const files = Array.isArray(report.testResults) ? report.testResults : [];
  const crashedFiles = files.filter(
    (file) =>
      file.status === "failed" &&
      !(file.assertionResults ?? []).some((test) => test.status === "failed"),
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + crashedFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** @param {any} report Playwright's JSON reporter output */
export function playwrightCount(report) {
  const stats = report.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  };
}
