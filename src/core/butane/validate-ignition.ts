/**
 * Ignition's semantic validation of a config (config/v3_4/types, the Validate methods), in Go's
 * walk order, which the Ignition layout table gives (walkStructs).
 */
import { cleanPath } from "./go-path.ts";
import { parseGoUrl, queryValues } from "./go-url.ts";
import { walkStructs, type IgnObject } from "./ignition-layout.ts";
import * as m from "./messages.ts";
import { isObj, list, str, type Obj } from "./json-values.ts";
import { errorAt, warningAt, type Finding, type PathPart } from "./report.ts";
import { parseUnit } from "./unit-file.ts";

const UNIT_EXTENSIONS = new Set([
  ".service",
  ".socket",
  ".device",
  ".mount",
  ".automount",
  ".swap",
  ".target",
  ".path",
  ".timer",
  ".snapshot",
  ".slice",
  ".scope",
]);

function extOf(name: string): string {
  const slash = name.lastIndexOf("/");
  const base = name.slice(slash + 1);
  const dot = base.lastIndexOf(".");
  return dot < 0 ? "" : base.slice(dot);
}

/** Ignition's validatePath (config/v3_4/types/path.go). */
function validatePath(p: string): string | undefined {
  if (p === "") return m.ERR_NO_PATH;
  if (!p.startsWith("/")) return m.ERR_PATH_RELATIVE;
  if (cleanPath(p) !== p) return m.ERR_PATH_NOT_CLEAN;
  return undefined;
}

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;
const isNil = (v: unknown): boolean => v === undefined || v === null;
const nonEmpty = (v: unknown): boolean => typeof v === "string" && v !== "";

/** Longest filesystem label per format, in bytes (config/v3_4/types/filesystem.go). */
const FILESYSTEM_LABEL_LIMITS: Record<string, number> = {
  ext4: 16,
  btrfs: 256,
  xfs: 12,
  swap: 15,
  vfat: 11,
};

