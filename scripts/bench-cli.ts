/**
 * The bundled command line's wall time: `node dist-cli/cli.mjs butane --pretty FILE` on the
 * seed snippet (the Flatcar how-to's control plane Butane, ../shared/reference), one child
 * process per run, median of `runs` after a warm-up. Interleaved with `node -e 0`, whose
 * median says how much of it is Node's own start-up on this machine right now.
 *   npx tsx scripts/bench-cli.ts
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./bench-core.ts";
import { cliBundle, ensureCliBundle } from "./cli.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const seedSnippet = path.resolve(
  repoRoot,
  "../shared/reference/flatcar-howto-controlplane.bu",
);

export interface CliTiming {
  medianMs: number;
  nodeStartMs: number;
  method: string;
}

/** null when the bundle cannot be built here. */
export function benchCliButane(runs = 21): CliTiming | null {
  try {
    ensureCliBundle();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return null;
  }
  const cli = [cliBundle, "butane", "--pretty", seedSnippet];
  const time = (args: string[]) => {
    const started = performance.now();
    execFileSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
    return performance.now() - started;
  };
  const cliTimes: number[] = [];
  const nodeTimes: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const cliMs = time(cli);
    const nodeMs = time(["-e", "0"]);
    if (i === 0) continue;
    cliTimes.push(cliMs);
    nodeTimes.push(nodeMs);
  }
  const result = {
    medianMs: median(cliTimes),
    nodeStartMs: median(nodeTimes),
    method: `node dist-cli/cli.mjs butane --pretty ${path.relative(repoRoot, seedSnippet)}: median wall time of ${runs} runs (node -e 0 alongside: its median is nodeStartMs)`,
  };
  console.log(
    `CLI butane --pretty: ${result.medianMs.toFixed(1)} ms (node -e 0: ${result.nodeStartMs.toFixed(1)} ms)`,
  );
  return result;
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  benchCliButane();
}
