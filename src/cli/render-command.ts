import { presetInput } from "./preset-input";
import { embeddedCatalogue, findRelease, type Catalogue } from "../core/catalogue/catalogue";
import { clusterBundle, clusterSecretsText } from "../core/bundle/cluster-bundle";
import { parseClusterSecrets } from "../core/cluster/cluster-secrets-file";
import { bundleReadmeFileName, clusterSecretsFileName } from "../core/file-names";
import { generateNodeSecrets } from "../core/cluster/generate-secrets";
import type { WizardState } from "../core/config/wizard-state";
import type { NodeSecrets } from "../core/cluster/node-secrets";
import { renderUsage } from "./render-usage";
import { nodeCounts, parseFlags } from "./parse-flags";
import { nodeBundle } from "../core/bundle/node-bundle";
import {
  clusterReadiness,
  nodeReadiness,
  type Readiness,
  type ReadinessItem,
} from "../core/readiness/readiness";
import { renderCluster } from "../core/render/render-cluster";
import { renderNode } from "../core/render/render-node";

export interface RenderIo {
  stdout(text: string): void;
  stderr(text: string): void;
  writeFile(directory: string, name: string, contents: string): void;
  env(name: string): string | undefined;
  /** For --api; the global fetch when absent. */
  fetch?: typeof fetch;
  /** For --secrets. */
  readFile?(path: string): string;
}

interface RenderArgs {
  preset: string;
  out?: string;
  workers?: number;
  controlPlanes?: WizardState["controlPlanes"];
  secrets?: string;
  joinToken?: string;
  api?: string;
  strict: boolean;
  allowIncomplete: boolean;
}

function parseArgs(argv: string[]): RenderArgs | string {
  const parsed = parseFlags(argv, {
    "--preset": "value",
    "--out": "value",
    "--secrets": "value",
    "--workers": "value",
    "--control-planes": "value",
    "--join-token": "value",
    "--api": "value",
    "--strict": "switch",
    "--allow-incomplete": "switch",
  });
  if ("problem" in parsed) return parsed.problem;
  const { flags } = parsed;
  const counts = nodeCounts(flags);
  if ("problem" in counts) return counts.problem;
  if (flags["--preset"] === undefined)
    return "--preset is required (use --preset '' for every default)";
  if (counts.workers !== undefined && flags["--out"] === undefined)
    return "--workers needs --out DIR";
  return {
    preset: flags["--preset"],
    out: flags["--out"],
    secrets: flags["--secrets"],
    joinToken: flags["--join-token"],
    api: flags["--api"],
    ...counts,
    strict: flags["--strict"] === true,
    allowIncomplete: flags["--allow-incomplete"] === true,
  };
}

/** `render`: the same files the page offers, for automation. Returns the exit status. */
export async function runRenderCommand(
  argv: string[],
  io: RenderIo,
  snapshot: Catalogue = embeddedCatalogue(),
): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.stderr(`error: ${args}\n${renderUsage}`);
    return 2;
  }
  const input = await presetInput(args, io, snapshot, {
    joinToken: args.joinToken ?? io.env("FKW_JOIN_TOKEN") ?? "",
  });
  if (typeof input === "number") return input;
  const { catalogue, state, errors } = input;

  const release = findRelease(catalogue, state.kubernetesVersion);
  const imageSha256 = release?.sha256[state.arch];
  let secrets: NodeSecrets | undefined;
  let clusterState = state;
  if (state.bootstrap === "generated" || args.workers !== undefined) {
    const loaded = await clusterSecrets(args, state, io);
    if (typeof loaded === "string") {
      io.stderr(`error: ${loaded}\n`);
      return 1;
    }
    ({ secrets, state: clusterState } = loaded);
  }
  const judged = {
    fieldErrors: errors,
    catalogue,
    release,
    hasSecrets: secrets !== undefined,
    hasControlPlaneSecrets: secrets?.controlPlane !== undefined,
  };

  if (args.workers !== undefined && args.out !== undefined && secrets) {
    const nodes = renderCluster(clusterState, secrets, { imageSha256 }, args.workers);
    for (const node of nodes) {
      io.stderr(node.rendered.compiled.stderr.replace(/^(?=.)/gm, `${node.name}: `));
    }
    const readiness = clusterReadiness({
      ...judged,
      state: { ...clusterState, workers: String(args.workers) },
      nodes,
    });
    const verdict = judge(readiness, args, io);
    if (verdict.write) {
      for (const file of clusterBundle(clusterState, nodes, secrets, readiness)) {
        io.writeFile(args.out, file.path, file.contents);
      }
      io.stderr(
        `wrote ${nodes.length} nodes, ${clusterSecretsFileName} and ${bundleReadmeFileName} to ${args.out}\n`,
      );
    }
    return verdict.status;
  }

  const rendered = renderNode(clusterState, { imageSha256, secrets });
  // Butane's own messages about config.bu (from the extra Butane), in its words.
  io.stderr(rendered.compiled.stderr);
  const readiness = nodeReadiness({ ...judged, state: clusterState, rendered });
  const verdict = judge(readiness, args, io);
  if (!verdict.write) return verdict.status;
  if (args.out === undefined) io.stdout(rendered.butane);
  else {
    for (const file of nodeBundle(clusterState, rendered.files, readiness)) {
      io.writeFile(args.out, file.path, file.contents);
      io.stderr(`wrote ${args.out}/${file.path}\n`);
    }
    if (secrets && args.secrets === undefined) {
      io.writeFile(args.out, clusterSecretsFileName, clusterSecretsText(clusterState, secrets));
      io.stderr(
        `wrote ${args.out}/${clusterSecretsFileName}: keep it secret, it holds the cluster CA key\n`,
      );
    }
  }
  return verdict.status;
}

