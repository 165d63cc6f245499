/**
 * `systemd-analyze verify` over a node's units, in the tree Ignition wrote. That tree lacks the
 * OS, so before verifying, a layer stands in for it:
 *  - Debian's own unit files (/usr/lib/systemd/system) for the base units both systems share
 *    (multi-user.target, network-online.target, sysinit.target, …);
 *  - stand-in unit files for the units only Flatcar (or its Kubernetes sysext) has;
 *  - an empty executable for every program an Exec line names that Debian also has, and for the
 *    few only a Flatcar host has (flatcarOnlyPrograms).
 * Any program outside both stays missing, so systemd-analyze's "is not executable" for it is a
 * real error (a typo, a program no node has), never noise. Every line systemd-analyze prints is
 * a finding: it reports unknown keys and unparsable values on stderr yet exits 0.
 */
import { spawn } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { execCommands } from "./exec-lines.ts";
import { unitDirectory } from "./expected-tree.ts";

/** Units Flatcar ships that Debian does not: from Flatcar's image and the bakery's kubernetes and cilium sysexts. */
export const flatcarOnlyUnits = [
  "containerd.service",
  "docker.service",
  "locksmithd.service",
  "update-engine.service",
  "systemd-sysupdate.service",
  "systemd-sysupdate.timer",
  "kubelet.service",
  "cilium.service",
];

/** Programs a Flatcar node with the bakery's sysexts merged has and Debian (without them) does not. */
export const flatcarOnlyPrograms = [
  "/usr/bin/kubeadm",
  "/usr/bin/kubectl",
  "/usr/bin/kubelet",
  "/usr/bin/containerd",
  "/usr/bin/locksmithctl",
  "/usr/bin/update_engine_client",
  "/usr/lib/systemd/systemd-sysupdate",
  "/usr/local/bin/cilium",
];

function standInUnit(name: string): string {
  if (name.endsWith(".timer"))
    return `[Unit]\nDescription=Stand-in for Flatcar's ${name}\n[Timer]\nOnCalendar=daily\n`;
  return `[Unit]\nDescription=Stand-in for Flatcar's ${name}\n[Service]\nExecStart=/usr/bin/true\n`;
}

function unitFiles(root: string): string[] {
  const directory = path.join(root, unitDirectory);
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Lays the stand-in OS over the tree. */
export function addStandInOs(root: string): void {
  const systemUnits = path.join(root, "usr/lib/systemd/system");
  mkdirSync(systemUnits, { recursive: true });
  cpSync("/usr/lib/systemd/system", systemUnits, { recursive: true, dereference: false });
  for (const unit of flatcarOnlyUnits)
    if (!existsSync(path.join(systemUnits, unit)))
      writeFileSync(path.join(systemUnits, unit), standInUnit(unit));
  const programs = new Set(["/usr/bin/true", ...flatcarOnlyPrograms]);
  for (const file of unitFiles(root))
    for (const { program } of execCommands(readFileSync(file, "utf8"))) {
      if (program.startsWith("/") && existsSync(program)) programs.add(program);
    }
  for (const program of programs) {
    const at = path.join(root, program);
    if (existsSync(at)) continue;
    mkdirSync(path.dirname(at), { recursive: true });
    writeFileSync(at, "#!/bin/sh\n");
    chmodSync(at, 0o755);
  }
}

/** Every line systemd-analyze printed about the units (empty when all are clean). */
export function verifyUnits(root: string, units: readonly string[]): Promise<string[]> {
  if (units.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn("systemd-analyze", ["verify", "--man=no", `--root=${root}`, ...units], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const lines = output
        .split("\n")
        .map((line) => line.replaceAll(root, ""))
        .filter((line) => line.trim() !== "");
      if (code !== 0 && lines.length === 0) lines.push(`systemd-analyze verify exited ${code}`);
      resolve(lines);
    });
  });
}
