/**
 * Upgrade a cluster, simulated: a 3+2 cluster's nodes are booted at the old minor by the real
 * Ignition (as the matrix boots them), then each node's real upgrade.sh (from upgradeBundle) runs
 * with `sh` over that tree (UPGRADE_ROOT), with stand-ins only for kubeadm, kubectl, systemctl
 * and the network (upgrade-stand-ins.ts); every other tool is the real one. Checked per node: the
 * link, the image's bytes, the transfer, which kubeadm upgrade ran, the restarts, no reboot flag,
 * the previous image kept; the real systemd-sysupdate 254 then lists the target minor's newer
 * patch as the next update; a second run changes nothing. Planted defects (a tampered image,
 * another node's script, a node at the wrong minor) must be refused with the tree unchanged; a
 * kubeadm step that fails once must be resumed. Last, the same cluster through a local mirror,
 * with the real curl: no URL outside the mirror, the mirrored transfer.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import {
  embeddedCatalogue,
  findRelease,
  type Catalogue,
} from "../../src/core/catalogue/catalogue.ts";
import { generateNodeSecrets } from "../../src/core/cluster/generate-secrets.ts";
import { decodePreset } from "../../src/core/config/preset.ts";
import type { WizardState } from "../../src/core/config/wizard-state.ts";
import { sha256SumsText } from "../../src/core/mirror/sha256-sums.ts";
import {
  bakeryHub,
  extensionSymlink,
  extensionsDirectory,
  rawImageUrl,
  transferFilePath,
  transferFileText,
  transferSourceFolder,
  transferSourceUrl,
  listingFileName,
} from "../../src/core/render/bakery.ts";
import { renderCluster } from "../../src/core/render/render-cluster.ts";
import { upgradeBundle } from "../../src/core/upgrade/upgrade-bundle.ts";
import { upgradePlan } from "../../src/core/upgrade/upgrade-plan.ts";
import { upgradeStateDirectory } from "../../src/core/upgrade/upgrade-script.ts";
import { imageFileName, minorNumber, minorOf } from "../../src/core/version.ts";
import { unexpectedChanges, withStandIns } from "./config-copy.ts";
import { imageFileEntry, type JsonObject } from "./ignition-json.ts";
import { patchField, type MirrorBootLine } from "./local-mirror.ts";
import { compiledIgnition, presetQuery } from "./matrix.ts";
import {
  listAgainst,
  SysupdateError,
  sysupdateList,
  type SysupdateVersion,
} from "./real-sysupdate.ts";
import { applyIgnition, serve } from "./simulate-node.ts";
import { snapshotDifferences, treeSnapshot } from "./tree-snapshot.ts";
import {
  callProblems,
  parseCalls,
  writeStandIns,
  type Position,
  type StandInCall,
} from "./upgrade-stand-ins.ts";

export type UpgradeLine = MirrorBootLine;

const arch = "x86-64";
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The upgrade simulated: from the previous minor's newest patch to a patch with a newer one after it. */
export interface UpgradeVersions {
  from: string;
  to: string;
  /** The target minor's newer patch: what systemd-sysupdate must offer next after the upgrade. */
  newer: string;
  /** A patch of the minor before `from`'s: a node there is refused. */
  tooOld: string;
}

/** The newest minor with two patches for `arch` and the two minors before it in the catalogue. */
export function upgradeVersions(
  catalogue: Catalogue,
  architecture: WizardState["arch"] = arch,
): UpgradeVersions {
  const patches = (minor: number) =>
    catalogue.minors
      .find((group) => minorNumber(group.minor) === minor)
      ?.releases.filter((release) => release.arches.includes(architecture)) ?? [];
  for (const group of catalogue.minors) {
    const minor = minorNumber(group.minor);
    const [newer, to] = patches(minor);
    const from = patches(minor - 1)[0];
    const tooOld = patches(minor - 2)[0];
    if (newer && to && from && tooOld)
      return { from: from.version, to: to.version, newer: newer.version, tooOld: tooOld.version };
  }
  throw new Error(
    `the catalogue has no minor with two ${architecture} patches and two minors before it`,
  );
}

/** The bytes served as a version's image: small, but not so small that systemd-pull calls it cut short. */
export function standInImage(version: string): Buffer {
  return Buffer.from(`stand-in sysext image: Kubernetes ${version} for ${arch}\n`);
}

