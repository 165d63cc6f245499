/**
 * One node's first boot, as far as it can be run without Flatcar: the real Ignition binary
 * applies the config to a scratch root, then the tree, the units, the shell code and the
 * secrets' modes are checked. Needs root (Ignition chowns what it writes), Debian's ignition,
 * systemd and shellcheck packages.
 */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ignitionFileName } from "../../src/core/file-names.ts";
import { checkTree } from "./check-tree.ts";
import { expectedTree, readOnlyPaths, unitDirectory } from "./expected-tree.ts";
import { listAt, stringAt, type JsonObject } from "./ignition-json.ts";
import { remoteSources, unexpectedChanges, withStandIns, type StandIn } from "./config-copy.ts";
import { makeScratchRoot, setfilesStub } from "./scratch-root.ts";
import { exposedSecrets } from "./secrets.ts";
import { checkShell, shellPieces } from "./shell-check.ts";
import { addStandInOs, verifyUnits } from "./verify-units.ts";

export const ignitionBinary =
  process.env.IGNITION_BINARY ?? "/usr/lib/dracut/modules.d/30ignition/ignition";
/** The stages Flatcar's initramfs runs that write files (no disks: the scratch root is the disk). */
export const ignitionStages = ["fetch-offline", "fetch", "files"] as const;

export type FindingKind = "config copy" | "ignition" | "tree" | "units" | "shell" | "secrets";

export interface NodeResult {
  findings: { kind: FindingKind; message: string }[];
  /** How much was checked, to show in the one-line result. */
  counts: { files: number; directories: number; links: number; units: number; shell: number };
  seconds: number;
}

export interface SimulationOptions {
  /** Serve bytes that do not match the config's hash (a planted defect). */
  tamperServedFiles?: boolean;
}

/** The bytes served for a remote source: a stand-in, gzipped when the config says it is. */
export function standInBytes(url: string, gzip: boolean): Buffer {
  const text = Buffer.from(`stand-in for ${url}\n`);
  return gzip ? gzipSync(text) : text;
}

/** A local HTTP server (127.0.0.1, a free port) answering each path with `bytesAt(path)`, 404 for none. */
export async function serve(
  bytesAt: (urlPath: string) => Buffer | undefined,
): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    const body = bytesAt(request.url ?? "");
    response.writeHead(body ? 200 : 404, { "content-type": "application/octet-stream" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function runIgnition(
  stage: string,
  work: string,
  root: string,
  configFile: string,
): Promise<{ ok: boolean; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      ignitionBinary,
      [
        "-platform",
        "file",
        "-stage",
        stage,
        "-root",
        root,
        "-log-to-stdout",
        "-config-cache",
        path.join(work, "ignition.json"),
        "-state-file",
        path.join(work, "state"),
        "-neednet",
        path.join(work, "neednet"),
        "-fetch-timeout",
        "20s",
      ],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          IGNITION_CONFIG_FILE: configFile,
          PATH: `${path.join(work, "bin")}:${process.env.PATH ?? ""}`,
        },
      },
    );
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ ok: code === 0, log }));
  });
}

/** The lines of Ignition's log that say why it failed. */
function ignitionErrors(log: string): string[] {
  const lines = log.split("\n").filter((line) => /^(CRITICAL|ERROR)/.test(line));
  return lines.length > 0 ? lines : log.split("\n").filter(Boolean).slice(-3);
}

/** Names of the unit files (not links, not drop-in folders) Ignition left in /etc/systemd/system. */
function unitFilesIn(root: string): string[] {
  const directory = path.join(root, unitDirectory);
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

/**
 * Runs Ignition's stages over a fresh scratch root at `work`/root with the config file given,
 * as Flatcar's initramfs would; each stage's log is kept in `work`. Returns why it failed
 * (Ignition's error lines, by stage), nothing when every stage succeeded. Also used as it is,
 * without stand-ins, to boot a node from a local mirror (local-mirror.ts).
 */
export async function applyIgnition(configFile: string, work: string): Promise<string[]> {
  mkdirSync(path.join(work, "bin"), { recursive: true });
  // Ignition writes SSH keys as their user (core), who must be able to reach the root.
  chmodSync(work, 0o755);
  writeFileSync(path.join(work, "bin/setfiles"), setfilesStub, { mode: 0o755 });
  const root = path.join(work, "root");
  makeScratchRoot(root);
  for (const stage of ignitionStages) {
    const run = await runIgnition(stage, work, root, configFile);
    writeFileSync(path.join(work, `ignition-${stage}.log`), run.log);
    if (!run.ok) return ignitionErrors(run.log).map((line) => `${stage}: ${line}`);
  }
  return [];
}

/** Applies the config in `work` (a fresh directory) and checks the result. */
export async function simulateNode(
  ignition: string,
  work: string,
  knownSecrets: readonly string[],
  options: SimulationOptions = {},
): Promise<NodeResult> {
  const started = Date.now();
  const findings: NodeResult["findings"] = [];
  const add = (kind: FindingKind, messages: string[]) =>
    findings.push(...messages.map((message) => ({ kind, message })));
  const config = JSON.parse(ignition) as JsonObject;
  const root = path.join(work, "root");
  mkdirSync(work, { recursive: true });

  const served = new Map<string, Buffer>();
  const { server, base } = await serve((at) => served.get(at));
  try {
    const standIns = new Map<string, StandIn>();
    remoteSources(config).forEach((source, index) => {
      const bytes = standInBytes(source.url, source.gzip);
      const local = `/stand-in/${index}`;
      standIns.set(source.url, { url: `${base}${local}`, bytes });
      served.set(
        local,
        options.tamperServedFiles ? Buffer.concat([bytes, Buffer.from("tampered\n")]) : bytes,
      );
    });
    const copy = withStandIns(config, standIns);
    add(
      "config copy",
      unexpectedChanges(config, copy).map((at) => `the local copy differs at ${at}`),
    );
    const configFile = path.join(work, ignitionFileName);
    writeFileSync(configFile, JSON.stringify(copy));
    add("ignition", await applyIgnition(configFile, work));
  } finally {
    server.close();
  }

  const counts = {
    files: listAt(config, "storage", "files").length,
    directories: listAt(config, "storage", "directories").length,
    links: listAt(config, "storage", "links").length,
    units: listAt(config, "systemd", "units").length,
    shell: 0,
  };
  if (findings.some((finding) => finding.kind === "ignition"))
    return { findings, counts, seconds: (Date.now() - started) / 1000 };

  const standInFor = (url: string) => {
    const source = remoteSources(config).find((s) => s.url === url);
    return standInBytes(url, source?.gzip ?? false);
  };
  add("tree", checkTree(root, expectedTree(config, standInFor)));
  add(
    "tree",
    readOnlyPaths(config).map((at) => `${at}: under /usr, which is read-only on Flatcar`),
  );
  add("secrets", exposedSecrets(root, knownSecrets));
  const pieces = shellPieces(root);
  counts.shell = pieces.length;
  add("shell", await checkShell(pieces, path.join(work, "shell")));

  const unitNames = new Set(
    listAt(config, "systemd", "units")
      .filter((unit) => unit.mask !== true)
      .map((unit) => stringAt(unit, "name") ?? ""),
  );
  // Unit files written as plain storage files are units too.
  for (const name of unitFilesIn(root)) unitNames.add(name);
  unitNames.delete("");
  counts.units = unitNames.size;
  addStandInOs(root);
  add("units", await verifyUnits(root, [...unitNames]));
  return { findings, counts, seconds: (Date.now() - started) / 1000 };
}
