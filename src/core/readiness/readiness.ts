import type { Catalogue } from "../catalogue/catalogue";
import { findRelease } from "../catalogue/catalogue";
import type { KubernetesRelease } from "../catalogue/releases";
import { localDay, minorSupport } from "../catalogue/support-schedule";
import { cniPodCidrProblem } from "../cluster/cni";
import { isIpAddress, kubeApiServerPort, splitEndpoint } from "../cluster/endpoint";
import { fieldLabels, type FieldErrors } from "../config/form-input";
import { manualJoinFields, type WizardState } from "../config/wizard-state";
import type { ClusterNode } from "../render/render-cluster";
import { butaneFileName, clusterSecretsFileName, ignitionFileName } from "../file-names";
import type { RenderedNode } from "../render/render-node";

/**
 * Whether the files would boot into what they promise. One rule set for every surface: the
 * page's summary and its second step before a download, the READMEs in the zips, and the
 * CLI's exit status all read it, so no surface hands out files that cannot work unannounced.
 */

/** "blocking": the files would not work as promised; "warning": they work, but know this. */
export type ReadinessLevel = "blocking" | "warning";

export interface ReadinessItem {
  level: ReadinessLevel;
  /** A stable name for the rule, for tests and for the page to find the right control. */
  rule: ReadinessRule;
  /** The fields to change, the first one where focus goes. */
  fields: (keyof WizardState)[];
  /** What is affected: file names for a node, node names for a cluster. */
  affects: string[];
  /** What is wrong and what to do, in a sentence or two. */
  message: string;
}

export type ReadinessRule =
  | "invalid-value"
  | "version-unpublished"
  | "arch-unpublished"
  | "secrets-missing"
  | "endpoint-missing"
  | "join-value-missing"
  | "extra-butane"
  | "render-note"
  | "support-ended"
  | "butane-error"
  | "butane-warning"
  | "cni-pod-cidr"
  | "cni-not-installed"
  | "token-expires"
  | "control-plane-secrets-missing"
  | "vip-not-address"
  | "vip-port"
  | "hostname-unused"
  | "node-not-compiled"
  | "download-source"
  | "upgrade-target"
  | "upgrade-digest-missing"
  | "upgrade-addon"
  | "upgrade-mirror";

export interface Readiness {
  ready: boolean;
  blocking: ReadinessItem[];
  warnings: ReadinessItem[];
}

interface CommonInput {
  state: WizardState;
  /** Values typed but not valid: the files are made without them. */
  fieldErrors: FieldErrors;
  catalogue: Catalogue;
  /** The chosen version's own release, when it has been read (its architectures). */
  release?: KubernetesRelease;
  /** Whether the cluster's generated or loaded secrets are there (zero-touch bootstrap). */
  hasSecrets: boolean;
  /** Whether they include what several control planes share (front-proxy and etcd CAs, SA keys). */
  hasControlPlaneSecrets?: boolean;
  /** The day (YYYY-MM-DD) upstream support is judged on: the person's clock by default. */
  today?: string;
}

export interface NodeReadinessInput extends CommonInput {
  /** The node as rendered from `state`. */
  rendered: RenderedNode;
}

export interface ClusterReadinessInput extends CommonInput {
  /** The cluster's nodes, once rendered (at download): their compile results count too. */
  nodes?: ClusterNode[];
}

const allNodeFiles = [butaneFileName, ignitionFileName];
const everyNode = ["every node"];

export function item(
  level: ReadinessLevel,
  rule: ReadinessRule,
  fields: (keyof WizardState)[],
  message: string,
  affects: string[] = allNodeFiles,
): ReadinessItem {
  return { level, rule, fields, affects, message };
}

export function summarise(items: ReadinessItem[]): Readiness {
  const blocking = items.filter((entry) => entry.level === "blocking");
  return {
    ready: blocking.length === 0,
    blocking,
    warnings: items.filter((entry) => entry.level === "warning"),
  };
}

/** A value typed but not valid blocks: `leftOut` says what is made without it meanwhile. */
export function invalidValueItems(
  fieldErrors: FieldErrors,
  leftOut: string,
  affects: string[],
): ReadinessItem[] {
  return (Object.entries(fieldErrors) as [keyof WizardState, string][]).map(([field, message]) =>
    item("blocking", "invalid-value", [field], `${message} ${leftOut} until it is fixed.`, affects),
  );
}

/**
 * Invalid values, the catalogue, and the secrets: what every node and cluster needs. A cluster
 * is only ever made with its secrets (Download cluster waits for them), so only a node checks.
 */
