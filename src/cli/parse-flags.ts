import type { WizardState } from "../core/config/wizard-state";
import { controlPlanesArg, workersArg } from "./count-args";

/** A command's flags: those that take a value, and switches. */
export type FlagSpec = Record<string, "value" | "switch">;

/** What was given: a flag's value, or true for a switch; the last of a repeated flag wins. */
export type GivenFlags<S extends FlagSpec> = {
  [K in keyof S]?: S[K] extends "value" ? string : true;
};

/**
 * The one argument loop of render, mirror and upgrade: each flag from `spec`, or a message
 * naming the argument that is unknown or lacks its value.
 */
export function parseFlags<S extends FlagSpec>(
  argv: readonly string[],
  spec: S,
): { flags: GivenFlags<S> } | { problem: string } {
  const flags: Record<string, string | true> = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const kind = Object.hasOwn(spec, arg) ? spec[arg] : undefined;
    if (kind === undefined) return { problem: `unknown argument: ${arg}` };
    if (kind === "switch") {
      flags[arg] = true;
      continue;
    }
    const value = argv[++index];
    if (value === undefined) return { problem: `${arg} needs a value` };
    flags[arg] = value;
  }
  return { flags: flags as GivenFlags<S> };
}

/** --workers and --control-planes, read by their one rule each (count-args.ts). */
export function nodeCounts(flags: {
  "--workers"?: string;
  "--control-planes"?: string;
}): { workers?: number; controlPlanes?: WizardState["controlPlanes"] } | { problem: string } {
  const counts: { workers?: number; controlPlanes?: WizardState["controlPlanes"] } = {};
  if (flags["--workers"] !== undefined) {
    const count = workersArg(flags["--workers"]);
    if ("problem" in count) return count;
    counts.workers = count.workers;
  }
  if (flags["--control-planes"] !== undefined) {
    const count = controlPlanesArg(flags["--control-planes"]);
    if ("problem" in count) return count;
    counts.controlPlanes = count.controlPlanes;
  }
  return counts;
}
