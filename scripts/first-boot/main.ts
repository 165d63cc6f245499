/**
 * First boot, simulated: every node of the matrix (matrix.ts) is applied by the real Ignition
 * binary to a scratch root and checked (simulate-node.ts); then one defect of each kind is planted
 * in a good node and must be caught; then nodes boot from a local mirror filled by the real
 * `cli mirror --download` (local-mirror.ts), where the real systemd-sysupdate runs over them; last,
 * a 3+2 cluster booted at the old minor is upgraded by each node's real upgrade.sh (upgrade.ts).
 * Prints one line per node and a summary; exits 1 on any failure, and also when it cannot run at
 * all (not root, a tool missing, systemd 254 not unpacked), which it says plainly.
 * Usage (as root): scripts/systemd-backports.sh && npx tsx scripts/first-boot/main.ts
 * (FIRST_BOOT_KEEP=1 keeps the trees)
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { JsonObject } from "./ignition-json.ts";
import { localMirrorBoot, type MirrorBootLine } from "./local-mirror.ts";
import { simulatedNodes } from "./matrix.ts";
import { upgradeSimulation } from "./upgrade.ts";
import { plantedDefects } from "./planted-defects.ts";
import { findSysupdate } from "./real-sysupdate.ts";
import { ignitionBinary, simulateNode, type NodeResult } from "./simulate-node.ts";

/** Why the simulation cannot run here, or undefined when it can. */
function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (process.getuid?.() !== 0)
    missing.push(
      "it must run as root: Ignition sets owners and modes of what it writes (run .ci/run as root)",
    );
  if (!existsSync(ignitionBinary))
    missing.push(`no Ignition binary at ${ignitionBinary}: install Debian's ignition package`);
  for (const [tool, pkg] of [
    ["systemd-analyze", "systemd"],
    ["shellcheck", "shellcheck"],
    // upgrade.sh downloads with it (through a recording wrapper) in the upgrade simulation.
    ["curl", "curl"],
  ] as const)
    if (spawnSync(tool, ["--version"]).status !== 0)
      missing.push(`no ${tool}: install Debian's ${pkg} package`);
  // The mirror boot runs the real systemd-sysupdate, which Debian 12's systemd lacks.
  try {
    findSysupdate();
  } catch (error) {
    missing.push((error as Error).message);
  }
  return missing;
}

function describe(result: NodeResult): string {
  const { files, directories, links, units, shell } = result.counts;
  return `${files} files, ${directories} dirs, ${links} links, ${units} units, ${shell} shell pieces, ${result.seconds.toFixed(1)} s`;
}

const missing = missingPrerequisites();
if (missing.length > 0) {
  console.error("first-boot simulation CANNOT RUN, which counts as a failure:");
  for (const reason of missing) console.error(`  - ${reason}`);
  process.exit(1);
}

const started = Date.now();
const work = mkdtempSync(path.join(tmpdir(), "first-boot-"));
chmodSync(work, 0o755);
const nodes = await simulatedNodes();
let failedNodes = 0;
for (const [index, node] of nodes.entries()) {
  const result = await simulateNode(node.ignition, path.join(work, `node-${index}`), node.secrets);
  if (result.findings.length > 0) failedNodes++;
  console.log(
    `${result.findings.length === 0 ? "ok  " : "FAIL"} ${node.name} (${describe(result)})`,
  );
  for (const finding of result.findings) console.log(`       ${finding.kind}: ${finding.message}`);
}

const host = nodes.find(
  (node) =>
    node.state.role === "control-plane" &&
    node.state.bootstrap === "generated" &&
    node.state.verify === "on",
);
if (!host)
  throw new Error(
    "the matrix has no zero-touch control plane with a pinned image to plant defects in",
  );
let missedDefects = 0;
for (const [index, defect] of plantedDefects.entries()) {
  const config = defect.plant(JSON.parse(host.ignition) as JsonObject, host.secrets);
  const result = await simulateNode(
    JSON.stringify(config),
    path.join(work, `defect-${index}`),
    host.secrets,
    defect.options,
  );
  const caught = result.findings.filter((finding) => finding.kind === defect.kind);
  if (caught.length === 0) missedDefects++;
  console.log(
    `${caught.length > 0 ? "ok  " : "FAIL"} planted defect, ${defect.name}: ${caught.length > 0 ? `caught (${defect.kind}: ${caught[0]?.message})` : `NOT caught as ${defect.kind}; findings: ${JSON.stringify(result.findings)}`}`,
  );
}

// Boot from a mirror the real `cli mirror --download` filled, with Ignition fetching from it.
const mirrorLines: MirrorBootLine[] = await localMirrorBoot(path.join(work, "local-mirror")).catch(
  (error: unknown) => [
    {
      kind: "check",
      ok: false,
      text: "local mirror: the check could not run",
      details: [(error as Error).stack ?? String(error)],
    },
  ],
);
/** Prints the lines of a part and counts its checks and planted defects. */
function report(lines: MirrorBootLine[]) {
  for (const line of lines) {
    console.log(`${line.kind === "note" ? "    " : line.ok ? "ok  " : "FAIL"} ${line.text}`);
    for (const detail of line.details) console.log(`       ${detail}`);
  }
  const checks = lines.filter((line) => line.kind === "check");
  const defects = lines.filter((line) => line.kind === "defect");
  return {
    checks: checks.length,
    failedChecks: checks.filter((line) => !line.ok).length,
    defects: defects.length,
    missedDefects: defects.filter((line) => !line.ok).length,
  };
}
const mirror = report(mirrorLines);

// Upgrade a cluster: each node's real upgrade.sh over a tree Ignition made at the old minor.
const upgrade = report(
  await upgradeSimulation(path.join(work, "upgrade")).catch((error: unknown) => [
    {
      kind: "check" as const,
      ok: false,
      text: "upgrade: the simulation could not run",
      details: [(error as Error).stack ?? String(error)],
    },
  ]),
);

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `first boot: ${nodes.length - failedNodes}/${nodes.length} nodes came up as configured, ` +
    `${plantedDefects.length - missedDefects}/${plantedDefects.length} planted defects caught; ` +
    `from a local mirror: ${mirror.checks - mirror.failedChecks}/${mirror.checks} checks passed, ` +
    `${mirror.defects - mirror.missedDefects}/${mirror.defects} planted defects caught; ` +
    `upgrade: ${upgrade.checks - upgrade.failedChecks}/${upgrade.checks} checks passed, ` +
    `${upgrade.defects - upgrade.missedDefects}/${upgrade.defects} planted defects caught; in ${seconds} s`,
);
const failed =
  failedNodes > 0 ||
  missedDefects > 0 ||
  [mirror, upgrade].some((part) => part.failedChecks > 0 || part.missedDefects > 0);
if (failed || process.env.FIRST_BOOT_KEEP) console.log(`trees kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
