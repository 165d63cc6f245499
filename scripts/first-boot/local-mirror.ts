/**
 * First boot from a local mirror laid out by `cli mirror --download` (issue 20): a stand-in
 * upstream (the bakery's files and the manifests, at the paths a mirror holds them) is served
 * from this machine; the real command code fills a second, empty folder from it, served as the
 * mirror; then nodes rendered for that mirror are applied by the real Ignition binary WITHOUT
 * their sources replaced, so Ignition itself fetches the image (and, from the bakery's layout,
 * the transfer and noop.conf) from the mirror and checks the pinned sha256. Last, what
 * systemd-sysupdate does on the node is checked against the mirror: the transfer Ignition wrote
 * names the mirror's folder, its SHA256SUMS lists the image under the transfer's pattern, and the
 * newest match is the image Ignition installed, byte for byte. Two planted defects prove the
 * checks bite.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { runMirrorCommand, type MirrorIo } from "../../src/cli/mirror-command.ts";
import { parseSha256Sums, sha256SumsText } from "../../src/core/mirror/sha256-sums.ts";
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
import { listingFileName, transferListingPath } from "../../src/core/render/bakery.ts";
import { renderNode } from "../../src/core/render/render-node.ts";
import { imageFileName } from "../../src/core/version.ts";
import { checkTree } from "./check-tree.ts";
import { unexpectedChanges, withStandIns } from "./config-copy.ts";
import { expectedTree } from "./expected-tree.ts";
import { isObject, listAt, stringAt, type JsonObject } from "./ignition-json.ts";
import { compiledIgnition, presetQuery, versionsFor } from "./matrix.ts";
import { applyIgnition, serve, standInBytes } from "./simulate-node.ts";
import { matchingEntries, transferSettings, urlFileSource } from "./sysupdate-source.ts";

export const systemdSysupdate = "/usr/lib/systemd/systemd-sysupdate";
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

const fetchBytes = async (url: string): Promise<Buffer | undefined> => {
  const response = await fetch(url);
  return response.ok ? Buffer.from(await response.arrayBuffer()) : undefined;
};

export interface SysupdateView {
  problems: string[];
  /** What it found, for the ok line. */
  found: string;
}

/**
 * What systemd-sysupdate -C kubernetes does on the node, against the mirror: the transfer
 * Ignition wrote, its Source Path on the mirror, the newest SHA256SUMS entry matching its
 * pattern for the node's architecture, those bytes matching their listed sha256, and the image
 * Ignition installed being that one.
 */