/** Ignition's GUID form for partition guid and typeGuid (config/v3_4/types/partition.go). */
const GUID = /^(|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$/;

const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

/** A reporter of errors into `out`. */
const errorsInto =
  (out: Finding[]) =>
  (p: PathPart[], message: string): void => {
    out.push(errorAt(p, message));
  };

/** Ignition's Disk.Validate checks across partitions (config/v3_4/types/disk.go). */
function validateDisk(o: Obj, path: PathPart[], out: Finding[]): void {
  const err = errorsInto(out);
  const device = str(o.device) ?? "";
  if (device === "") {
    err([...path, "device"], m.ERR_DISK_DEVICE);
    return;
  }
  const de = validatePath(device);
  if (de !== undefined) err([...path, "device"], de);
  const parts = list(o.partitions).map((p) => (isObj(p) ? p : {}));
  const numberOf = (p: Obj): number => num(p.number) ?? 0;
  // Go ranges over a map here; the first number (in config order) that repeats is reported.
  const byNumber = new Map<number, number[]>();
  parts.forEach((p, i) => {
    if (numberOf(p) !== 0) byNumber.set(numberOf(p), [...(byNumber.get(numberOf(p)) ?? []), i]);
  });
  const collision = [...byNumber.values()].find((ix) => ix.length > 1);
  if (collision !== undefined) {
    err([...path, "partitions", collision[1] ?? 0], m.ERR_PARTITION_NUMBERS_COLLIDE);
  }
  const sized = (p: Obj): { start: number; end: number } | undefined => {
    const start = num(p.startMiB);
    const size = num(p.sizeMiB);
    if (start === undefined || size === undefined || start === 0) return undefined;
    return { start, end: size === 0 ? start : start + size - 1 };
  };
  overlap: for (const p of parts) {
    const a = sized(p);
    if (a === undefined) continue;
    for (let i = 0; i < parts.length; i++) {
      const other = parts[i] ?? {};
      const b = sized(other);
      if (b === undefined || other === p) continue;
      if (
        (a.start >= b.start && a.start <= b.end) ||
        (a.end >= b.start && a.end <= b.end) ||
        (a.start < b.start && a.end > b.end)
      ) {
        err([...path, "partitions", i], m.ERR_PARTITIONS_OVERLAP);
        break overlap;
      }
    }
  }
  if (parts.some((p) => numberOf(p) === 0) && parts.some((p) => p.shouldExist === false)) {
    err([...path, "partitions"], m.ERR_ZERO_START_WITH_SHOULD_NOT_EXIST);
  }
  const labels = new Set<string>();
  for (let i = 0; i < parts.length; i++) {
    const label = str(parts[i]?.label);
    if (label === undefined) continue;
    if (labels.has(label)) {
      err([...path, "partitions", i], m.ERR_PARTITION_LABEL_TWICE);
      break;
    }
    labels.add(label);
  }
}

function validateUrl(s: string): string | undefined {
  const u = parseGoUrl(s);
  if (u === undefined) return m.ERR_URL_PARSE;
  switch (u.scheme) {
    case "http":
    case "https":
    case "tftp":
    case "gs":
    case "oem":
      return undefined;
    case "s3": {
      const v = queryValues(u.query, "versionId");
      if (v !== undefined && (v[0] ?? "") === "") return m.ERR_S3_VERSION_ID;
      return undefined;
    }
    case "arn": {
      const full = "arn:" + u.opaque;
      const parts = full.split(":");
      if (parts.length < 6 || parts[0] !== "arn") return m.ERR_S3_ARN;
      if (parts[2] !== "s3") return m.ERR_S3_ARN;
      const resource = parts.slice(5).join(":");
      const split = full.split("/");
      if (resource.startsWith("accesspoint/") ? split.length < 3 : split.length < 2)
        return m.ERR_S3_ARN;
      const v = queryValues(u.query, "versionId");
      if (v !== undefined && (v[0] ?? "") === "") return m.ERR_S3_VERSION_ID;
      return undefined;
    }
    case "data":
      return /^data:[^,]*,/.test(s) ? undefined : m.ERR_DATA_URL_COMMA;
    default:
      return m.ERR_URL_SCHEME;
  }
}

function validateResource(o: Obj, path: PathPart[], out: Finding[]): void {
  const err = errorsInto(out);
  const compression = str(o.compression);
  if (compression !== undefined && compression !== "" && compression !== "gzip") {
    err([...path, "compression"], m.ERR_COMPRESSION);
  }
  const source = str(o.source);
  if (source !== undefined) {
    const e = validateUrl(source);
    if (e !== undefined) err([...path, "source"], e);
  }
  const verification = isObj(o.verification) ? o.verification : {};
  if (str(verification.hash) !== undefined && source === undefined) {
    err([...path, "verification", "hash"], m.ERR_VERIFICATION_NO_SOURCE);
  }
  if (list(o.httpHeaders).length > 0) {
    const u = source === undefined || source === "" ? undefined : parseGoUrl(source);
    if (u === undefined) err([...path, "httpHeaders"], m.ERR_URL_PARSE);
    else if (u.scheme !== "http" && u.scheme !== "https") {
      err([...path, "httpHeaders"], m.ERR_HEADERS_SCHEME);
    }
  }
}

function validateProxy(o: Obj, path: PathPart[], out: Finding[]): void {
  const check = (key: string, httpOk: boolean): void => {
    const s = str(o[key]);
    if (s === undefined) return;
    const u = parseGoUrl(s);
    if (u === undefined) {
      out.push(errorAt([...path, key], m.ERR_URL_PARSE));
      return;
    }
    if (u.scheme !== "http" && u.scheme !== "https") {
      out.push(errorAt([...path, key], m.ERR_PROXY_SCHEME));
      return;
    }
    if (u.scheme === "http" && !httpOk) {
      out.push(warningAt([...path, key], m.WARN_PLAINTEXT_PROXY));
    }
  };
  check("httpProxy", true);
  check("httpsProxy", false);
}

const FILESYSTEM_FORMATS = new Set(["ext4", "btrfs", "xfs", "vfat", "swap", "none"]);
const RAID_LEVELS = new Set([
  "linear",
  "raid0",
  "0",
  "stripe",
  "raid1",
  "1",
  "mirror",
  "raid4",
  "4",
  "raid5",
  "5",
  "raid6",
  "6",
  "raid10",
  "10",
]);

function validateUnitContents(o: Obj, path: PathPart[], out: Finding[], isUnit: boolean): void {
  const contents = str(o.contents);
  let options: { section: string }[] | undefined = [];
  if (contents !== undefined) {
    const parsed = parseUnit(contents);
    if ("error" in parsed) {
      out.push(errorAt([...path, "contents"], m.errUnitContents(parsed.error)));
      options = undefined;
    } else options = parsed.options;
  }
  if (!isUnit || options === undefined) return;
  if (o.enabled === true && contents !== undefined && contents !== "") {
    if (!options.some((opt) => opt.section === "Install")) {
      out.push(warningAt([...path, "contents"], m.warnUnitWithoutInstall(str(o.name) ?? "")));
    }
  }
}

function validateObject(type: string, o: Obj, path: PathPart[], out: Finding[]): void {
  const err = errorsInto(out);
  switch (type) {
    case "Config": {
      const units = new Set<string>();
      for (const u of list(isObj(o.systemd) ? o.systemd.units : [])) {
        if (!isObj(u)) continue;
        if (str(u.contents)) units.add("/etc/systemd/system/" + (str(u.name) ?? ""));
        for (const d of list(u.dropins)) {
          if (isObj(d) && str(d.contents))
            units.add(`/etc/systemd/system/${str(u.name) ?? ""}.d/${str(d.name) ?? ""}`);
        }
      }
      const storage = isObj(o.storage) ? o.storage : {};
      for (const kind of ["files", "directories", "links"]) {
        list(storage[kind]).forEach((n, i) => {
          if (isObj(n) && units.has(str(n.path) ?? "")) {
            err(["storage", kind, i, "path"], m.ERR_PATH_CONFLICTS_UNIT);
          }
        });
      }
      break;
    }
    case "Proxy":
      validateProxy(o, path, out);
      break;
    case "Resource":
      validateResource(o, path, out);
      break;
    case "Verification": {
      const hash = str(o.hash);
      if (hash === undefined) break;
      const dash = hash.indexOf("-");
      if (dash < 0) {
        err([...path, "hash"], m.ERR_HASH_MALFORMED);
        break;
      }
      const fn = hash.slice(0, dash);
      const sum = hash.slice(dash + 1);
      const size = fn === "sha512" ? 128 : fn === "sha256" ? 64 : 0;
      if (size === 0) err([...path, "hash"], m.ERR_HASH_FUNCTION);
      else if (sum.length !== size) err([...path, "hash"], m.ERR_HASH_SIZE);
      break;
    }
    case "Storage": {
      const links = list(o.links).filter(isObj);
      const check = (kind: string, message: string): void => {
        list(o[kind]).forEach((n, i) => {
          if (!isObj(n)) return;
          const p = str(n.path) ?? "";
          for (const l of links) {
            if (p.startsWith((str(l.path) ?? "") + "/")) {
              err([...path, kind, i], message);
            }
          }
        });
      };
      check("directories", m.ERR_DIRECTORY_UNDER_LINK);
      check("files", m.ERR_FILE_UNDER_LINK);
      check("links", m.ERR_LINK_UNDER_LINK);
      break;
    }
    case "File":
    case "Directory":
    case "Link": {
      const pe = validatePath(str(o.path) ?? "");
      if (pe !== undefined) err([...path, "path"], pe);
      if (type !== "Link" && typeof o.mode === "number" && (o.mode < 0 || o.mode > 0o7777)) {
        err([...path, "mode"], m.ERR_ILLEGAL_MODE);
      }
      if (type !== "Link" && typeof o.mode === "number" && (o.mode & 0o7000) !== 0) {
        out.push(warningAt([...path, "mode"], m.ERR_SPECIAL_MODE_BITS));
      }
      if (
        type === "File" &&
        o.overwrite === true &&
        !(isObj(o.contents) && str(o.contents.source) !== undefined)
      ) {
        err([...path, "overwrite"], m.ERR_OVERWRITE_NO_SOURCE);
      }
      if (type === "Link" && (str(o.target) ?? "") === "")
        err([...path, "target"], m.ERR_LINK_NO_TARGET);
      break;
    }
    case "NodeUser":
    case "NodeGroup":
      if (o.id !== undefined && (str(o.name) ?? "") !== "") err(path, m.ERR_ID_AND_NAME);
      break;
    case "Disk":
      validateDisk(o, path, out);
      break;
    case "Partition": {
      // config/v3_4/types/partition.go
      if (
        o.shouldExist === false &&
        (!isNil(o.label) ||
          nonEmpty(o.typeGuid) ||
          nonEmpty(o.guid) ||
          !isNil(o.startMiB) ||
          !isNil(o.sizeMiB))
      ) {
        err(path, m.ERR_SHOULD_NOT_EXIST_WITH_OTHERS);
      }
      if ((num(o.number) ?? 0) === 0 && isNil(o.label)) {
        err(path, m.ERR_PARTITION_NUMBER_OR_LABEL);
      }
      const label = str(o.label);
      if (label !== undefined && utf8Length(label) > 36) {
        err([...path, "label"], m.ERR_PARTITION_LABEL_LENGTH);
      } else if (label?.includes(":")) {
        err([...path, "label"], m.ERR_PARTITION_LABEL_COLON);
      }
      for (const key of ["guid", "typeGuid"]) {
        const guid = str(o[key]);
        if (guid !== undefined && !GUID.test(guid)) {
          err([...path, key], m.ERR_GUID_FORM);
        }
      }
      break;
    }
    case "Filesystem": {
      // config/v3_4/types/filesystem.go: path, device, format, label, in that order.
      const p = str(o.path);
      if (p !== undefined && p !== "") {
        const pe = validatePath(p);
        if (pe !== undefined) err([...path, "path"], pe);
      }
      const de = validatePath(str(o.device) ?? "");
      if (de !== undefined) err([...path, "device"], de);
      const format = str(o.format) ?? "";
      if (format === "") {
        if (
          nonEmpty(o.path) ||
          nonEmpty(o.label) ||
          nonEmpty(o.uuid) ||
          o.wipeFilesystem === true ||
          list(o.mountOptions).length > 0 ||
          list(o.options).length > 0
        ) {
          err([...path, "format"], m.ERR_FORMAT_REQUIRED);
        }
      } else if (!FILESYSTEM_FORMATS.has(format)) {
        err([...path, "format"], m.ERR_FILESYSTEM_FORMAT);
      }
      const label = str(o.label) ?? "";
      if (label !== "") {
        const limit = FILESYSTEM_LABEL_LIMITS[format];
        if (format === "") {
          err([...path, "label"], m.ERR_LABEL_WITHOUT_FORMAT);
        } else if (limit !== undefined && utf8Length(label) > limit) {
          err([...path, "label"], m.errFilesystemLabelLength(limit, format));
        }
      }
      break;
    }
    case "Luks": {
      // config/v3_4/types/luks.go
      if ((str(o.name) ?? "").includes("/")) {
        err([...path, "name"], m.ERR_LUKS_NAME_SLASH);
      }
      if (utf8Length(str(o.label) ?? "") > 47) {
        err([...path, "label"], m.ERR_LUKS_LABEL_LENGTH);
      }
      const device = str(o.device) ?? "";
      const de = device === "" ? m.ERR_DISK_DEVICE : validatePath(device);
      if (de !== undefined) err([...path, "device"], de);
      break;
    }
    case "Raid": {
      // config/v3_4/types/raid.go
      const level = str(o.level) ?? "";
      if (level === "") err([...path, "level"], m.ERR_RAID_LEVEL_REQUIRED);
      else if (!RAID_LEVELS.has(level)) err([...path, "level"], m.ERR_RAID_LEVEL);
      else if (["linear", "raid0", "0", "stripe"].includes(level) && (num(o.spares) ?? 0) !== 0) {
        err([...path, "level"], m.ERR_RAID_SPARES);
      }
      if (list(o.devices).length === 0) err([...path, "devices"], m.ERR_RAID_DEVICES);
      list(o.devices).forEach((d, i) => {
        // Each device is a Device, validated as a path (config/v3_4/types/device.go).
        const de = validatePath(str(d) ?? "");
        if (de !== undefined) err([...path, "devices", i], de);
      });
      break;
    }
    case "Unit":
      if (!UNIT_EXTENSIONS.has(extOf(str(o.name) ?? "")))
        err([...path, "name"], m.ERR_UNIT_EXTENSION);
      validateUnitContents(o, path, out, true);
      break;
    case "Dropin":
      if (extOf(str(o.name) ?? "") !== ".conf") err([...path, "name"], m.ERR_DROPIN_EXTENSION);
      validateUnitContents(o, path, out, false);
      break;
  }
}

/** Ignition's semantic validation of a config of this Ignition version, in Go's walk order. */
export function validateIgnition(config: IgnObject, ignitionVersion: string): Finding[] {
  const out: Finding[] = [];
  walkStructs(ignitionVersion, config, (type, o, path) => validateObject(type, o, path, out));
  return out;
}
