/**
 * The real systemd-sysupdate, run over a scratch root. Debian 12's systemd 252 does not ship it;
 * scripts/systemd-backports.sh unpacks bookworm-backports' systemd 254 (systemd,
 * libsystemd-shared, systemd-container) into .cache/systemd-254 without installing it.
 *
 * What 254 needs there, found by running it:
 * - LD_LIBRARY_PATH at the unpacked usr/lib/<triplet>/systemd: the binary's RUNPATH is the
 *   machine's /usr/lib/x86_64-linux-gnu/systemd, which holds only 252's libsystemd-shared;
 * - SYSTEMD_PULL_PATH at the unpacked systemd-pull (from systemd-container): url-file sources are
 *   fetched by the systemd-pull it execs, /lib/systemd/systemd-pull unless that variable says
 *   otherwise (pull_binary_path() in systemd's src/sysupdate/sysupdate.h, called from
 *   sysupdate-resource.c and sysupdate-transfer.c; the variable's name is in the 254 binary);
 * - --root=ROOT (--image= wants a disk image to dissect, not a folder): the transfers are read
 *   from ROOT/etc/sysupdate.COMPONENT.d and targets resolved below ROOT; no os-release is needed
 *   there for regular-file targets;
 * - the [Target] Path= folder must exist below the root ("Failed to resolve …"), and for `update`
 *   the CurrentSymlink='s folder too;
 * - %a expands to the machine's own architecture (x86-64 here) and no option changes it, so a copy
 *   for another architecture gets it written in (rewrittenTransfer);
 * - --definitions=DIR is a path on the machine, not below --root, and may not be combined with -C
 *   (sysupdate.c refuses it);
 * - Verify=false in the transfer (as the bakery's) or the manifest needs a SHA256SUMS.gpg;
 *   the image is still checked against its SHA256SUMS line, and `update` fails on a mismatch;
 * - an image of a few bytes at least: systemd-pull reads the compression magic first and calls a
 *   2-byte download a "Premature connection termination";
 * - with --root, 254 follows an existing CurrentSymlink= before replacing it (chase_symlinks() in
 *   transfer_install_instance(), src/sysupdate/sysupdate-transfer.c), so on a root where Ignition
 *   made the link it would turn the old image into a link to the new one; without --root, as on
 *   the node, the link itself is replaced. The update helpers therefore take the link away while
 *   sysupdate runs and put it back if sysupdate did not make a new one;
 * - `pending` and `reboot` refuse --root, so only list and update run here;
 * - --json=short: `list` prints the versions, `list VERSION` that version's resources.
 */
import { spawn } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where scripts/systemd-backports.sh unpacks systemd 254 (SYSTEMD_254_DIR overrides it). */
export const systemd254Folder =
  process.env.SYSTEMD_254_DIR ??
  fileURLToPath(new URL("../../.cache/systemd-254", import.meta.url));

export interface SystemdSysupdate {
  binary: string;
  /** The environment it needs besides the process's own. */
  env: Record<string, string>;
}

/** The unpacked systemd-sysupdate and the environment it runs in; throws saying what is missing. */
export function findSysupdate(folder = systemd254Folder): SystemdSysupdate {
  const fix =
    "run scripts/systemd-backports.sh as root (it unpacks Debian bookworm-backports' systemd 254)";
  // Debian 254 still ships its programs under /lib (merged /usr came with 255).
  const binary = ["usr/lib/systemd/systemd-sysupdate", "lib/systemd/systemd-sysupdate"]
    .map((relative) => path.join(folder, relative))
    .find((candidate) => existsSync(candidate));
  if (!binary) throw new Error(`no systemd-sysupdate unpacked in ${folder}: ${fix}`);
  const pull = ["usr/lib/systemd/systemd-pull", "lib/systemd/systemd-pull"]
    .map((relative) => path.join(folder, relative))
    .find((candidate) => existsSync(candidate));
  if (!pull) throw new Error(`no systemd-pull (systemd-container) unpacked in ${folder}: ${fix}`);
  const libraries = path.join(folder, "usr/lib");
  const shared = (existsSync(libraries) ? readdirSync(libraries) : [])
    .map((triplet) => path.join(libraries, triplet, "systemd"))
    .find(
      (candidate) =>
        existsSync(candidate) &&
        readdirSync(candidate).some((name) => name.startsWith("libsystemd-shared-")),
    );
  if (!shared) throw new Error(`no libsystemd-shared unpacked below ${libraries}: ${fix}`);
  return {
    binary,
    // No colours or pager: the output is parsed.
    env: {
      LD_LIBRARY_PATH: shared,
      SYSTEMD_PULL_PATH: pull,
      SYSTEMD_COLORS: "0",
      SYSTEMD_PAGER: "",
    },
  };
}