export async function checkSysupdateFromMirror(
  root: string,
  architecture: string,
  mirror: string,
  get: (url: string) => Promise<Buffer | undefined> = fetchBytes,
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
  const settings = transferSettings(readFileSync(path.join(definitions, transferName), "utf8"));
  const source = urlFileSource(settings);
  if (typeof source === "string") return { problems: [`${transferName}: ${source}`], found: "" };
  if (!source.path.startsWith(`${mirror}/`))
    problems.push(`${transferName}: [Source] Path=${source.path} is not on the mirror ${mirror}`);
  const listingUrl = `${source.path}${listingFileName}`;
  const listing = await get(listingUrl);
  if (!listing) return { problems: [...problems, `${listingUrl}: not served`], found: "" };
  const entries = matchingEntries(
    parseSha256Sums(listing.toString("utf8")),
    source.matchPatterns,
    architecture,
  );
  const newest = entries[0];
  if (!newest)
    return {
      problems: [
        ...problems,
        `${listingUrl} has no entry matching ${source.matchPatterns.join(" or ")} for ${architecture}`,
      ],
      found: "",
    };
  const imageUrl = `${source.path}${newest.name}`;
  const image = await get(imageUrl);
  if (!image) problems.push(`${imageUrl}: not served`);
  else if (sha256(image) !== newest.sha256)
    problems.push(
      `${imageUrl}: sha256 ${sha256(image)}, but ${listingUrl} lists ${newest.sha256}: systemd-sysupdate would refuse it`,
    );
  const target = settings.get("Target");
  const targetFolder = target?.get("Path")?.at(-1) ?? "";
  const installed = path.join(root, targetFolder, newest.name);
  if (!existsSync(installed))
    problems.push(
      `the newest match ${newest.name} is not the image Ignition installed in ${targetFolder} (${existsSync(path.join(root, targetFolder)) ? readdirSync(path.join(root, targetFolder)).join(", ") : "missing"})`,
    );
  else if (image && !readFileSync(installed).equals(image))
    problems.push(`${targetFolder}/${newest.name} differs from ${imageUrl}`);
  const symlink = target?.get("CurrentSymlink")?.at(-1);
  if (symlink && existsSync(installed)) {
    // The link's target is a path on the node: read it inside the scratch root.
    const current = path.join(root, symlink);
    const target = lstatSync(current, { throwIfNoEntry: false })?.isSymbolicLink()
      ? readlinkSync(current)
      : "";
    const leadsTo = path.isAbsolute(target)
      ? path.join(root, target)
      : path.resolve(path.dirname(current), target);
    if (leadsTo !== installed)
      problems.push(
        `${symlink} leads to ${target || "nothing"}, not ${targetFolder}/${newest.name}`,
      );
  }
  return {
    problems,
    found: `${transferName} lists ${listingUrl.slice(mirror.length)}: ${entries.length} ${entries.length === 1 ? "match" : "matches"} for ${architecture}, newest ${newest.name} (@v ${newest.version}), sha256 as listed, the image installed`,
  };
}

/** The real systemd-sysupdate over the scratch root, where it exists; undefined when it does not. */
function realSysupdate(root: string, version: string): string[] | undefined {
  if (!existsSync(systemdSysupdate)) return undefined;
  const run = spawnSync(systemdSysupdate, [`--root=${root}`, "-C", "kubernetes", "list"], {
    encoding: "utf8",
    timeout: 60_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0)
    return [`${systemdSysupdate} --root -C kubernetes list exited ${run.status}: ${output}`];
  return output.includes(version)
    ? []
    : [`${systemdSysupdate} -C kubernetes list does not show ${version}: ${output}`];
}

/** The image's file in the config: its source and the hash Ignition checks. */
function imageEntry(config: JsonObject, imageName: string): { source: string; hash: string } {
  for (const file of listAt(config, "storage", "files")) {
    const contents = file.contents;
    if (!isObject(contents)) continue;
    const source = stringAt(contents, "source") ?? "";
    if (!source.endsWith(`/${imageName}`)) continue;
    const verification = contents.verification;
    return {
      source,
      hash: isObject(verification) ? (stringAt(verification, "hash") ?? "") : "",
    };
  }
  return { source: "", hash: "" };
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

    const hasSysupdate = existsSync(systemdSysupdate);
    for (const [index, node] of rendered.entries()) {
      const started = Date.now();
      const { state, digest, config } = node;
      const imageName = imageFileName(state.kubernetesVersion, state.arch);
      const problems: string[] = [];
      const image = imageEntry(config, imageName);
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
        const view = await checkSysupdateFromMirror(root, state.arch, mirror);
        problems.push(...view.problems.map((problem) => `sysupdate: ${problem}`));
        found = view.found;
        // systemd-sysupdate expands %a to the machine's own architecture: run it for that one.
        if (hasSysupdate && state.arch === "x86-64" && process.arch === "x64") {
          const real = realSysupdate(root, state.kubernetesVersion) ?? [];
          problems.push(...real.map((problem) => `systemd-sysupdate: ${problem}`));
        }
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
      text: hasSysupdate
        ? `local mirror: ${systemdSysupdate} ran over the x86-64 node's root (-C kubernetes list)`
        : `local mirror: ${systemdSysupdate} is not installed here (Debian 12's systemd 252 does not ship it): sysupdate was checked with the model in sysupdate-source.ts`,
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
    lines.push(defectLine("a mirror SHA256SUMS line with a wrong digest", caught, /sha256/));

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
