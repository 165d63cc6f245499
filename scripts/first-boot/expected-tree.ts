/**
 * What Ignition's files stage must leave on disk for a config, read from the config itself
 * (never from a list of today's generated files), so the check follows the generator.
 * Paths and defaults follow Ignition v2.14 (the version Debian packages):
 *   units and drop-ins: internal/exec/util/unit.go (/etc/systemd/system, mode 0644; a mask is a
 *   link to /dev/null; enabled/disabled are lines of /etc/systemd/system-preset/20-ignition.preset);
 *   file mode 0644 and directory mode 0755 when the config gives none: config/v3_4_experimental/types (and each v3 spec);
 *   SSH keys: internal/exec/util/passwd.go (~/.ssh/authorized_keys.d/ignition, one key a line).
 */
import { gunzipSync } from "node:zlib";
import { decodeDataUrl } from "./data-url.ts";
import { isObject, listAt, stringAt, type Json, type JsonObject } from "./ignition-json.ts";
import { isRemoteSource } from "./config-copy.ts";

/** A user or group as the config names it: by id, by name, or neither (root). */
export interface Owner {
  id?: number;
  name?: string;
}

export type Expectation =
  | { kind: "file"; path: string; mode: number; user: Owner; group: Owner; contents: Buffer }
  | { kind: "directory"; path: string; mode: number; user: Owner; group: Owner }
  | { kind: "symlink"; path: string; target: string; user: Owner; group: Owner }
  | { kind: "hardlink"; path: string; target: string }
  /** A file whose lines, in any order, are exactly these (Ignition writes presets from a Go map). */
  | { kind: "lines"; path: string; mode: number; lines: string[] }
  | {
      kind: "user";
      name: string;
      uid?: number;
      primaryGroup?: string;
      groups: string[];
      shell?: string;
      homeDir?: string;
      /** Lines of ~/.ssh/authorized_keys.d/ignition, which must be 0600 and the user's. */
      sshKeys: string[];
    }
  | { kind: "group"; name: string; gid?: number };

export const unitDirectory = "/etc/systemd/system";
export const presetPath = "/etc/systemd/system-preset/20-ignition.preset";
const defaultFileMode = 0o644;
const defaultDirectoryMode = 0o755;

function ownerOf(value: Json | undefined): Owner {
  if (!isObject(value)) return {};
  const owner: Owner = {};
  if (typeof value.id === "number") owner.id = value.id;
  if (typeof value.name === "string") owner.name = value.name;
  return owner;
}

/** Bytes a `contents`/`append` resource stands for, after Ignition decompresses it. */
export function resourceBytes(resource: JsonObject, fetchRemote: (url: string) => Buffer): Buffer {
  const source = stringAt(resource, "source");
  if (source === undefined) return Buffer.alloc(0);
  const raw = isRemoteSource(source) ? fetchRemote(source) : decodeDataUrl(source);
  return stringAt(resource, "compression") === "gzip" ? gunzipSync(raw) : raw;
}

function modeOf(entry: JsonObject, fallback: number): number {
  return typeof entry.mode === "number" ? entry.mode : fallback;
}

/**
 * Everything the config says the tree must hold. `fetchRemote` gives the bytes served for a
 * remote source (the stand-in), so fetched files are checked byte for byte too.
 */