/** The name systemd gives the machine's architecture, which %a expands to (systemd's architecture.c). */
export function hostArchitecture(): string {
  const names: Partial<Record<NodeJS.Architecture, string>> = { x64: "x86-64", arm64: "arm64" };
  return names[process.arch] ?? process.arch;
}

export interface SysupdateVersion {
  version: string;
  installed: boolean;
  available: boolean;
  /**
   * sysupdate's word for it: current (the newest installed), candidate (newer than anything
   * installed), installed, available, protected, or one of those followed by "+obsolete".
   */
  assessment: string;
}

/** A resource of one version: an installed file (path), or a source file (URL and sha256). */
export interface SysupdateResource {
  type: string;
  path: string;
  sha256?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function jsonRows(json: string, what: string): Record<string, unknown>[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || !parsed.every(isRecord))
    throw new Error(`${what}: not a JSON array of objects: ${json}`);
  return parsed;
}

/** The versions `systemd-sysupdate list --json=short` prints ("✓" marks installed and available). */
export function parseSysupdateList(json: string): SysupdateVersion[] {
  return jsonRows(json, "systemd-sysupdate list").map((row) => {
    const { version, installed, available, assessment } = row;
    if (
      typeof version !== "string" ||
      typeof installed !== "string" ||
      typeof available !== "string" ||
      typeof assessment !== "string"
    )
      throw new Error(
        `systemd-sysupdate list: a row without its four columns: ${JSON.stringify(row)}`,
      );
    return {
      version,
      installed: installed.trim() !== "",
      available: available.trim() !== "",
      assessment,
    };
  });
}

/** The resources `systemd-sysupdate list VERSION --json=short` prints for one version. */
export function parseSysupdateResources(json: string): SysupdateResource[] {
  return jsonRows(json, "systemd-sysupdate list VERSION").map((row) => {
    const { type, path: at, sha256 } = row;
    if (typeof type !== "string" || typeof at !== "string")
      throw new Error(
        `systemd-sysupdate list VERSION: a row without type and path: ${JSON.stringify(row)}`,
      );
    return typeof sha256 === "string" ? { type, path: at, sha256 } : { type, path: at };
  });
}

export class SysupdateError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(`${message}\n${output}`);
  }
}

/**
 * Runs systemd-sysupdate with `args`, resolving to its stdout (the parsed output) and stderr (its
 * log: what it fetched and installed); rejects with both when it exits non-zero. Asynchronous on purpose: the HTTP server it
 * fetches from usually lives in this same process.
 */
export function runSysupdate(
  args: readonly string[],
  folder = systemd254Folder,
): Promise<{ stdout: string; log: string }> {
  const { binary, env } = findSysupdate(folder);
  const all = ["--no-pager", ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(binary, all, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status, signal) => {
      if (status === 0) resolve({ stdout, log: stderr });
      else
        reject(
          new SysupdateError(
            `systemd-sysupdate ${all.join(" ")} exited ${status ?? signal}`,
            `${stdout}${stderr}`.trim(),
          ),
        );
    });
  });
}

/** `systemd-sysupdate --root=ROOT -C COMPONENT list`: the versions it knows of, newest first. */
export async function sysupdateList(root: string, component: string): Promise<SysupdateVersion[]> {
  return parseSysupdateList(
    (await runSysupdate([`--root=${root}`, "-C", component, "--json=short", "list"])).stdout,
  );
}

/** `… list VERSION`: that version's installed files or, when not installed, its sources. */
export async function sysupdateResources(
  root: string,
  component: string,
  version: string,
): Promise<SysupdateResource[]> {
  return parseSysupdateResources(
    (await runSysupdate([`--root=${root}`, "-C", component, "--json=short", "list", version]))
      .stdout,
  );
}

/**
 * Runs `update` with the transfers' CurrentSymlink= links below `root` taken away, so sysupdate
 * writes each anew where it was, as on the node, rather than through it (see the top); a link it
 * did not rewrite (no update, or a failure) is put back as it was.
 */
async function updateWithLinksAside(
  root: string,
  transferTexts: readonly string[],
  args: readonly string[],
): Promise<string> {
  const aside: { at: string; target: string }[] = [];
  for (const text of transferTexts) {
    const link = transferSetting(text, "Target", "CurrentSymlink");
    if (!link || !path.isAbsolute(link)) continue;
    const at = path.join(root, link);
    if (!lstatSync(at, { throwIfNoEntry: false })?.isSymbolicLink()) continue;
    aside.push({ at, target: readlinkSync(at) });
    unlinkSync(at);
  }
  try {
    return (await runSysupdate(args)).log;
  } finally {
    for (const { at, target } of aside)
      if (!lstatSync(at, { throwIfNoEntry: false })) symlinkSync(target, at);
  }
}

