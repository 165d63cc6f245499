import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { nodeFilesDirectory } from "../../cli/node-files-directory.ts";
import { compileButane } from "./compile.ts";
import type { CompileOptions } from "./compile.ts";
import { makeDataUrl } from "./data-url.ts";

/**
 * The reference Butane (v0.25.1) against this compiler, on the recorded
 * vectors beside the repository:
 * - ../shared/vectors/butane: 347 configs written for this project;
 * - ../shared/vectors/butane-real: 401 configs from public repositories
 *   (PROVENANCE.md), 21 of them compiled with --files-dir;
 * - ../shared/vectors/gzip: 2,400 inline strings and the data URL Butane wrote.
 * Each config must match on exit status with and without --strict, on the
 * Ignition bytes (data URLs included, so a different gzip choice or a
 * different deflate stream is a difference), and on stderr.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const vectorsRoot = path.resolve(repoRoot, "../shared/vectors");

type Measure = "exit" | "ignition" | "messages";

/** Vectors that still differ, with the reason; they count as mismatches in the printed figures. */
const KNOWN_MISMATCHES: Record<string, { measure: Measure; reason: string }[]> = {};

interface Row {
  name: string;
  version: string;
  rc: number;
  strict_rc: number;
  gzip: boolean;
  /** `["--files-dir", DIR]` for cases compiled with a files directory. */
  args?: string[];
}

function readManifest(file: string): Row[] {
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Row);
}

/** Why a vector folder cannot be used, or null when all its manifests' cases are there. */
function folderProblem(folder: string, manifests: string[]): string | null {
  const shown = path.relative(repoRoot, folder);
  if (!existsSync(folder)) return `${shown} is missing`;
  for (const m of manifests) {
    if (!existsSync(path.join(folder, m))) return `${shown}/${m} is missing`;
  }
  const rows = manifests.flatMap((m) => readManifest(path.join(folder, m)));
  const present = new Set(readdirSync(folder).filter((f) => f.endsWith(".bu")));
  const absent = rows.filter((r) => !present.has(`${r.name}.bu`));
  if (absent.length > 0) {
    return `${shown} holds ${rows.length - absent.length} of the ${rows.length} cases its manifests list (missing ${absent
      .slice(0, 5)
      .map((r) => r.name)
      .join(", ")}…)`;
  }
  return null;
}

function runSuite(label: string, manifests: string[]): void {
  const folder = path.join(vectorsRoot, label);
  describe(`butane vectors: ${label}`, () => {
    const problem = folderProblem(folder, manifests);
    it(`${label}: the vector folder holds every case its manifests list`, () => {
      expect(problem).toBeNull();
    });
    if (problem !== null) return;
    const rows = manifests.flatMap((m) => readManifest(path.join(folder, m)));
    const tally = { exit: 0, ignition: 0, ignitionTotal: 0, messages: 0, known: 0 };

    const check = (name: string, measure: Measure, same: boolean, assert: () => void): void => {
      const entry = (KNOWN_MISMATCHES[`${label}/${name}`] ?? []).find((m) => m.measure === measure);
      if (same) tally[measure]++;
      if (entry === undefined) {
        assert();
        return;
      }
      tally.known++;
      // A listed mismatch that now matches must leave the list.
      expect(same, `${name} ${measure} now matches: remove it from KNOWN_MISMATCHES`).toBe(false);
    };

    for (const row of rows) {
      const options = (): CompileOptions => {
        const args = row.args ?? [];
        const at = args.indexOf("--files-dir");
        const dir = at >= 0 ? args[at + 1] : undefined;
        if (dir === undefined) return {};
        return {
          filesDir: { ...nodeFilesDirectory(path.join(folder, dir)), displayPath: dir },
        };
      };
      const source = () => readFileSync(path.join(folder, `${row.name}.bu`), "utf8");

      it(`${row.name}: exit status with and without --strict`, () => {
        const got = [
          compileButane(source(), options()).exitCode,
          compileButane(source(), { ...options(), strict: true }).exitCode,
        ];
        const want = [row.rc, row.strict_rc];
        check(row.name, "exit", got[0] === want[0] && got[1] === want[1], () =>
          expect(got).toEqual(want),
        );
      });

      const ignPath = path.join(folder, `${row.name}.ign`);
      if (existsSync(ignPath)) {
        it(`${row.name}: Ignition bytes, data URLs included`, () => {
          tally.ignitionTotal++;
          const want = readFileSync(ignPath, "utf8");
          const got = compileButane(source(), { ...options(), pretty: true }).ignition ?? "";
          check(row.name, "ignition", got === want, () => expect(got).toBe(want));
        });
      }

      it(`${row.name}: messages`, () => {
        const want = readFileSync(path.join(folder, `${row.name}.stderr`), "utf8");
        const got = compileButane(source(), options()).stderr;
        check(row.name, "messages", got === want, () => expect(got).toBe(want));
      });
    }

    afterAll(() => {
      console.log(
        `butane vectors ${label}: exit status ${tally.exit}/${rows.length}, ignition ${tally.ignition}/${tally.ignitionTotal}, messages ${tally.messages}/${rows.length}; known mismatches ${tally.known}`,
      );
    });
  });
}

runSuite("butane", ["manifest.jsonl"]);
runSuite("butane-real", ["manifest.jsonl", "manifest-filesdir.jsonl"]);

interface GzipCase {
  name: string;
  contents_b64: string;
  source: string;
  compression: string;
}

describe("butane vectors: gzip", () => {
  const file = path.join(vectorsRoot, "gzip", "cases.jsonl");
  const shown = path.relative(repoRoot, path.dirname(file));
  /** The folder's README records 2,400 strings. */
  const EXPECTED_CASES = 2400;

  it("matches the reference's gzip-or-not choice and data URL bytes on every recorded string", () => {
    expect(existsSync(file), `${shown}/cases.jsonl is missing`).toBe(true);
    const cases = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as GzipCase);
    expect(cases.length, `${shown} holds fewer cases than its README lists`).toBeGreaterThanOrEqual(
      EXPECTED_CASES,
    );
    let choice = 0;
    let bytes = 0;
    const wrong: string[] = [];
    for (const c of cases) {
      const input = Uint8Array.from(atob(c.contents_b64), (ch) => ch.charCodeAt(0));
      const got = makeDataUrl(input, undefined);
      if (got.compression === c.compression) choice++;
      if (got.source === c.source) bytes++;
      if (got.compression !== c.compression || got.source !== c.source) wrong.push(c.name);
    }
    console.log(
      `butane vectors gzip: choice ${choice}/${cases.length}, data URL bytes ${bytes}/${cases.length}`,
    );
    expect(wrong).toEqual([]);
    // 2,400 compressions of up to 24 KB: seconds on a loaded machine.
  }, 120_000);
});
