/**
 * First boot from a local mirror laid out by `cli mirror --download` (issue 20): a stand-in
 * upstream (the bakery's files and the manifests, at the paths a mirror holds them) is served
 * from this machine; the real command code fills a second, empty folder from it, served as the
 * mirror; then nodes rendered for that mirror are applied by the real Ignition binary WITHOUT
 * their sources replaced, so Ignition itself fetches the image (and, from the bakery's layout,
 * the transfer and noop.conf) from the mirror and checks the pinned sha256. Last, the real
 * systemd-sysupdate (254 from Debian's backports, real-sysupdate.ts) runs against the mirror over
 * each node's root: it must list the image Ignition installed as current and the older mirrored
 * patch as only available, and an update into an empty root must fetch that image, checked
 * against the mirror's SHA256SUMS, and end with the same bytes and link as Ignition. Two planted
 * defects prove the checks bite.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { runMirrorCommand, type MirrorIo } from "../../src/cli/mirror-command.ts";
import { sha256SumsText } from "../../src/core/mirror/sha256-sums.ts";
import { diskMirrorIo } from "../../src/cli/mirror-disk-io.ts";
import {
  embeddedCatalogue,
  findRelease,
  type Catalogue,
} from "../../src/core/catalogue/catalogue.ts";
import { generateNodeSecrets } from "../../src/core/cluster/generate-secrets.ts";
import { decodePreset } from "../../src/core/config/preset.ts";
import type { WizardState } from "../../src/core/config/wizard-state.ts";
import {
  listedFolder,
  mirrorList,
  mirrorNodes,
  type MirrorFile,
} from "../../src/core/mirror/mirror-list.ts";
import { transferListingPath } from "../../src/core/render/bakery.ts";
import { renderNode } from "../../src/core/render/render-node.ts";
import { imageFileName, imageMatchPattern, minorOf } from "../../src/core/version.ts";
import { checkTree } from "./check-tree.ts";
import { unexpectedChanges, withStandIns } from "./config-copy.ts";
import { expectedTree } from "./expected-tree.ts";
import { imageFileEntry, type JsonObject } from "./ignition-json.ts";
import { compiledIgnition, presetQuery, versionsFor } from "./matrix.ts";
import { applyIgnition, serve, standInBytes } from "./simulate-node.ts";
import {
  hostArchitecture,
  listAgainst,
  SysupdateError,
  sysupdateList,
  transferSetting,
  updateAgainst,
  type SysupdateVersion,
} from "./real-sysupdate.ts";

/** What @v captures of a version's image name under its minor's pattern (the patch number). */
export function patchField(version: string, arch: WizardState["arch"]): string {
  const [prefix = "", suffix = ""] = imageMatchPattern(minorOf(version))
    .replace("%a", arch)
    .split("@v");
  return imageFileName(version, arch).slice(prefix.length, -suffix.length);
}
const registry = "registry.example.com:5000";
/** The mirror's base is a folder below the server's root, as a person's usually is. */
const mirrorFolder = "/flatcar";

export interface MirrorBootLine {
  ok: boolean;
  text: string;
  /** Why it failed (or, for a planted defect, what caught it). */
  details: string[];
  /** A check, a planted defect (ok: it was caught), or a note saying how a check was made. */
  kind: "check" | "defect" | "note";
}

interface Scenario {
  label: string;
  preset: Record<string, string>;
  /** Mirrored but not booted: an older patch beside the newest, for sysupdate to pass over. */
  mirrorOnly?: boolean;
}

/** The patch before `version` in its minor, for the same architecture, if the catalogue has one. */
function olderPatch(catalogue: Catalogue, version: string, arch: WizardState["arch"]) {
  const group = catalogue.minors.find((minor) =>
    minor.releases.some((release) => release.version === version),
  );
  const releases = group?.releases.filter((release) => release.arches.includes(arch)) ?? [];
  const index = releases.findIndex((release) => release.version === version);
  return releases[index + 1]?.version;
}

