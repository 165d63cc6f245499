import { presetInput } from "./preset-input";
import { upgradeUsage } from "./upgrade-usage";
import { nodeCounts, parseFlags } from "./parse-flags";
import { embeddedCatalogue, findRelease, type Catalogue } from "../core/catalogue/catalogue";
import type { WizardState } from "../core/config/wizard-state";
import { upgradeReadiness } from "../core/upgrade/upgrade-readiness";
import { upgradePlan } from "../core/upgrade/upgrade-plan";
import { upgradeBundle } from "../core/upgrade/upgrade-bundle";
import { bundleReadmeFileName } from "../core/file-names";

export interface UpgradeIo {
  stdout(text: string): void;
  stderr(text: string): void;
  writeFile(directory: string, name: string, contents: string): void;
  env(name: string): string | undefined;
  /** For --api; the global fetch when absent. */
  fetch?: typeof fetch;
}

interface UpgradeArgs {
  preset: string;
  to?: string;
  out?: string;
  workers?: string;
  controlPlanes?: WizardState["controlPlanes"];
  api?: string;
  strict: boolean;
}

function parseArgs(argv: string[]): UpgradeArgs | string {
  const parsed = parseFlags(argv, {
    "--preset": "value",
    "--to": "value",
    "--out": "value",
    "--workers": "value",
    "--control-planes": "value",
    "--api": "value",
    "--strict": "switch",
  });
  if ("problem" in parsed) return parsed.problem;
  const { flags } = parsed;
  const counts = nodeCounts(flags);
  if ("problem" in counts) return counts.problem;
  if (flags["--preset"] === undefined) return "--preset is required: the cluster's share link";
  return {
    preset: flags["--preset"],
    to: flags["--to"],
    out: flags["--out"],
    ...(counts.workers !== undefined ? { workers: String(counts.workers) } : {}),
    ...(counts.controlPlanes !== undefined ? { controlPlanes: counts.controlPlanes } : {}),
    api: flags["--api"],
    strict: flags["--strict"] === true,
  };
}

/** The cluster's link as an upgrade: its own mode and target give way to mode=upgrade and --to. */
export function upgradeQuery(preset: string, to: string | undefined): string {
  const question = preset.indexOf("?");
  const query = (question >= 0 ? preset.slice(question + 1) : preset).split("#")[0] ?? "";
  const params = new URLSearchParams(query);
  params.delete("mode");
  if (to !== undefined) params.delete("to");
  params.set("mode", "upgrade");
  if (to !== undefined) params.set("to", to);
  return params.toString();
}

/** `upgrade`: the runbook and one script per node, in upgrade order. Returns the exit status. */
export async function runUpgradeCommand(
  argv: string[],
  io: UpgradeIo,
  snapshot: Catalogue = embeddedCatalogue(),
): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.stderr(`error: ${args}\n${upgradeUsage}`);
    return 2;
  }
  const input = await presetInput(
    { ...args, preset: upgradeQuery(args.preset, args.to) },
    io,
    snapshot,
    args.workers !== undefined ? { workers: args.workers } : {},
  );
  if (typeof input === "number") return input;
  const { catalogue, state, errors } = input;
  const plan = upgradePlan(state, catalogue);
  const readiness = upgradeReadiness({
    state,
    fieldErrors: errors,
    catalogue,
    ...(plan.to && findRelease(catalogue, plan.to)
      ? { targetRelease: findRelease(catalogue, plan.to) }
      : {}),
  });
  for (const item of readiness.warnings) io.stderr(`note: ${item.message}\n`);
  if (!readiness.ready || !plan.to) {
    for (const item of readiness.blocking) io.stderr(`error: ${item.message}\n`);
    return 1;
  }
  if (args.strict && readiness.warnings.length > 0) {
    io.stderr("error: --strict: the notes above stop the upgrade\n");
    return 1;
  }
  if (args.to === undefined) io.stderr(`note: upgrading to ${plan.to} (--to VERSION chooses)\n`);
  const files = upgradeBundle(state, { ...plan, to: plan.to }, readiness);
  if (args.out === undefined) {
    io.stdout(files.find((file) => file.path === bundleReadmeFileName)?.contents ?? "");
    return 0;
  }
  for (const file of files) io.writeFile(args.out, file.path, file.contents);
  io.stderr(
    `wrote ${files.length} files to ${args.out}: ${plan.nodes.length} nodes, ${plan.from} → ${plan.to}\n`,
  );
  return 0;
}