/** A copy of the catalogue whose upgrade versions have the stand-in images' digests, as GitHub's would be. */
function catalogueWithDigests(versions: UpgradeVersions, pinTarget = true): Catalogue {
  const catalogue = structuredClone(embeddedCatalogue());
  for (const version of [versions.from, versions.to, versions.newer]) {
    const release = findRelease(catalogue, version);
    if (!release) throw new Error(`the catalogue has no ${version}`);
    if (version !== versions.to || pinTarget) release.sha256[arch] = sha256(standInImage(version));
    // No digest published for the target: upgrade.sh must read SHA256SUMS instead.
    else
      release.sha256 = Object.fromEntries(
        Object.entries(release.sha256).filter(([key]) => key !== arch),
      );
  }
  return catalogue;
}

/**
 * The files of a folder served as the bakery serves it (images at its root) or as a mirror holds
 * it (images beside SHA256SUMS in kubernetes/): both are served, as the bakery's host does too.
 */
function servedFiles(versions: UpgradeVersions): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const sums = new Map<string, string>();
  for (const version of [versions.from, versions.to, versions.newer]) {
    const name = imageFileName(version, arch);
    files.set(`/${name}`, standInImage(version));
    files.set(`/${transferSourceFolder}/${name}`, standInImage(version));
    sums.set(name, sha256(standInImage(version)));
  }
  files.set(`/${transferSourceFolder}/${listingFileName}`, Buffer.from(sha256SumsText(sums)));
  return files;
}

const clusterPreset = (from: string, extra: Record<string, string> = {}) => ({
  mode: "cluster",
  k8s: from,
  "control-planes": "3",
  workers: "2",
  endpoint: "10.0.0.100:6443",
  updates: "patch",
  ...extra,
});

function decoded(preset: Record<string, string>, catalogue: Catalogue): WizardState {
  const { state, notices } = decodePreset(presetQuery(preset), catalogue);
  if (notices.length > 0)
    throw new Error(`${presetQuery(preset)}: the preset has notices ${JSON.stringify(notices)}`);
  return state;
}

