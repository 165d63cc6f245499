/**
 * Runs Debian's ignition-validate (Ignition spec 3.3.0) on the compiled
 * output of every 1.0.0 Butane vector that compiles. Exits non-zero if any
 * output is refused. Usage: npx tsx scripts/validate-ignition.ts
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileButane } from "../src/core/butane/compile.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const vectors = path.resolve(repoRoot, "../shared/vectors/butane");
const validator = process.env.IGNITION_VALIDATE ?? "/usr/bin/ignition-validate";

interface Row {
  name: string;
  version: string;
}

const rows = readFileSync(path.join(vectors, "manifest.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Row)
  .filter((r) => r.version === "1.0.0");

const work = mkdtempSync(path.join(tmpdir(), "ignition-validate-"));
let checked = 0;
const failures: string[] = [];
try {
  for (const row of rows) {
    const result = compileButane(readFileSync(path.join(vectors, `${row.name}.bu`), "utf8"));
    if (result.ignition === undefined) continue;
    const file = path.join(work, `${row.name}.ign`);
    writeFileSync(file, result.ignition);
    const run = spawnSync(validator, [file], { encoding: "utf8" });
    checked++;
    if (run.error !== undefined) {
      console.error(`cannot run ${validator}: ${run.error.message}`);
      process.exit(2);
    }
    if (run.status !== 0) failures.push(`${row.name}: ${(run.stdout + run.stderr).trim()}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `ignition-validate: ${checked - failures.length}/${checked} compiled 1.0.0 vectors accepted`,
);
for (const f of failures) console.error(f);
process.exit(failures.length > 0 ? 1 : 0);
