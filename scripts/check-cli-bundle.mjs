/**
 * The command line as shipped (package.json's `bin`, dist-cli/cli.mjs built by `npm run
 * build`): builds it when missing or stale, then compiles real-world Butane configs with it
 * as `butane --pretty` does and compares stdout byte for byte with the reference Butane's
 * output (../shared/vectors/butane-real). Exits 1 on any difference.
 *   node scripts/check-cli-bundle.mjs
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cliBundle, ensureCliBundle } from "./cli.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const vectors = path.resolve(repoRoot, "../shared/vectors/butane-real");
const cases = ["bakery-001", "bakery-002", "bakery-003"];

const packageBin = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).bin;
if (!Object.values(packageBin ?? {}).some((bin) => path.resolve(repoRoot, bin) === cliBundle)) {
  console.error(`package.json's bin does not name ${path.relative(repoRoot, cliBundle)}`);
  process.exit(1);
}
ensureCliBundle();
let failed = 0;
for (const name of cases) {
  const run = spawnSync(
    process.execPath,
    [cliBundle, "butane", "--pretty", path.join(vectors, `${name}.bu`)],
    { encoding: "utf8" },
  );
  const expected = readFileSync(path.join(vectors, `${name}.ign`), "utf8");
  const same = run.status === 0 && run.stdout === expected;
  console.log(
    `  ${same ? "ok  " : "FAIL"} ${name}${same ? "" : ` (exit ${run.status}) ${run.stderr}`}`,
  );
  if (!same) failed += 1;
}
console.log(
  `${path.relative(repoRoot, cliBundle)}: ${cases.length - failed} of ${cases.length} as the reference`,
);
process.exitCode = failed === 0 ? 0 : 1;