/** kube-apiserver's static pod as kubeadm writes it, cut to what upgrade.sh and kubeadm read. */
export function apiServerManifest(version: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  labels:
    component: kube-apiserver
    tier: control-plane
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --advertise-address=10.0.0.11
    image: registry.k8s.io/kube-apiserver:${version}
    name: kube-apiserver
  hostNetwork: true
  priorityClassName: system-node-critical
`;
}

const manifestPath = "etc/kubernetes/manifests/kube-apiserver.yaml";

/** What `kubeadm init` or `join --control-plane` leaves that upgrade.sh reads: kube-apiserver.yaml. */
function asBootedControlPlane(root: string, version: string): void {
  mkdirSync(path.join(root, path.dirname(manifestPath)), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(root, manifestPath), apiServerManifest(version), { mode: 0o600 });
}

/** A node's tree, copied with owners, modes and links (cp -a), for a run that must not touch the original. */
function copyTree(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(path.dirname(to), { recursive: true });
  const copy = spawnSync("cp", ["-a", from, to], { encoding: "utf8" });
  if (copy.status !== 0) throw new Error(`cp -a ${from} ${to}: ${copy.stderr}`);
}

interface Harness {
  standIns: string;
  /** Set for the bakery run: curl takes its URLs to this local base instead. */
  bakeryLocal?: string;
}

interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
  calls: StandInCall[];
  urls: string[];
}

let runCount = 0;

/** Runs upgrade.sh with sh over `root`, the stand-ins first on PATH; asynchronous, as the servers live here. */
async function runScript(
  script: string,
  root: string,
  runs: string,
  harness: Harness,
  failOnce?: string,
): Promise<ScriptRun> {
  const folder = path.join(runs, `run-${++runCount}`);
  mkdirSync(folder, { recursive: true });
  const scriptFile = path.join(folder, "upgrade.sh");
  writeFileSync(scriptFile, script);
  const callsFile = path.join(folder, "calls.log");
  const urlsFile = path.join(folder, "urls.log");
  writeFileSync(callsFile, "");
  writeFileSync(urlsFile, "");
  const failFile = path.join(folder, "fail-once");
  if (failOnce) writeFileSync(failFile, failOnce);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${harness.standIns}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    UPGRADE_ROOT: root,
    FKW_CALLS: callsFile,
    FKW_URLS: urlsFile,
    FKW_FAIL_ONCE: failFile,
  };
  if (harness.bakeryLocal) {
    env.FKW_BAKERY = bakeryHub;
    env.FKW_BAKERY_LOCAL = harness.bakeryLocal;
  } else {
    delete env.FKW_BAKERY;
    delete env.FKW_BAKERY_LOCAL;
  }
  const { status, stdout, stderr } = await new Promise<{
    status: number | null;
    stdout: string;
    stderr: string;
  }>((resolve, reject) => {
    const child = spawn("sh", [scriptFile], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code, stdout: out, stderr: err }));
  });
  return {
    status,
    stdout,
    stderr,
    calls: parseCalls(readFileSync(callsFile, "utf8")),
    urls: readFileSync(urlsFile, "utf8").split("\n").filter(Boolean),
  };
}

/** The last lines a failed run printed, for a FAIL line's details. */
const tail = (run: ScriptRun) =>
  `${run.stdout}${run.stderr}`
    .trim()
    .split("\n")
    .slice(-4)
    .map((line) => `  ${line}`);

export interface UpgradedExpectation {
  position: Position;
  versions: UpgradeVersions;
  /** The mirror the cluster was made for ("" for the bakery). */
  mirror: string;
}

/** Where a link inside `root` leads, as the node sees it (its target is a path on the node). */
function linkOnNode(root: string, link: string): string | undefined {
  const at = path.join(root, link);
  return lstatSync(at, { throwIfNoEntry: false })?.isSymbolicLink() ? readlinkSync(at) : undefined;
}

/** What is wrong with a node's tree after upgrade.sh succeeded on it. */
export function upgradedTreeProblems(root: string, expect: UpgradedExpectation): string[] {
  const { from, to } = expect.versions;
  const problems: string[] = [];
  const image = imageFileName(to, arch);
  const previous = imageFileName(from, arch);
  const wanted = `${extensionsDirectory}/${image}`;
  const link = linkOnNode(root, extensionSymlink);
  if (link !== wanted)
    problems.push(`${extensionSymlink} leads to ${link ?? "nothing"}, not ${wanted}`);
  const file = (at: string) => path.join(root, at);
  if (!existsSync(file(wanted))) problems.push(`${wanted} is not there`);
  else if (sha256(readFileSync(file(wanted))) !== sha256(standInImage(to)))
    problems.push(`${wanted} does not have the pinned sha256 ${sha256(standInImage(to))}`);
  const kept = `${extensionsDirectory}/${previous}`;
  if (!existsSync(file(kept))) problems.push(`the previous image ${kept} is gone`);
  else if (sha256(readFileSync(file(kept))) !== sha256(standInImage(from)))
    problems.push(`the previous image ${kept} changed`);
  const leftovers = readdirSync(file(extensionsDirectory)).filter((name) => name.startsWith("."));
  if (leftovers.length > 0)
    problems.push(`left behind in ${extensionsDirectory}: ${leftovers.join(", ")}`);
  const oldTransfer = transferFilePath(minorOf(from));
  const newTransfer = transferFilePath(minorOf(to));
  if (existsSync(file(oldTransfer))) problems.push(`${oldTransfer} is still there`);
  if (!existsSync(file(newTransfer))) problems.push(`${newTransfer} is not there`);
  else if (readFileSync(file(newTransfer), "utf8") !== transferFileText(minorOf(to), expect.mirror))
    problems.push(
      `${newTransfer} is not the bakery's transfer for ${minorOf(to)}${expect.mirror ? ` through ${expect.mirror}` : ""}`,
    );
  const others = readdirSync(path.dirname(file(newTransfer))).filter(
    (name) => name !== path.basename(newTransfer),
  );
  if (others.length > 0) problems.push(`other transfers beside it: ${others.join(", ")}`);
  if (existsSync(file("run/reboot-required")))
    problems.push("/run/reboot-required was left behind");
  const marks = path.join(upgradeStateDirectory, to);
  if (!existsSync(file(`${marks}.done`))) problems.push(`${marks}.done was not written`);
  const previousMark = existsSync(file(`${marks}.previous`))
    ? readFileSync(file(`${marks}.previous`), "utf8").trim()
    : "";
  if (previousMark !== previous)
    problems.push(`${marks}.previous says "${previousMark}", not ${previous}`);
  if (expect.position !== "worker") {
    const manifest = existsSync(file(manifestPath)) ? readFileSync(file(manifestPath), "utf8") : "";
    if (!manifest.includes(`/kube-apiserver:${to}\n`))
      problems.push(`/${manifestPath} does not name kube-apiserver:${to}`);
  }
  return problems;
}

