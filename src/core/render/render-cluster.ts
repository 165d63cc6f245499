import { parse, stringify } from "yaml";
import { makeDataUrl } from "../butane/data-url";
import type { WizardState } from "../config/wizard-state";
import type { NodeSecrets } from "../cluster/node-secrets";
import { butaneFileName, ignitionFileName } from "../file-names";
import { renderNode, type RenderContext, type RenderedNode } from "./render-node";
import { controlPlaneChoices, workerChoice, workerHostnames } from "./cluster-nodes";

/** One node of a cluster: its folder name and what the page would show for it. */
export interface ClusterNode {
  name: string;
  role: WizardState["role"];
  rendered: RenderedNode;
}

/**
 * The control planes (the first runs init, the others join it) and `count` workers that form a
 * cluster on first boot: the same secrets, endpoint and versions everywhere; host names from
 * the choices. Every node's files are byte for byte what renderNode makes for it alone (see
 * workerFromTemplate for how the workers get there without compiling each).
 */
export function renderCluster(
  state: WizardState,
  secrets: NodeSecrets,
  context: Omit<RenderContext, "secrets"> = {},
  count = Number(state.workers),
): ClusterNode[] {
  const clusterState: WizardState = { ...state, bootstrap: "generated" };
  const nodeContext = { ...context, secrets };
  const nodes: ClusterNode[] = controlPlaneChoices(state).map((choice) => ({
    name: choice.state.hostname,
    role: "control-plane",
    rendered: renderNode(choice.state, { ...nodeContext, controlPlaneIndex: choice.index }),
  }));
  const renderWorker = (hostname: string) => renderNode(workerChoice(state, hostname), nodeContext);
  const hostnames = workerHostnames(state.workerNamePattern, count);
  const fromTemplate = hostnames.length > 1 ? workerTemplate(clusterState, nodeContext) : undefined;
  // The template's own check: the first worker made both ways must be the same, byte for byte.
  const first = hostnames[0];
  const trusted =
    fromTemplate !== undefined &&
    first !== undefined &&
    sameRendered(fromTemplate(first), renderWorker(first));
  for (const hostname of hostnames) {
    nodes.push({
      name: hostname,
      role: "worker",
      rendered: (trusted ? fromTemplate(hostname) : undefined) ?? renderWorker(hostname),
    });
  }
  return nodes;
}

/**
 * A host name no choice can contain (checked), valid and written plainly (unquoted) in YAML,
 * JSON and data URLs, standing for each worker's name in the template.
 */
const templateHostname = "fkw-template-host-name-7c1e";

/** Written as itself in YAML (no quotes, no escapes), JSON strings and data URLs. */
function writtenAsItself(hostname: string): boolean {
  return (
    /^[a-z0-9.-]+$/.test(hostname) &&
    stringify(hostname, { version: "1.1", lineWidth: 0 }) === `${hostname}\n` &&
    stringify(hostname, { lineWidth: 0 }) === `${hostname}\n`
  );
}

/**
 * Workers differ only in their host name, so 1000 of them need not be rendered and compiled
 * 1000 times (profiled: YAML writing, YAML reading and Butane's translation were nearly all
 * of a worker's time). One worker is rendered with a stand-in name; each worker's files are
 * that worker's with the stand-in replaced, which is exactly what rendering it gives when:
 * - its name is written as itself wherever it lands (writtenAsItself: no YAML quoting, no
 *   JSON or percent escaping), as the stand-in is; Butane's YAML is written without line
 *   folding (lineWidth 0) and a host name has no spaces to fold at;
 * - every file whose inline contents hold the name gets the data URL Butane would make for
 *   the new contents (the same makeDataUrl), with the same compression field, else that
 *   worker is rendered in full;
 * - the template compiled without a report and no notice names the stand-in: nothing
 *   whose position or wording could depend on the name.
 * Returns undefined when the template cannot be used; the function it returns gives
 * undefined for a name it cannot vouch for.
 */
function workerTemplate(
  clusterState: WizardState,
  context: RenderContext,
): ((hostname: string) => RenderedNode | undefined) | undefined {
  if (JSON.stringify(clusterState).includes(templateHostname)) return undefined;
  const template = renderNode(
    { ...clusterState, role: "worker", hostname: templateHostname },
    context,
  );
  const { compiled } = template;
  if (compiled.exitCode !== 0 || compiled.ignition === undefined) return undefined;
  if (compiled.reports.length > 0 || compiled.stderr !== "") return undefined;
  if (template.notices.some((notice) => notice.message.includes(templateHostname)))
    return undefined;
  const ignition = compiled.ignition;
  const butane = parse(template.butane, { version: "1.1" }) as {
    storage?: { files?: { contents?: { inline?: unknown; compression?: unknown } }[] };
  };
  const encoder = new TextEncoder();
  const named = (butane.storage?.files ?? []).flatMap((file) => {
    const inline = file.contents?.inline;
    if (typeof inline !== "string" || !inline.includes(templateHostname)) return [];
    const compression =
      typeof file.contents?.compression === "string" ? file.contents.compression : undefined;
    const url = makeDataUrl(encoder.encode(inline), compression);
    return [{ inline, compression, url }];
  });
  // Each such file's data URL must be in the template's Ignition once, as a JSON string.
  const occurrences = (text: string, part: string) => text.split(part).length - 1;
  if (named.some(({ url }) => occurrences(ignition, JSON.stringify(url.source)) !== 1))
    return undefined;

  return (hostname) => {
    if (!writtenAsItself(hostname)) return undefined;
    let nodeIgnition = ignition;
    for (const { inline, compression, url } of named) {
      const nodeUrl = makeDataUrl(
        encoder.encode(inline.replaceAll(templateHostname, hostname)),
        compression,
      );
      if (nodeUrl.compression !== url.compression) return undefined;
      // A function, so no "$" in the URL could act as a replacement pattern.
      nodeIgnition = nodeIgnition.replace(JSON.stringify(url.source), () =>
        JSON.stringify(nodeUrl.source),
      );
    }
    nodeIgnition = nodeIgnition.replaceAll(templateHostname, hostname);
    const nodeButane = template.butane.replaceAll(templateHostname, hostname);
    return {
      butane: nodeButane,
      compiled: { ...compiled, ignition: nodeIgnition, reports: [] },
      files: template.files.map((file) => ({
        ...file,
        contents:
          file.name === butaneFileName
            ? nodeButane
            : file.name === ignitionFileName
              ? nodeIgnition
              : file.contents.replaceAll(templateHostname, hostname),
      })),
      notices: template.notices,
    };
  };
}

/** The same files, compile result and notices. */
function sameRendered(a: RenderedNode | undefined, b: RenderedNode): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