/** The transfer files of a component below a root. */
function componentTransfers(root: string, component: string): string[] {
  const folder = path.join(root, `etc/sysupdate.${component}.d`);
  return existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith(".conf"))
        .map((name) => readFileSync(path.join(folder, name), "utf8"))
    : [];
}

/** `… update [VERSION]`: installs the newest (or that) version; resolves to its log. */
export async function sysupdateUpdate(
  root: string,
  component: string,
  version?: string,
): Promise<string> {
  const args = [`--root=${root}`, "-C", component, "update", ...(version ? [version] : [])];
  return updateWithLinksAside(root, componentTransfers(root, component), args);
}

/** A setting of a transfer file (its last value, as systemd takes it), or undefined. */
export function transferSetting(text: string, section: string, key: string): string | undefined {
  let current = "";
  let value: string | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) current = header[1] as string;
    const equals = line.indexOf("=");
    if (current === section && equals > 0 && line.slice(0, equals).trim() === key)
      value = line.slice(equals + 1).trim();
  }
  return value;
}

/**
 * A transfer's text with its [Source] Path= set to `sourceUrl` and, for an architecture other
 * than the machine's, %a written in (systemd would expand it to the machine's own).
 */
export function rewrittenTransfer(text: string, sourceUrl: string, architecture?: string): string {
  let section = "";
  let rewritten = 0;
  const lines = text.split("\n").map((line) => {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) section = header[1] as string;
    if (section !== "Source" || !/^\s*Path\s*=/.test(line)) return line;
    rewritten++;
    return `Path=${sourceUrl}`;
  });
  if (rewritten === 0) throw new Error("the transfer has no [Source] Path= to point elsewhere");
  const result = lines.join("\n");
  return architecture && architecture !== hostArchitecture()
    ? result.replace(/%[%a]/g, (specifier) => (specifier === "%a" ? architecture : specifier))
    : result;
}

/**
 * Runs `run` with a temporary definitions folder holding a copy of `transferFile` pointed at
 * `sourceUrl` (see rewrittenTransfer), so the node's own tree is left as it is; removed after.
 */
export async function withDefinitions<T>(
  transferFile: string,
  sourceUrl: string,
  architecture: string | undefined,
  run: (definitions: string) => Promise<T>,
): Promise<T> {
  const definitions = mkdtempSync(path.join(tmpdir(), "sysupdate-definitions-"));
  try {
    writeFileSync(
      path.join(definitions, path.basename(transferFile)),
      rewrittenTransfer(readFileSync(transferFile, "utf8"), sourceUrl, architecture),
    );
    return await run(definitions);
  } finally {
    rmSync(definitions, { recursive: true, force: true });
  }
}

/**
 * The real systemd-sysupdate's `list` over `root` for one transfer file (a path on this machine,
 * usually ROOT/etc/sysupdate.kubernetes.d/kubernetes-vX.Y.conf) whose source is served at
 * `sourceUrl` instead (the folder URL holding SHA256SUMS and the images, e.g. a local server's
 * http://127.0.0.1:PORT/kubernetes/), as on a machine of `architecture` (default: this one).
 */
export async function listAgainst(
  root: string,
  transferFile: string,
  sourceUrl: string,
  architecture?: string,
): Promise<SysupdateVersion[]> {
  return withDefinitions(transferFile, sourceUrl, architecture, async (definitions) =>
    parseSysupdateList(
      (
        await runSysupdate([
          `--root=${root}`,
          `--definitions=${definitions}`,
          "--json=short",
          "list",
        ])
      ).stdout,
    ),
  );
}

/** As listAgainst, for one version's resources (`list VERSION`). */
export async function resourcesAgainst(
  root: string,
  transferFile: string,
  sourceUrl: string,
  version: string,
  architecture?: string,
): Promise<SysupdateResource[]> {
  return withDefinitions(transferFile, sourceUrl, architecture, async (definitions) =>
    parseSysupdateResources(
      (
        await runSysupdate([
          `--root=${root}`,
          `--definitions=${definitions}`,
          "--json=short",
          "list",
          version,
        ])
      ).stdout,
    ),
  );
}

/**
 * As listAgainst, but `update [VERSION]`: downloads the newest (or that) version into the root's
 * target folder, checks it against SHA256SUMS, moves the CurrentSymlink; resolves to its log and
 * rejects (SysupdateError) when it fails.
 */
export async function updateAgainst(
  root: string,
  transferFile: string,
  sourceUrl: string,
  architecture?: string,
  version?: string,
): Promise<string> {
  return withDefinitions(transferFile, sourceUrl, architecture, async (definitions) => {
    const args = [`--root=${root}`, `--definitions=${definitions}`, "update"];
    const text = readFileSync(transferFile, "utf8");
    return updateWithLinksAside(root, [text], [...args, ...(version ? [version] : [])]);
  });
}