/** What is wrong with systemd-sysupdate's list after the upgrade: `newer` next, `to` current. */
export function nextUpdateProblems(
  versions: readonly SysupdateVersion[],
  to: string,
  newer: string,
): string[] {
  const installed = patchField(to, arch);
  const next = patchField(newer, arch);
  const shown =
    versions.map((entry) => `${entry.version} ${entry.assessment}`).join(", ") || "none";
  const problems: string[] = [];
  if (versions.map((entry) => entry.version).join() !== [next, installed].join())
    problems.push(`lists ${shown}, not ${next} and ${installed}`);
  const first = versions[0];
  if (
    first?.version === next &&
    (first.installed || !first.available || first.assessment !== "candidate")
  )
    problems.push(
      `shows ${newer} (${next}) as ${first.assessment}, not as the candidate to install next (${shown})`,
    );
  const current = versions.find((entry) => entry.version === installed);
  if (current && (!current.installed || current.assessment !== "current"))
    problems.push(`shows ${to} (${installed}) as ${current.assessment}, not as current (${shown})`);
  return problems;
}

/** The real systemd-sysupdate's list over the node's root, from `sourceUrl` or the transfer's own Path=. */
async function sysupdateAfter(
  root: string,
  versions: UpgradeVersions,
  sourceUrl?: string,
): Promise<{ problems: string[]; found: string }> {
  try {
    const transfer = path.join(root, transferFilePath(minorOf(versions.to)));
    const listed = sourceUrl
      ? await listAgainst(root, transfer, sourceUrl)
      : await sysupdateList(root, "kubernetes");
    // sysupdate's versions are what @v captures: the patch number.
    const named = new Map(
      [versions.to, versions.newer].map((version) => [patchField(version, arch), version]),
    );
    const shown = listed
      .map((entry) => `${named.get(entry.version) ?? entry.version} ${entry.assessment}`)
      .join(", ");
    return {
      problems: nextUpdateProblems(listed, versions.to, versions.newer),
      found: `systemd-sysupdate 254 lists ${shown}: ${versions.newer} is the next update`,
    };
  } catch (error) {
    const message =
      error instanceof SysupdateError
        ? error.message.split("\n").slice(0, 3).join(": ")
        : (error as Error).message;
    return { problems: [`systemd-sysupdate list could not run: ${message}`], found: "" };
  }
}

const positionLabel: Record<Position, string> = {
  "first-control-plane": "first control plane",
  "control-plane": "control plane",
  worker: "worker",
};

function line(kind: UpgradeLine["kind"], text: string, problems: string[] = []): UpgradeLine {
  return { kind, ok: problems.length === 0, text, details: problems };
}

interface BootedCluster {
  state: WizardState;
  /** Each booted node's tree as Ignition left it, kept untouched for the defect runs. */
  pristine: Map<string, string>;
  scripts: Map<string, string>;
  positions: Map<string, Position>;
}

/**
 * Boots `names` of the cluster with the real Ignition into `work`/<name>, each tree then copied
 * to <name>/pristine; `imageUrl` is where Ignition gets the image: the image's own (a mirror) or,
 * for the bakery, a local copy whose hash replaces the pinned one (withStandIns).
 */
