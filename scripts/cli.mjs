/**
 * `npm run cli -- …`: runs the bundled command line (dist-cli/cli.mjs, package.json's `bin`),
 * building it first when it is missing or older than any source file it is built from, so
 * an edit to src/ never runs stale code. The build's messages go to stderr: stdout stays the
 * command's own (`npm run --silent cli -- butane … > config.ign`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const cliBundle = path.join(repoRoot, "dist-cli/cli.mjs");

/** The newest modification time of the files the bundle is built from, in ms. */
function newestSource() {
  let newest = statSync(path.join(repoRoot, "vite.cli.config.ts")).mtimeMs;
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const file = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(file);
      else newest = Math.max(newest, statSync(file).mtimeMs);
    }
  };
  walk(path.join(repoRoot, "src"));
  return newest;
}

/** Builds dist-cli/cli.mjs when it is missing or stale; throws when the build fails. */
export function ensureCliBundle() {
  if (existsSync(cliBundle) && statSync(cliBundle).mtimeMs >= newestSource()) return;
  const build = spawnSync(
    "npx",
    ["vite", "build", "--config", "vite.cli.config.ts", "--logLevel", "error"],
    { cwd: repoRoot, stdio: ["ignore", process.stderr, process.stderr] },
  );
  if (build.status !== 0) throw new Error(`building ${cliBundle} failed (exit ${build.status})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureCliBundle();
  // The bundle reads process.argv.slice(2): the same arguments as this script's.
  await import(pathToFileURL(cliBundle).href);
}