/** A zero-touch control plane taking patch updates, per sysupdate source and architecture. */
function scenarios(catalogue: Catalogue): Scenario[] {
  const common = {
    role: "control-plane",
    bootstrap: "generated",
    updates: "patch",
    verify: "on",
    registry,
  };
  const newest = versionsFor(catalogue, "x86-64").newest;
  const older = olderPatch(catalogue, newest, "x86-64");
  return [
    {
      label: "control plane, x86-64, updates inline",
      preset: { ...common, arch: "x86-64", k8s: newest, sysupdate: "inline" },
    },
    ...(older
      ? [
          {
            label: `a node on ${older}, mirrored too`,
            preset: { ...common, arch: "x86-64", k8s: older, sysupdate: "inline" },
            mirrorOnly: true,
          },
        ]
      : []),
    {
      // The same version for the other architecture, so the mirror's one SHA256SUMS lists both
      // images and only %a tells the nodes' patterns apart.
      label: "control plane, arm64, transfer from the bakery's layout",
      preset: {
        ...common,
        arch: "arm64",
        k8s: versionsFor(catalogue, "arm64").newest,
        sysupdate: "bakery",
      },
    },
  ];
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A file of `folder` at a URL path below `prefix`, or undefined (never outside the folder). */
function fileBelow(folder: string, prefix: string, urlPath: string): Buffer | undefined {
  if (!urlPath.startsWith(`${prefix}/`)) return undefined;
  const relative = decodeURIComponent(urlPath.slice(prefix.length + 1).split("?")[0] ?? "");
  const file = path.resolve(folder, relative);
  if (!file.startsWith(`${path.resolve(folder)}/`)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? readFileSync(file) : undefined;
}

/** The io `cli mirror` gets in src/cli/main.ts, writing to the real disk; output kept. */
function diskIo(log: string[]): MirrorIo {
  return diskMirrorIo({ stdout: (text) => log.push(text), stderr: (text) => log.push(text) });
}

/**
 * The stand-in upstream: every file of the lists that comes from upstream, as the stand-in bytes
 * the matrix serves for its URL, at its mirror path; each SHA256SUMS listing the images beside it.
 */
function upstreamFiles(files: readonly MirrorFile[]): Map<string, Buffer> {
  const served = new Map<string, Buffer>();
  const listings: MirrorFile[] = [];
  for (const file of files) {
    if (file.source === undefined) continue;
    if (listedFolder(file) !== undefined) listings.push(file);
    else served.set(file.path, standInBytes(file.source, false));
  }
  for (const listing of listings) {
    const folder = `${listedFolder(listing) ?? ""}/`;
    const images = [...served]
      .filter(([at]) => at.startsWith(folder) && at.endsWith(".raw"))
      .map(([at, bytes]) => [at.slice(folder.length), sha256(bytes)] as const);
    served.set(listing.path, Buffer.from(sha256SumsText(new Map(images))));
  }
  return served;
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
}

export interface SysupdateView {
  problems: string[];
  /** What it found, for the ok line. */
  found: string;
}

/** A failed run in a line or few: the command and what it logged as failing. */
function failure(error: unknown): string {
  if (!(error instanceof SysupdateError)) return (error as Error).message;
  const failing = error.output
    .split("\n")
    .filter((line) => /fail|invalid|refus|not |no such|cannot|couldn't|error/i.test(line));
  return [error.message.split("\n")[0], ...failing].join(": ");
}

/** Where a link inside `root` leads, as a path inside `root` (its target is a path on the node). */
function linkTarget(root: string, link: string): string | undefined {
  const at = path.join(root, link);
  if (!lstatSync(at, { throwIfNoEntry: false })?.isSymbolicLink()) return undefined;
  const target = readlinkSync(at);
  const resolved = path.isAbsolute(target)
    ? path.join(root, target)
    : path.resolve(path.dirname(at), target);
  return path.relative(root, resolved);
}

/**
 * What the real systemd-sysupdate (254, real-sysupdate.ts) does on the node, against the mirror:
 * `list` over the node's root as Ignition left it must show the newest version as current
 * (installed and available) and every other version as only available, the versions being
 * `expectedVersions` when given (newest first); then `update` into an empty root from a copy of
 * the node's transfer must fetch that image from the mirror, check it against SHA256SUMS, and
 * leave the same bytes and the same CurrentSymlink as Ignition did. systemd-sysupdate expands %a
 * to this machine's architecture, so for another one the list runs on a copy with it written in.
 */
export async function checkSysupdateFromMirror(
  root: string,
  architecture: string,
  mirror: string,
  expectedVersions?: readonly string[],
): Promise<SysupdateView> {
  const problems: string[] = [];
  const definitions = path.join(root, "etc/sysupdate.kubernetes.d");
  const transfers = existsSync(definitions)
    ? readdirSync(definitions).filter((name) => name.endsWith(".conf"))
    : [];
  if (transfers.length !== 1)
    return {
      problems: [`/etc/sysupdate.kubernetes.d holds ${transfers.length} transfers, not 1`],
      found: "",
    };
  const transferName = transfers[0] as string;
  const transferFile = path.join(definitions, transferName);
  const text = readFileSync(transferFile, "utf8");
  const sourceUrl = transferSetting(text, "Source", "Path") ?? "";
  // Anywhere else is unreachable here, and would not be the mirror on the node either.
  if (!sourceUrl.startsWith(`${mirror}/`))
    return {
      problems: [`${transferName}: [Source] Path=${sourceUrl} is not on the mirror ${mirror}`],
      found: "",
    };
  const native = architecture === hostArchitecture();
  let versions: SysupdateVersion[];
  try {
    versions = native
      ? await sysupdateList(root, "kubernetes")
      : await listAgainst(root, transferFile, sourceUrl, architecture);
  } catch (error) {
    return { problems: [`list: ${failure(error)}`], found: "" };
  }
  const shown = versions.map((entry) => `${entry.version} ${entry.assessment}`).join(", ");
  const newest = versions[0];
  if (expectedVersions && versions.map((entry) => entry.version).join() !== expectedVersions.join())
    problems.push(
      `list shows versions ${versions.map((entry) => entry.version).join(", ") || "none"} for ${architecture}, not ${expectedVersions.join(", ")}`,
    );
  if (!newest)
    return { problems: [...problems, `list shows no version for ${architecture}`], found: "" };
  if (!newest.available)
    problems.push(
      `list shows version ${newest.version} installed but not on the mirror for ${architecture} (${shown})`,
    );
  else if (!newest.installed)
    problems.push(
      `list shows the newest version ${newest.version} as ${newest.assessment}, not installed: Ignition installed an older image than the mirror's newest (${shown})`,
    );
  else if (newest.assessment !== "current")
    problems.push(
      `list shows the newest version ${newest.version} as ${newest.assessment}, not current`,
    );
  for (const other of versions.slice(1))
    if (other.installed || !other.available)
      problems.push(
        `list shows the older version ${other.version} as ${other.assessment}, not only available`,
      );

  // An empty root takes the update from the mirror; it must end as Ignition left the node.
  const targetFolder = transferSetting(text, "Target", "Path") ?? "";
  const symlink = transferSetting(text, "Target", "CurrentSymlink");
  const empty = mkdtempSync(path.join(tmpdir(), "sysupdate-empty-root-"));
  let fetched = "";
  try {
    // sysupdate needs the target folder, and the link's, to exist (real-sysupdate.ts).
    mkdirSync(path.join(empty, targetFolder), { recursive: true });
    if (symlink) mkdirSync(path.join(empty, path.dirname(symlink)), { recursive: true });
    await updateAgainst(empty, transferFile, sourceUrl, architecture);
    const installed = readdirSync(path.join(empty, targetFolder));
    if (installed.length !== 1)
      problems.push(
        `update into an empty root left ${installed.join(", ") || "nothing"} in ${targetFolder}`,
      );
    fetched = installed[0] ?? "";
    const mine = path.join(empty, targetFolder, fetched);
    const node = path.join(root, targetFolder, fetched);
    if (fetched && !existsSync(node))
      problems.push(
        `update fetched ${fetched}, which is not the image Ignition installed in ${targetFolder}`,
      );
    else if (fetched && !readFileSync(mine).equals(readFileSync(node)))
      problems.push(`update fetched other bytes for ${fetched} than Ignition installed`);
    if (symlink) {
      const theirs = linkTarget(root, symlink);
      const ours = linkTarget(empty, symlink);
      if (theirs !== ours)
        problems.push(
          `${symlink} leads to ${theirs ?? "nothing"} on the node, but update made it lead to ${ours ?? "nothing"}`,
        );
    }
  } catch (error) {
    problems.push(`update: ${failure(error)}`);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  return {
    problems,
    found: `systemd-sysupdate 254 lists ${shown} for ${architecture}${native ? "" : " (%a written in)"}; update into an empty root fetched ${fetched || "nothing"} from ${sourceUrl.slice(mirror.length)}, sha256 as listed, the same bytes${symlink ? " and link" : ""} as Ignition's`,
  };
}

interface RenderedScenario {
  scenario: Scenario;
  state: WizardState;
  query: string;
  digest: string;
  config: JsonObject;
}

/** Boots every scenario's node from a mirror the real `cli mirror --download` filled. */
export async function localMirrorBoot(work: string): Promise<MirrorBootLine[]> {
  const lines: MirrorBootLine[] = [];
  const mirrorDirectory = path.join(work, "mirror");
  mkdirSync(mirrorDirectory, { recursive: true });
  let tamper = false;
  const mirrorServer = await serve((urlPath) => {
    const bytes = fileBelow(mirrorDirectory, mirrorFolder, urlPath);
    return tamper && bytes && urlPath.endsWith(".raw")
      ? Buffer.concat([bytes, Buffer.from("tampered\n")])
      : bytes;
  });
  const mirror = `${mirrorServer.base}${mirrorFolder}`;
  const servers = [mirrorServer.server];
  try {
    const catalogue = structuredClone(embeddedCatalogue());
    const planned = scenarios(catalogue).map((scenario) => {
      const query = presetQuery({ ...scenario.preset, mirror });
      const { state, notices } = decodePreset(query, catalogue);
      if (notices.length > 0)
        throw new Error(`${scenario.label}: the preset has notices ${JSON.stringify(notices)}`);
      return { scenario, query, state, list: mirrorList(mirrorNodes(state)) };
    });
    const upstream = upstreamFiles(planned.flatMap(({ list }) => list.files));
    const upstreamServer = await serve((urlPath) => upstream.get(urlPath.slice(1)));
    servers.push(upstreamServer.server);

    // The catalogue's digest is the stand-in image's, as GitHub's would be the real one's: the
    // download checks it, and the node pins it.
    for (const { state } of planned) {
      const release = findRelease(catalogue, state.kubernetesVersion);
      const image = upstream.get(
        `kubernetes/${imageFileName(state.kubernetesVersion, state.arch)}`,
      );
      if (!release || !image) throw new Error(`no stand-in image for ${state.kubernetesVersion}`);
      release.sha256[state.arch] = sha256(image);
    }

    const log: string[] = [];
    const statuses: number[] = [];
    for (const { query } of planned) {
      const argv = [
        "--preset",
        query,
        "--download",
        mirrorDirectory,
        "--from",
        upstreamServer.base,
      ];
      statuses.push(await runMirrorCommand(argv, diskIo(log), catalogue));
    }
    const downloaded = statuses.every((status) => status === 0);
    const held = readdirSync(path.join(mirrorDirectory, "kubernetes")).sort();
    lines.push({
      kind: "check",
      ok: downloaded,
      text: `local mirror: cli mirror --download filled ${mirror} from a stand-in upstream (exit ${statuses.join(", ")}; kubernetes/ holds ${held.join(", ")})`,
      details: downloaded ? [] : log.join("").trim().split("\n"),
    });
    if (!downloaded) return lines;

    const secrets = await generateNodeSecrets({ controlPlanes: 1 });
    const booted = planned.filter(({ scenario }) => scenario.mirrorOnly !== true);
    const rendered: RenderedScenario[] = booted.map(({ scenario, state, query }) => {
      const digest = findRelease(catalogue, state.kubernetesVersion)?.sha256[state.arch] ?? "";
      const ignition = compiledIgnition(
        scenario.label,
        renderNode(state, { imageSha256: digest, secrets }),
      );
      return { scenario, state, query, digest, config: JSON.parse(ignition) as JsonObject };
    });

    /** Applies a config as it is (only the spec's Debian name changed) in `nodeWork`. */
    const apply = async (config: JsonObject, nodeWork: string): Promise<string[]> => {
      const copy = withStandIns(config, new Map());
      const changed = unexpectedChanges(config, copy);
      if (changed.length > 0) return changed.map((at) => `the applied copy differs at ${at}`);
      mkdirSync(nodeWork, { recursive: true });
      const configFile = path.join(nodeWork, "config.ign");
      writeFileSync(configFile, JSON.stringify(copy));
      return applyIgnition(configFile, nodeWork);
    };
    const fromMirror = (url: string) => {
      const bytes = url.startsWith(mirror)
        ? fileBelow(mirrorDirectory, mirrorFolder, url.slice(mirrorServer.base.length))
        : undefined;
      if (!bytes) throw new Error(`${url} is not on the mirror`);
      return bytes;
    };

    /** The versions sysupdate should list for a node: its minor's mirrored patches, newest first. */
    const expectedVersions = (state: WizardState) =>
      planned
        .filter(
          (other) =>
            other.state.arch === state.arch &&
            minorOf(other.state.kubernetesVersion) === minorOf(state.kubernetesVersion),
        )
        .map((other) => patchField(other.state.kubernetesVersion, state.arch))
        .sort((a, b) => Number(b) - Number(a));
    for (const [index, node] of rendered.entries()) {
      const started = Date.now();
      const { state, digest, config } = node;
      const imageName = imageFileName(state.kubernetesVersion, state.arch);
      const problems: string[] = [];
      const image = imageFileEntry(config, imageName);
      if (!image.source.startsWith(`${mirror}/`))
        problems.push(`the image's source ${image.source || "(none)"} is not on the mirror`);
      if (image.hash !== `sha256-${digest}`)
        problems.push(`the image pins ${image.hash || "no hash"}, not sha256-${digest}`);
      const nodeWork = path.join(work, `mirror-node-${index}`);
      const root = path.join(nodeWork, "root");
      const ignitionErrors = await apply(config, nodeWork);
      problems.push(...ignitionErrors.map((error) => `ignition: ${error}`));
      let found = "";
      if (ignitionErrors.length === 0) {
        let tree: string[];
        try {
          tree = checkTree(root, expectedTree(config, fromMirror));
        } catch (error) {
          tree = [(error as Error).message];
        }
        problems.push(...tree.map((problem) => `tree: ${problem}`));
        const view = await checkSysupdateFromMirror(
          root,
          state.arch,
          mirror,
          expectedVersions(state),
        );
        problems.push(...view.problems.map((problem) => `systemd-sysupdate: ${problem}`));
        found = view.found;
      }
      const fetched = node.state.sysupdate === "bakery" ? "image, transfer and noop.conf" : "image";
      lines.push({
        kind: "check",
        ok: problems.length === 0,
        text: `local mirror, ${node.scenario.label}: Ignition fetched the ${fetched} from the mirror, checked sha256-${digest.slice(0, 12)}…; ${found || "sysupdate not checked"} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        details: problems,
      });
    }
    lines.push({
      kind: "note",
      ok: true,
      text: `local mirror: the real systemd-sysupdate (254, unpacked from Debian's bookworm-backports by scripts/systemd-backports.sh) listed each node's versions over its root (-C kubernetes for ${hostArchitecture()}, a copy of the transfer with %a written in for another architecture) and updated an empty root from the mirror`,
      details: [],
    });

    // Planted defects: each must make its check fail.
    const first = rendered[0];
    if (!first) throw new Error("no scenario to plant defects in");
    const listing = path.join(mirrorDirectory, transferListingPath);
    const original = readFileSync(listing, "utf8");
    const firstImage = imageFileName(first.state.kubernetesVersion, first.state.arch);
    const wrong = original.replace(
      new RegExp(`^[0-9a-f]{64}(?=  ${firstImage.replaceAll(".", "\\.")}$)`, "m"),
      "0".repeat(64),
    );
    let caught: string[] = [];
    if (wrong !== original) {
      writeFileSync(listing, wrong);
      try {
        const view = await checkSysupdateFromMirror(
          path.join(work, "mirror-node-0/root"),
          first.state.arch,
          mirror,
        );
        caught = view.problems;
      } finally {
        writeFileSync(listing, original);
      }
    }
    lines.push(
      defectLine("a mirror SHA256SUMS line with a wrong digest", caught, /checksum|sha256/i),
    );

    tamper = true;
    try {
      caught = await apply(first.config, path.join(work, "mirror-defect-tampered"));
    } finally {
      tamper = false;
    }
    lines.push(
      defectLine("the mirror serving other bytes than the pinned image", caught, /hash|sha256/i),
    );
  } finally {
    await closeAll(servers);
  }
  return lines;
}

function defectLine(name: string, problems: string[], wanted: RegExp): MirrorBootLine {
  const hit = problems.find((problem) => wanted.test(problem));
  return {
    ok: hit !== undefined,
    kind: "defect",
    text: `planted defect, ${name}: ${hit ? `caught (${hit})` : "NOT caught"}`,
    details: hit ? [] : problems,
  };
}