async function bootCluster(
  work: string,
  names: readonly string[],
  catalogue: Catalogue,
  versions: UpgradeVersions,
  extra: Record<string, string>,
  localImageUrl: string | undefined,
  lines: UpgradeLine[],
  label: string,
): Promise<BootedCluster | undefined> {
  const state = decoded(clusterPreset(versions.from, extra), catalogue);
  const upgradeState = decoded(
    clusterPreset(versions.from, { ...extra, mode: "upgrade", to: versions.to }),
    catalogue,
  );
  const plan = upgradePlan(upgradeState, catalogue);
  const planProblems: string[] = [];
  if (plan.to !== versions.to)
    planProblems.push(`the plan goes to ${plan.to ?? "nothing"}, not ${versions.to}`);
  if (plan.problem) planProblems.push(plan.problem.message);
  if (plan.imageSha256 !== sha256(standInImage(versions.to)))
    planProblems.push(`the plan pins ${plan.imageSha256 ?? "no digest"}, not the catalogue's`);
  const order = plan.nodes.map((node) => node.name).join(", ");
  if (order !== "cp-1, cp-2, cp-3, worker-1, worker-2") planProblems.push(`the order is ${order}`);
  const secrets = await generateNodeSecrets({ controlPlanes: 3 });
  const digest = sha256(standInImage(versions.from));
  const nodes = renderCluster(state, secrets, { imageSha256: digest });
  const scripts = new Map<string, string>();
  const positions = new Map<string, Position>();
  if (plan.to && !plan.problem)
    for (const file of upgradeBundle(upgradeState, { ...plan, to: plan.to }))
      for (const node of plan.nodes)
        if (file.path.endsWith(`-${node.name}/upgrade.sh`)) {
          scripts.set(node.name, file.contents);
          positions.set(node.name, node.position);
        }
  const pristine = new Map<string, string>();
  const bootProblems: string[] = [];
  const image = imageFileName(versions.from, arch);
  for (const name of names) {
    const node = nodes.find((candidate) => candidate.name === name);
    if (!node) {
      bootProblems.push(`${name}: not in the rendered cluster`);
      continue;
    }
    const config = JSON.parse(compiledIgnition(name, node.rendered)) as JsonObject;
    const pinned = imageFileEntry(config, image);
    if (pinned.hash !== `sha256-${digest}`)
      bootProblems.push(
        `${name}: the image pins ${pinned.hash || "no hash"}, not sha256-${digest}`,
      );
    const copy = withStandIns(
      config,
      localImageUrl
        ? new Map([[pinned.source, { url: localImageUrl, bytes: standInImage(versions.from) }]])
        : new Map(),
    );
    const changed = unexpectedChanges(config, copy);
    bootProblems.push(...changed.map((at) => `${name}: the applied copy differs at ${at}`));
    const nodeWork = path.join(work, name);
    mkdirSync(nodeWork, { recursive: true });
    const configFile = path.join(nodeWork, "config.ign");
    writeFileSync(configFile, JSON.stringify(copy));
    const errors = await applyIgnition(configFile, nodeWork);
    bootProblems.push(...errors.map((error) => `${name}: ignition: ${error}`));
    if (errors.length > 0) continue;
    const root = path.join(nodeWork, "root");
    const hostname = readFileSync(path.join(root, "etc/hostname"), "utf8").trim();
    if (hostname !== name) bootProblems.push(`${name}: /etc/hostname says ${hostname}`);
    if (node.role === "control-plane") asBootedControlPlane(root, versions.from);
    copyTree(root, path.join(nodeWork, "pristine"));
    pristine.set(name, path.join(nodeWork, "pristine"));
  }
  lines.push(
    line(
      "check",
      `upgrade${label}: ${names.join(", ")} of a 3+2 cluster at ${versions.from} booted by Ignition (image ${localImageUrl ? "served locally" : "from the mirror"}, sha256 pinned); upgradeBundle's plan: ${order} to ${versions.to}, its digest pinned`,
      [...planProblems, ...bootProblems],
    ),
  );
  return planProblems.length === 0 && bootProblems.length === 0
    ? { state, pristine, scripts, positions }
    : undefined;
}

/**
 * Upgrades one booted node (a copy of its pristine tree at `root`): the run, its checks, the real
 * systemd-sysupdate's list, and a second run that must change nothing.
 */