function commonRules(
  input: CommonInput,
  scope: "node" | "cluster",
  affects: string[],
): ReadinessItem[] {
  const { state, fieldErrors, catalogue, release } = input;
  const items = invalidValueItems(fieldErrors, "The files leave this value out", affects);
  const published = release ?? findRelease(catalogue, state.kubernetesVersion);
  if (!published) {
    items.push(
      item(
        "blocking",
        "version-unpublished",
        ["kubernetesVersion"],
        `${fieldLabels.kubernetesVersion}: the bakery publishes no ${state.kubernetesVersion}; choose a version from the list.`,
        affects,
      ),
    );
  } else if (!published.arches.includes(state.arch)) {
    items.push(
      item(
        "blocking",
        "arch-unpublished",
        ["arch"],
        `${fieldLabels.arch}: ${state.kubernetesVersion} has no ${state.arch} image; choose ${published.arches.join(" or ")}.`,
        affects,
      ),
    );
  }
  const support = minorSupport(state.kubernetesVersion, input.today ?? localDay(new Date()));
  if (support.warning) {
    items.push(item("warning", "support-ended", ["kubernetesVersion"], support.warning, affects));
  }
  if (scope === "node" && state.bootstrap === "generated" && !input.hasSecrets) {
    items.push(
      item(
        "blocking",
        "secrets-missing",
        ["bootstrap"],
        state.role === "worker"
          ? `This worker needs its cluster's secrets: load the cluster's ${clusterSecretsFileName}, or start a new cluster here.`
          : "The cluster's CA and bootstrap token are not made yet: kubeadm's files follow once they are.",
        affects,
      ),
    );
  }
  return items;
}

/**
 * A mirror or a registry set alone, or Cilium through them: what still comes from the internet.
 * Warnings, not problems: a mirror that only saves bandwidth is a fine reason to set one.
 */
function downloadSourceRules(state: WizardState, affects: string[]): ReadinessItem[] {
  const items: ReadinessItem[] = [];
  const note = (fields: (keyof WizardState)[], message: string) =>
    items.push(item("warning", "download-source", fields, message, affects));
  if (state.mirror !== "" && state.registry === "") {
    note(
      ["registry"],
      `${fieldLabels.registry} is not set: the container images still come from registry.k8s.io, quay.io, docker.io and ghcr.io. For an install without internet access, give the registry that holds them.`,
    );
  }
  if (state.registry !== "" && state.mirror === "") {
    note(
      ["mirror"],
      `${fieldLabels.mirror} is not set: the system extension and the manifests still come from extensions.flatcar.org and GitHub. For an install without internet access, give the mirror that serves them.`,
    );
  }
  const installsCni = state.bootstrap === "generated" && state.role === "control-plane";
  if (state.cni === "cilium" && installsCni && (state.mirror !== "" || state.registry !== "")) {
    note(
      ["cni", "mirror"],
      "Cilium's installer (cilium install) reads its Helm chart from helm.cilium.io, which the mirror does not serve: without internet access Cilium is not installed. Choose Calico or Flannel for such an install, or let the control plane reach helm.cilium.io.",
    );
  }
  return items;
}

/** Several control planes: one endpoint for all of them, kube-vip's needs, the shared secrets. */
function highAvailabilityRules(input: CommonInput, affects: string[]): ReadinessItem[] {
  const { state } = input;
  if (state.controlPlanes === "1" || state.bootstrap !== "generated") return [];
  const items: ReadinessItem[] = [];
  if (input.hasSecrets && !input.hasControlPlaneSecrets) {
    items.push(
      item(
        "blocking",
        "control-plane-secrets-missing",
        ["controlPlanes"],
        `${state.controlPlanes} control planes share a front-proxy CA, an etcd CA and service-account keys that these cluster secrets lack (a secrets file from before, or from a one-control-plane cluster). Start a new cluster here, or choose 1 control plane.`,
        affects,
      ),
    );
  }
  const endpoint = state.controlPlaneEndpoint;
  if (state.loadBalancer !== "kube-vip" || endpoint === "") return items;
  const { host, port } = splitEndpoint(endpoint);
  if (!isIpAddress(host)) {
    items.push(
      item(
        "blocking",
        "vip-not-address",
        ["controlPlaneEndpoint"],
        `${fieldLabels.controlPlaneEndpoint}: kube-vip holds an IP address for the control planes, not a name: give the virtual IP (a free address in the nodes' subnet), e.g. 10.0.0.100:6443, or choose an external load balancer.`,
        affects,
      ),
    );
  }
  if (port !== kubeApiServerPort) {
    items.push(
      item(
        "blocking",
        "vip-port",
        ["controlPlaneEndpoint"],
        `${fieldLabels.controlPlaneEndpoint}: kube-vip moves the address, not the port, and each API server listens on ${kubeApiServerPort}: use ${host.includes(":") ? `[${host}]` : host}:${kubeApiServerPort}, or choose an external load balancer that forwards port ${port}.`,
        affects,
      ),
    );
  }
  return items;
}

