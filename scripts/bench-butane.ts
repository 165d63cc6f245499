/**
 * Times the Butane compiler on every vector: the median of several runs per
 * vector, and the total of those medians. Usage: npx tsx scripts/bench-butane.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileButane } from "../src/core/butane/compile.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const vectors = path.resolve(repoRoot, "../shared/vectors/butane");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export async function benchButane(
  runs = 7,
): Promise<{ compileMedianUs: number; vectorsTotalMs: number }> {
  const names = readdirSync(vectors)
    .filter((f) => f.endsWith(".bu"))
    .sort();
  const perVector: { name: string; us: number }[] = [];
  for (const f of names) {
    const src = readFileSync(path.join(vectors, f), "utf8");
    compileButane(src, { pretty: true }); // warm up
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      compileButane(src, { pretty: true });
      times.push((performance.now() - t0) * 1000);
    }
    perVector.push({ name: f.replace(/\.bu$/, ""), us: median(times) });
  }
  const compileMedianUs = median(perVector.map((v) => v.us));
  const vectorsTotalMs = perVector.reduce((a, v) => a + v.us, 0) / 1000;
  const slowest = [...perVector].sort((a, b) => b.us - a.us).slice(0, 10);
  console.table(slowest.map((v) => ({ vector: v.name, "median µs": Math.round(v.us) })));
  console.table([
    {
      vectors: perVector.length,
      "median per vector (µs)": Math.round(compileMedianUs),
      "total of medians (ms)": Number(vectorsTotalMs.toFixed(1)),
    },
  ]);
  return { compileMedianUs, vectorsTotalMs };
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await benchButane();
}