async function upgradeNode(
  name: string,
  cluster: BootedCluster,
  root: string,
  runs: string,
  harness: Harness,
  versions: UpgradeVersions,
  sourceUrl: string | undefined,
  label: string,
  mirror: string,
): Promise<{ lines: UpgradeLine[]; run?: ScriptRun }> {
  const started = Date.now();
  const script = cluster.scripts.get(name);
  const position = cluster.positions.get(name);
  const pristine = cluster.pristine.get(name);
  if (!script || !position || !pristine)
    return { lines: [line("check", `upgrade${label}, ${name}: no script or tree`, ["missing"])] };
  copyTree(pristine, root);
  const run = await runScript(script, root, runs, harness);
  const problems: string[] = [];
  if (run.status !== 0) problems.push(`upgrade.sh exited ${run.status}:`, ...tail(run));
  problems.push(...upgradedTreeProblems(root, { position, versions, mirror }));
  problems.push(...callProblems(run.calls, position, versions.to));
  const kubeadm =
    position === "first-control-plane"
      ? `kubeadm upgrade plan + apply ${versions.to} --yes`
      : "kubeadm upgrade node";
  const sysupdate = await sysupdateAfter(root, versions, sourceUrl);
  problems.push(...sysupdate.problems.map((problem) => `systemd-sysupdate: ${problem}`));
  const lines = [
    line(
      "check",
      `upgrade${label}, ${name} (${positionLabel[position]}): upgrade.sh exit ${run.status}; ${extensionSymlink} → ${imageFileName(versions.to, arch)} (pinned sha256), ${path.basename(transferFilePath(minorOf(versions.from)))} replaced by ${mirror ? "the mirrored" : "the bakery's"} ${path.basename(transferFilePath(minorOf(versions.to)))}, ${kubeadm}, systemd-sysext and kubelet restarted, no /run/reboot-required, ${imageFileName(versions.from, arch)} kept; ${sysupdate.found || "systemd-sysupdate did not run"} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      problems,
    ),
  ];
  // A second run: nothing to do, nothing touched, no stand-in called.
  const before = treeSnapshot(root);
  const again = await runScript(script, root, runs, harness);
  const after = treeSnapshot(root);
  const second: string[] = [];
  if (again.status !== 0) second.push(`exited ${again.status}:`, ...tail(again));
  if (!again.stdout.includes("nothing to do"))
    second.push(`did not say "nothing to do": ${again.stdout.trim()}`);
  second.push(...snapshotDifferences(before, after));
  if (again.calls.length > 0)
    second.push(`called ${again.calls.map((call) => `${call.tool} ${call.args}`).join("; ")}`);
  lines.push(
    line(
      "check",
      `upgrade${label}, ${name}, run again: exit ${again.status}, "nothing to do", the tree unchanged (${after.size} entries: modes, owners, links, sha256), no stand-in called`,
      second,
    ),
  );
  return { lines, run };
}

/** A run that must be refused: non-zero, saying `wanted`, the tree as it was, nothing changed by a stand-in. */
async function refused(
  name: string,
  script: string,
  root: string,
  runs: string,
  harness: Harness,
  wanted: RegExp,
): Promise<UpgradeLine> {
  const before = treeSnapshot(root);
  const run = await runScript(script, root, runs, harness);
  const differences = snapshotDifferences(before, treeSnapshot(root));
  const said = `${run.stderr}`.split("\n").find((text) => wanted.test(text));
  const changing = run.calls.filter((call) => call.tool !== "curl");
  const problems = [
    ...(run.status === 0 ? ["the script exited 0"] : []),
    ...(said ? [] : [`no message matching ${wanted}:`, ...tail(run)]),
    ...differences,
    ...changing.map((call) => `called ${call.tool} ${call.args}`),
  ];
  return {
    kind: "defect",
    ok: problems.length === 0,
    text: `planted defect, upgrade: ${name}: ${problems.length === 0 ? `caught (exit ${run.status}: ${said?.trim()}; tree unchanged)` : "NOT caught"}`,
    details: problems,
  };
}

interface ResumeCase {
  /** Added to "upgrade" at the start of the line. */
  label: string;
  name: string;
  cluster: BootedCluster;
  /** Where the node's pristine tree is copied to run on. */
  root: string;
  /** The stand-in call that fails once, as the calls log writes it. */
  failing: string;
  /** upgrade.sh's name of the step it must say it stopped at. */
  step: string;
  /** A URL the first run must have fetched, when it matters. */
  fetches?: string;
}

/** A kubeadm step that fails once: the run stops naming it, the next run completes. */
async function resumed(
  { label, name, cluster, root, failing, step, fetches }: ResumeCase,
  runs: string,
  harness: Harness,
  versions: UpgradeVersions,
): Promise<UpgradeLine> {
  const script = cluster.scripts.get(name) ?? "";
  const position = cluster.positions.get(name) ?? "worker";
  copyTree(cluster.pristine.get(name) ?? "", root);
  const first = await runScript(script, root, runs, harness, failing);
  const problems: string[] = [];
  const stopped = first.stderr.includes(`stopped at: ${step}`);
  if (first.status === 0) problems.push(`the first run exited 0 although ${failing} failed`);
  if (!stopped) problems.push(`the first run did not say it stopped at: ${step}`, ...tail(first));
  if (fetches && !first.urls.includes(fetches))
    problems.push(`the first run did not fetch ${fetches} (${first.urls.join(", ") || "nothing"})`);
  const second = await runScript(script, root, runs, harness);
  if (second.status !== 0)
    problems.push(`the second run exited ${second.status}:`, ...tail(second));
  problems.push(...upgradedTreeProblems(root, { position, versions, mirror: "" }));
  problems.push(...callProblems(second.calls, position, versions.to));
  return line(
    "check",
    `upgrade${label}, resume: on ${name}, \`${failing}\` failing once stops upgrade.sh (exit ${first.status}, "stopped at: ${step}"); run again, it completes (exit ${second.status})`,
    problems,
  );
}

async function closeAll(servers: { close: (done: () => void) => unknown }[]): Promise<void> {
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
}

/** The whole upgrade simulation; `work` is a fresh folder. */
export async function upgradeSimulation(work: string): Promise<UpgradeLine[]> {
  const started = Date.now();
  const lines: UpgradeLine[] = [];
  const realCurl = ["/usr/bin/curl", "/bin/curl"].find((candidate) => existsSync(candidate));
  if (!realCurl)
    return [line("check", "upgrade: cannot run without curl", ["install Debian's curl package"])];
  const harnessFolder = writeStandIns(path.join(work, "stand-ins"), realCurl);
  const runs = path.join(work, "runs");
  const versions = upgradeVersions(embeddedCatalogue());
  const files = servedFiles(versions);
  let tamper = false;
  const bakery = await serve((urlPath) => {
    const bytes = files.get(urlPath.split("?")[0] ?? "");
    return tamper && bytes && urlPath.endsWith(".raw")
      ? Buffer.concat([bytes, Buffer.from("tampered\n")])
      : bytes;
  });
  // The mirror's layout: the images beside SHA256SUMS in kubernetes/, nothing at the root.
  const mirrorServer = await serve((urlPath) =>
    urlPath.startsWith(`/${transferSourceFolder}/`) ? files.get(urlPath) : undefined,
  );
  try {
    const catalogue = catalogueWithDigests(versions);
    const harness: Harness = { standIns: harnessFolder, bakeryLocal: bakery.base };
    const names = ["cp-1", "cp-2", "worker-1"];
    const cluster = await bootCluster(
      path.join(work, "boot"),
      names,
      catalogue,
      versions,
      {},
      `${bakery.base}/${imageFileName(versions.from, arch)}`,
      lines,
      "",
    );
    if (!cluster) return lines;
    const listing = `${bakery.base}/${transferSourceFolder}/`;
    const upgraded = path.join(work, "upgraded");
    for (const name of names) {
      const result = await upgradeNode(
        name,
        cluster,
        path.join(upgraded, name),
        runs,
        harness,
        versions,
        listing,
        "",
        "",
      );
      lines.push(...result.lines);
      // Through the bakery the only URL is the target image's own (the digest is pinned).
      const urls = result.run?.urls ?? [];
      const wanted = rawImageUrl(versions.to, arch);
      lines.push(
        line(
          "check",
          `upgrade, ${name}: curl was asked for ${wanted} only (served from this machine)`,
          urls.join() === wanted ? [] : [`fetched ${urls.join(", ") || "nothing"}`],
        ),
      );
    }

    // Planted defects, each on a fresh copy of a booted tree.
    const defects = path.join(work, "defects");
    const cp1 = cluster.scripts.get("cp-1") ?? "";
    const fresh = (name: string, as: string) => {
      const root = path.join(defects, as);
      copyTree(cluster.pristine.get(name) ?? "", root);
      return root;
    };
    tamper = true;
    try {
      lines.push(
        await refused(
          `a tampered image (served bytes ≠ the pinned sha256) on cp-1`,
          cp1,
          fresh("cp-1", "tampered"),
          runs,
          harness,
          /has sha256 [0-9a-f]{64}, not [0-9a-f]{64} as published: not used/,
        ),
      );
    } finally {
      tamper = false;
    }
    lines.push(
      await refused(
        "cp-2's upgrade.sh run on cp-1",
        cluster.scripts.get("cp-2") ?? "",
        fresh("cp-1", "other-node"),
        runs,
        harness,
        /this script is for cp-2, but this node is cp-1/,
      ),
    );
    const tooOld = fresh("cp-1", "wrong-minor");
    const oldImage = `${extensionsDirectory}/${imageFileName(versions.tooOld, arch)}`;
    writeFileSync(path.join(tooOld, oldImage), standInImage(versions.tooOld));
    rmSync(path.join(tooOld, extensionSymlink));
    symlinkSync(oldImage, path.join(tooOld, extensionSymlink));
    lines.push(
      await refused(
        `a node at ${versions.tooOld} (its link at ${minorOf(versions.tooOld)})`,
        cp1,
        tooOld,
        runs,
        harness,
        new RegExp(
          `expected a Kubernetes ${minorOf(versions.from).replaceAll(".", "\\.")} image .*found ${imageFileName(versions.tooOld, arch).replaceAll(".", "\\.")}`,
        ),
      ),
    );

    lines.push(
      await resumed(
        {
          label: "",
          name: "cp-1",
          cluster,
          root: path.join(defects, "resume-apply"),
          failing: `kubeadm upgrade apply ${versions.to} --yes`,
          step: `kubeadm upgrade apply ${versions.to}`,
        },
        runs,
        harness,
        versions,
      ),
    );
    lines.push(
      await resumed(
        {
          label: "",
          name: "worker-1",
          cluster,
          root: path.join(defects, "resume-node"),
          failing: "kubeadm upgrade node",
          step: "kubeadm upgrade node",
        },
        runs,
        harness,
        versions,
      ),
    );

    // Without a digest in the catalogue, upgrade.sh takes SHA256SUMS' line: it must resume too.
    const unpinned = catalogueWithDigests(versions, false);
    const unpinnedState = decoded(
      clusterPreset(versions.from, { mode: "upgrade", to: versions.to }),
      unpinned,
    );
    const unpinnedPlan = upgradePlan(unpinnedState, unpinned);
    const unpinnedScript = upgradeBundle(unpinnedState, { ...unpinnedPlan, to: versions.to }).find(
      (file) => file.path.endsWith("-worker-1/upgrade.sh"),
    )?.contents;
    if (unpinnedPlan.imageSha256 !== undefined || !unpinnedScript)
      lines.push(
        line("check", "upgrade, no digest: the plan", [
          "the catalogue without the digest still pinned one",
        ]),
      );
    else {
      const unpinnedCluster: BootedCluster = {
        ...cluster,
        scripts: new Map([["worker-1", unpinnedScript]]),
      };
      const result = await resumed(
        {
          label: ", no digest in the catalogue (SHA256SUMS' line)",
          name: "worker-1",
          cluster: unpinnedCluster,
          root: path.join(defects, "resume-unpinned"),
          failing: "kubeadm upgrade node",
          step: "kubeadm upgrade node",
          fetches: `${transferSourceUrl("")}${listingFileName}`,
        },
        runs,
        harness,
        versions,
      );
      lines.push(result);
    }

    // Through a mirror, with the real curl and no bakery mapping: nothing outside the mirror.
    const mirror = mirrorServer.base;
    const mirrorHarness: Harness = { standIns: harnessFolder };
    const mirrored = await bootCluster(
      path.join(work, "mirror-boot"),
      ["cp-1", "worker-1"],
      catalogue,
      versions,
      { mirror },
      undefined,
      lines,
      ` through ${mirror}`,
    );
    if (mirrored)
      for (const name of ["cp-1", "worker-1"]) {
        const result = await upgradeNode(
          name,
          mirrored,
          path.join(work, "mirror-upgraded", name),
          runs,
          mirrorHarness,
          versions,
          undefined,
          ` through ${mirror}`,
          mirror,
        );
        lines.push(...result.lines);
        const urls = result.run?.urls ?? [];
        const outside = urls.filter((url) => !url.startsWith(`${mirror}/`));
        lines.push(
          line(
            "check",
            `upgrade through ${mirror}, ${name}: the real curl fetched only from the mirror (${urls.map((url) => url.slice(mirror.length)).join(", ") || "nothing"}), the transfer is the mirrored one`,
            [
              ...(urls.length === 0 ? ["nothing was fetched"] : []),
              ...outside.map((url) => `fetched ${url}, outside the mirror`),
            ],
          ),
        );
      }
    lines.push(
      line(
        "note",
        `upgrade: real: Ignition (the nodes' trees), upgrade.sh under sh with id, cat, readlink, sha256sum, cut, awk, grep, cmp, mv, ln, mkdir, rm, touch, curl (through a recording wrapper) and systemd-sysupdate 254; stand-ins: kubeadm (its version is the linked image; apply and node rewrite kube-apiserver.yaml), kubectl, systemctl, and the bakery (a local server); ${((Date.now() - started) / 1000).toFixed(1)} s`,
      ),
    );
  } finally {
    await closeAll([bakery.server, mirrorServer.server]);
  }
  return lines;
}