/** The pod network the control plane installs, and whether it agrees with kubeadm's pod CIDR. */
function networkRules(state: WizardState, affects: string[]): ReadinessItem[] {
  const items: ReadinessItem[] = [];
  const problem = cniPodCidrProblem(state);
  if (problem) {
    items.push(item("blocking", "cni-pod-cidr", ["podCidr", "cni"], problem.message, affects));
  }
  if (state.cni === "none") {
    items.push(
      item(
        "warning",
        "cni-not-installed",
        ["cni"],
        "No pod network is installed: the nodes stay NotReady until you install a CNI with kubectl on the control plane.",
        affects,
      ),
    );
  }
  return items;
}

const tokenExpiresMessage =
  "The bootstrap token expires 24 hours after the control plane's first boot: a worker that boots later cannot join with it. Create a new token then (kubeadm token create), or choose a token that never expires.";

/** What Butane and the merge said about the extra Butane, and whether config.bu compiles. */
function butaneRules(rendered: RenderedNode): ReadinessItem[] {
  const items: ReadinessItem[] = [];
  for (const notice of rendered.notices) {
    if (notice.field !== "extraButane") {
      items.push(
        item(
          notice.level === "error" ? "blocking" : "warning",
          "render-note",
          [notice.field],
          notice.message,
        ),
      );
      continue;
    }
    items.push(
      item(
        notice.level === "error" ? "blocking" : "warning",
        "extra-butane",
        [notice.field],
        notice.message,
      ),
    );
  }
  const { compiled } = rendered;
  // The generated part always compiles: Butane's messages come from the extra Butane, whose
  // own messages above already name them at the snippet's lines.
  const explained = (level: "error" | "warning") =>
    rendered.notices.some((notice) => notice.field === "extraButane" && notice.level === level);
  if (compiled.exitCode !== 0 && !explained("error")) {
    const first = compiled.reports.find((report) => report.level === "error");
    items.push(
      item(
        "blocking",
        "butane-error",
        ["extraButane"],
        `${butaneFileName} does not compile, so there is no ${ignitionFileName}: ${first ? `line ${first.line ?? "?"}: ${first.message}` : compiled.stderr.trim()}.`,
        [ignitionFileName],
      ),
    );
  } else if (compiled.exitCode === 0 && compiled.reports.length > 0 && !explained("warning")) {
    items.push(
      item(
        "warning",
        "butane-warning",
        ["extraButane"],
        `Butane warns about ${butaneFileName}: ${compiled.reports.map((report) => `line ${report.line ?? "?"}: ${report.message}`).join("; ")}.`,
      ),
    );
  }
  return items;
}

/** No endpoint, and none typed that is merely invalid (that one is named by its own rule). */
const endpointUnset = (input: CommonInput) =>
  input.state.controlPlaneEndpoint === "" && !input.fieldErrors.controlPlaneEndpoint;

/** The endpoint rule: one message head, the consequence for what is judged. */
const endpointMissing = (level: ReadinessLevel, consequence: string, affects?: string[]) =>
  item(
    level,
    "endpoint-missing",
    ["controlPlaneEndpoint"],
    `${fieldLabels.controlPlaneEndpoint} is not set: ${consequence}`,
    affects,
  );