const itemLine = (level: string, entry: ReadinessItem) =>
  `${level}: ${entry.message}${entry.affects.length > 0 ? ` [${entry.affects.join(", ")}]` : ""}\n`;

/**
 * The readiness rules, as the page applies them: problems are errors and stop the writing
 * unless --allow-incomplete; notes are warnings, errors with --strict.
 */
function judge(
  readiness: Readiness,
  args: RenderArgs,
  io: RenderIo,
): { write: boolean; status: number } {
  for (const entry of readiness.warnings)
    io.stderr(itemLine(args.strict ? "error" : "warning", entry));
  for (const entry of readiness.blocking) io.stderr(itemLine("error", entry));
  const strictFailure = args.strict && readiness.warnings.length > 0;
  if (readiness.ready) return { write: true, status: strictFailure ? 1 : 0 };
  const count = readiness.blocking.length;
  if (!args.allowIncomplete) {
    io.stderr(
      `error: not ready to boot (${count} ${count === 1 ? "problem" : "problems"}); nothing written. --allow-incomplete writes the files anyway, with the problems in ${bundleReadmeFileName}\n`,
    );
    return { write: false, status: 1 };
  }
  io.stderr(
    `warning: writing files that are not ready to boot (${count} ${count === 1 ? "problem" : "problems"}), as --allow-incomplete asks; ${bundleReadmeFileName} lists them\n`,
  );
  return { write: true, status: strictFailure || args.strict ? 1 : 0 };
}

/**
 * The cluster's secrets: read from --secrets (its cluster name, endpoint and token lifetime
 * win over the preset's), or generated anew.
 */
async function clusterSecrets(
  args: RenderArgs,
  state: WizardState,
  io: RenderIo,
): Promise<{ secrets: NodeSecrets; state: WizardState } | string> {
  if (args.secrets === undefined) {
    if (args.out === undefined) {
      io.stderr(
        `warning: generated new cluster secrets that are saved nowhere: use --out DIR (writes ${clusterSecretsFileName}) or --secrets FILE to keep them\n`,
      );
    }
    return {
      secrets: await generateNodeSecrets({ controlPlanes: Number(state.controlPlanes) }),
      state,
    };
  }
  let text: string;
  try {
    text = io.readFile?.(args.secrets) ?? "";
  } catch (error) {
    return `cannot read --secrets ${args.secrets}: ${(error as Error).message}`;
  }
  const parsed = await parseClusterSecrets(text);
  if (!parsed.ok) return `--secrets ${args.secrets}: ${parsed.message}`;
  const { clusterName, controlPlaneEndpoint, tokenTtl, ...secrets } = parsed.secrets;
  return { secrets, state: { ...state, clusterName, controlPlaneEndpoint, tokenTtl } };
}
