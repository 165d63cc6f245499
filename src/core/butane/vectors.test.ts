import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { compileButane } from "./compile.ts";

/**
 * The reference Butane's behaviour on 347 configs (../shared/vectors/butane,
 * beside the repository): exit statuses with and without --strict, the
 * Ignition output, and the messages on stderr.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const VECTORS = path.resolve(repoRoot, "../shared/vectors/butane");

interface Row {
  name: string;
  version: string;
  rc: number;
  strict_rc: number;
  gzip: boolean;
}

/** Vectors that still differ, with the reason; they count as mismatches in the figures. */
const KNOWN_MISMATCHES: Record<
  string,
  { measure: "exit" | "ignition" | "messages"; reason: string }[]
> = {};

const rows: Row[] = existsSync(path.join(VECTORS, "manifest.jsonl"))
  ? readFileSync(path.join(VECTORS, "manifest.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Row)
  : [];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Replaces data URLs by their decoded bytes (gunzipped when compressed) so gzip choices compare by content. */
function normalise(v: Json, compression?: string): Json {
  if (Array.isArray(v)) return v.map((x) => normalise(x));
  if (v !== null && typeof v === "object") {
    const comp = typeof v.compression === "string" ? v.compression : undefined;
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === "compression" && (x === "" || x === "gzip")) continue;
      out[k] = k === "source" ? normalise(x, comp) : normalise(x);
    }
    return out;
  }
  if (typeof v === "string" && v.startsWith("data:")) {
    const comma = v.indexOf(",");
    const meta = v.slice(5, comma);
    const body = v.slice(comma + 1);
    let bytes: Uint8Array;
    try {
      bytes = meta.endsWith(";base64")
        ? Uint8Array.from(atob(body), (c) => c.charCodeAt(0))
        : Uint8Array.from(unescape(body), (c) => c.charCodeAt(0));
    } catch {
      return v;
    }
    if (compression === "gzip") {
      try {
        bytes = gunzipSync(bytes);
      } catch {
        // a user-supplied source that is not gzip data: compare as is
      }
    }
    return "bytes:" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  return v;
}

const tally = { exit: 0, ignition: 0, ignitionTotal: 0, messages: 0 };

function known(name: string, measure: "exit" | "ignition" | "messages"): boolean {
  return (KNOWN_MISMATCHES[name] ?? []).some((m) => m.measure === measure);
}

describe.skipIf(rows.length === 0)("butane vectors", () => {
  for (const row of rows) {
    const source = () => readFileSync(path.join(VECTORS, `${row.name}.bu`), "utf8");
    it(`${row.name}: exit status with and without --strict`, () => {
      const got = [
        compileButane(source()).exitCode,
        compileButane(source(), { strict: true }).exitCode,
      ];
      const same = got[0] === row.rc && got[1] === row.strict_rc;
      if (same) tally.exit++;
      if (known(row.name, "exit")) return;
      expect(got).toEqual([row.rc, row.strict_rc]);
    });
    const ignPath = path.join(VECTORS, `${row.name}.ign`);
    if (existsSync(ignPath)) {
      it(`${row.name}: ignition`, () => {
        tally.ignitionTotal++;
        const want = readFileSync(ignPath, "utf8");
        const got = compileButane(source(), { pretty: true }).ignition ?? "";
        let same: boolean;
        if (!row.gzip && !got.includes('"compression": "gzip"')) same = got === want;
        else {
          same =
            got !== "" &&
            JSON.stringify(normalise(JSON.parse(got) as Json)) ===
              JSON.stringify(normalise(JSON.parse(want) as Json));
        }
        if (same) tally.ignition++;
        if (known(row.name, "ignition")) return;
        if (!row.gzip) expect(got).toBe(want);
        else
          expect(normalise(JSON.parse(got || "null") as Json)).toEqual(
            normalise(JSON.parse(want) as Json),
          );
      });
    }
    it(`${row.name}: messages`, () => {
      const want = readFileSync(path.join(VECTORS, `${row.name}.stderr`), "utf8");
      const got = compileButane(source()).stderr;
      if (got === want) tally.messages++;
      if (known(row.name, "messages")) return;
      expect(got).toBe(want);
    });
  }

  afterAll(() => {
    console.log(
      `butane vectors: exit status ${tally.exit}/${rows.length}, ignition ${tally.ignition}/${tally.ignitionTotal}, messages ${tally.messages}/${rows.length}`,
    );
  });
});