export function expectedTree(
  config: JsonObject,
  fetchRemote: (url: string) => Buffer,
): Expectation[] {
  const expectations: Expectation[] = [];
  for (const file of listAt(config, "storage", "files")) {
    const path = stringAt(file, "path") ?? "";
    const contents = isObject(file.contents)
      ? resourceBytes(file.contents, fetchRemote)
      : Buffer.alloc(0);
    const appended = (Array.isArray(file.append) ? file.append : [])
      .filter(isObject)
      .map((resource) => resourceBytes(resource, fetchRemote));
    expectations.push({
      kind: "file",
      path,
      mode: modeOf(file, defaultFileMode),
      user: ownerOf(file.user),
      group: ownerOf(file.group),
      contents: Buffer.concat([contents, ...appended]),
    });
  }
  for (const directory of listAt(config, "storage", "directories")) {
    expectations.push({
      kind: "directory",
      path: stringAt(directory, "path") ?? "",
      mode: modeOf(directory, defaultDirectoryMode),
      user: ownerOf(directory.user),
      group: ownerOf(directory.group),
    });
  }
  for (const link of listAt(config, "storage", "links")) {
    const path = stringAt(link, "path") ?? "";
    const target = stringAt(link, "target") ?? "";
    expectations.push(
      link.hard === true
        ? { kind: "hardlink", path, target }
        : { kind: "symlink", path, target, user: ownerOf(link.user), group: ownerOf(link.group) },
    );
  }
  const presetLines: string[] = [];
  for (const unit of listAt(config, "systemd", "units")) {
    const name = stringAt(unit, "name") ?? "";
    const unitPath = `${unitDirectory}/${name}`;
    if (unit.mask === true) {
      expectations.push({
        kind: "symlink",
        path: unitPath,
        target: "/dev/null",
        user: {},
        group: {},
      });
    } else {
      const contents = stringAt(unit, "contents");
      if (contents !== undefined) expectations.push(unitFile(unitPath, contents));
    }
    for (const dropin of Array.isArray(unit.dropins) ? unit.dropins.filter(isObject) : []) {
      const contents = stringAt(dropin, "contents");
      if (contents !== undefined)
        expectations.push(unitFile(`${unitPath}.d/${stringAt(dropin, "name") ?? ""}`, contents));
    }
    if (typeof unit.enabled === "boolean")
      presetLines.push(`${unit.enabled ? "enable" : "disable"} ${name}`);
  }
  if (presetLines.length > 0)
    expectations.push({
      kind: "lines",
      path: presetPath,
      mode: defaultFileMode,
      lines: presetLines,
    });
  for (const user of listAt(config, "passwd", "users")) {
    const keys = Array.isArray(user.sshAuthorizedKeys) ? user.sshAuthorizedKeys : [];
    expectations.push({
      kind: "user",
      name: stringAt(user, "name") ?? "",
      ...(typeof user.uid === "number" ? { uid: user.uid } : {}),
      ...(stringAt(user, "primaryGroup") !== undefined
        ? { primaryGroup: stringAt(user, "primaryGroup") }
        : {}),
      groups: (Array.isArray(user.groups) ? user.groups : []).filter((g) => typeof g === "string"),
      ...(stringAt(user, "shell") !== undefined ? { shell: stringAt(user, "shell") } : {}),
      ...(stringAt(user, "homeDir") !== undefined ? { homeDir: stringAt(user, "homeDir") } : {}),
      sshKeys: keys.filter((key) => typeof key === "string"),
    });
  }
  for (const group of listAt(config, "passwd", "groups")) {
    expectations.push({
      kind: "group",
      name: stringAt(group, "name") ?? "",
      ...(typeof group.gid === "number" ? { gid: group.gid } : {}),
    });
  }
  return expectations;
}

/**
 * Paths the config writes under /usr, which Flatcar mounts read-only (its /usr is the signed,
 * A/B-updated partition: https://flatcar.org/docs/latest/reference/developer-guides/sdk-disk-partitions):
 * Ignition would fail there on a real node, though the scratch root lets it write.
 */
export function readOnlyPaths(config: JsonObject): string[] {
  return ["files", "directories", "links"]
    .flatMap((key) => listAt(config, "storage", key))
    .map((entry) => stringAt(entry, "path") ?? "")
    .filter((at) => at === "/usr" || at.startsWith("/usr/"));
}

function unitFile(path: string, contents: string): Expectation {
  return {
    kind: "file",
    path,
    mode: defaultFileMode,
    user: {},
    group: {},
    contents: Buffer.from(contents),
  };
}