/** One node's files, as the page's Download all and the CLI's render write them. */
export function nodeReadiness(input: NodeReadinessInput): Readiness {
  const { state, rendered } = input;
  // A value left out, or an image that is not there, concerns every file offered.
  const items = commonRules(
    input,
    "node",
    rendered.files.map((file) => file.name),
  );
  items.push(...downloadSourceRules(state, allNodeFiles));
  const zeroTouch = state.bootstrap === "generated";
  if (state.role === "worker") {
    if (endpointUnset(input)) {
      items.push(
        endpointMissing(
          "blocking",
          "the worker has no kubeadm join until it is (host:port of the control plane's API server).",
        ),
      );
    }
    if (!zeroTouch) {
      for (const field of manualJoinFields) {
        if (field === "controlPlaneEndpoint" || state[field] !== "" || input.fieldErrors[field])
          continue;
        items.push(
          item(
            "blocking",
            "join-value-missing",
            [field],
            `${fieldLabels[field]} is not set: the worker has no kubeadm join until it is.`,
          ),
        );
      }
    }
    if (zeroTouch && state.tokenTtl === "24h") {
      items.push(item("warning", "token-expires", ["tokenTtl"], tokenExpiresMessage));
    }
  } else if (zeroTouch) {
    items.push(...networkRules(state, allNodeFiles));
    items.push(...highAvailabilityRules(input, allNodeFiles));
    if (endpointUnset(input) && state.controlPlanes !== "1") {
      items.push(
        endpointMissing(
          "blocking",
          `${state.controlPlanes} control planes share one endpoint: this one has no kubeadm config until it is set.`,
        ),
      );
    } else if (endpointUnset(input)) {
      items.push(
        endpointMissing(
          "warning",
          "this control plane starts, but workers need the address they reach it at, and the saved secrets will not have one.",
        ),
      );
    }
  }
  items.push(...butaneRules(rendered));
  return summarise(items);
}

/** A whole cluster: the control plane and its workers, as Download cluster and `--workers` write them. */
export function clusterReadiness(input: ClusterReadinessInput): Readiness {
  const { state, nodes } = input;
  const items = commonRules(
    { ...input, state: { ...state, role: "control-plane" } },
    "cluster",
    everyNode,
  );
  if (endpointUnset(input)) {
    items.push(
      endpointMissing(
        "blocking",
        "the workers cannot join without the control plane's host:port.",
        ["every worker"],
      ),
    );
  }
  items.push(...networkRules(state, everyNode));
  items.push(...highAvailabilityRules(input, everyNode));
  items.push(
    ...downloadSourceRules({ ...state, role: "control-plane", bootstrap: "generated" }, everyNode),
  );
  if (state.tokenTtl === "24h" && Number(state.workers) > 0) {
    items.push(item("warning", "token-expires", ["tokenTtl"], tokenExpiresMessage, ["workers"]));
  }
  if (state.role === "worker" && state.hostname !== "") {
    items.push(
      item(
        "warning",
        "hostname-unused",
        ["hostname"],
        `${fieldLabels.hostname} ${state.hostname} is not used for a cluster: the workers are named from the worker host name pattern (${state.workerNamePattern}).`,
        ["every worker"],
      ),
    );
  }
  for (const node of nodes ?? []) {
    for (const entry of butaneRules(node.rendered)) {
      // One item for the cluster, listing the nodes it concerns.
      const same = items.find((known) => known.message === entry.message);
      if (same) same.affects = [...new Set([...same.affects, node.name])];
      else items.push({ ...entry, affects: [node.name] });
    }
  }
  const failed = (nodes ?? []).filter((node) => node.rendered.compiled.ignition === undefined);
  if (failed.length > 0) {
    const names = failed.map((node) => node.name);
    items.push(
      item(
        "blocking",
        "node-not-compiled",
        ["extraButane"],
        `${names.length === 1 ? "1 node does" : `${names.length} nodes do`} not compile, so the zip has no ${ignitionFileName} for ${names.join(", ")}: fix the extra Butane.`,
        names,
      ),
    );
  }
  return summarise(items);
}

/** "Ready to boot" or "2 things to fix", and the warnings beside them. */
export function readinessHeadline(readiness: Readiness, action = "boot"): string {
  const count = readiness.blocking.length;
  if (count > 0) return `${count} ${count === 1 ? "thing" : "things"} to fix`;
  const warnings = readiness.warnings.length;
  return warnings > 0
    ? `Ready to ${action}, ${warnings} ${warnings === 1 ? "note" : "notes"}`
    : `Ready to ${action}`;
}

const readmeLine = (entry: ReadinessItem) =>
  `- ${entry.message} (${entry.fields.map((field) => fieldLabels[field]).join(", ")})`;

/**
 * The top of a bundle's README: what to fix when the files are not ready (they were saved
 * anyway, after the person said so), then the notes; nothing when there is neither.
 */
export function readinessReadmeSection(readiness: Readiness, action = "boot"): string {
  const parts: string[] = [];
  if (!readiness.ready) {
    parts.push(`## NOT READY TO ${action.toUpperCase()}

These files were saved although they cannot work as they are. Fix these first:

${readiness.blocking.map(readmeLine).join("\n")}
`);
  }
  if (readiness.warnings.length > 0) {
    parts.push(`## Notes before you ${action}

${readiness.warnings.map(readmeLine).join("\n")}
`);
  }
  return parts.map((part) => `${part}\n`).join("");
}
