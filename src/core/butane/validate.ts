import type { Decoded, DecodedValue } from "./decode.ts";
import type { IgnObject, IgnValue } from "./ignition-types.ts";
import { goJsonSyntaxError } from "./go-json-syntax.ts";
import { cleanPath } from "./go-path.ts";
import { parseGoUrl, queryValues } from "./go-url.ts";
import type { PathPart } from "./report.ts";
import type { SpecVersion } from "./schema.ts";
import { parseUnit } from "./unit-file.ts";

export interface Finding {
  level: "error" | "warning";
  path: PathPart[] | null;
  line?: number;
  column?: number;
  message: string;
}

type Obj = { [key: string]: unknown };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

// ---------------------------------------------------------------- Butane source rules

/** Butane's check for a mode written in decimal that only makes sense in octal. */
export function isTypicalMode(mode: number, directory: boolean): boolean {
  if (mode === 0) return true;
  const perms = [mode & 0o7, (mode & 0o70) >> 3, (mode & 0o700) >> 6];
  let hadR = false;
  let hadW = false;
  let hadX = false;
  for (const perm of perms) {
    const r = (perm & 4) !== 0;
    const w = (perm & 2) !== 0;
    const x = (perm & 1) !== 0;
    if ((!r && hadR) || (!w && hadW) || (!x && hadX)) return false;
    if (x && hadR && !hadX) return false;
    if ((w || x) && !r) return false;
    hadR ||= r;
    hadW ||= w;
    hadX ||= x;
  }
  if (!hadR) return false;
  if (directory) {
    if (!hadX) return false;
    if ((mode & 0o4000) !== 0) return false;
    if ((mode & 0o3000) !== 0 && !hadW) return false;
  } else {
    if ((mode & 0o6000) !== 0) {
      if (!hadX) return false;
      if ((mode & 2) !== 0) return false;
    }
    if ((mode & 0o1000) !== 0) return false;
  }
  return true;
}

function decimalModeToOctal(mode: number): number | undefined {
  if (mode < 0 || mode > 7777) return undefined;
  let ret = 0;
  for (let divisor = 1000; divisor > 0; divisor = Math.floor(divisor / 10)) {
    const digit = Math.floor(mode / divisor) % 10;
    if (digit > 7) return undefined;
    ret = (ret << 3) | digit;
  }
  return ret;
}

export function isDecimalModeMistake(mode: number, directory: boolean): boolean {
  const corrected = decimalModeToOctal(mode);
  return (
    corrected !== undefined &&
    !isTypicalMode(mode, directory) &&
    isTypicalMode(corrected, directory)
  );
}

export const ERR_DECIMAL_MODE =
  "unreasonable mode would be reasonable if specified in octal; remember to add a leading zero";
export const ERR_SPECIAL_MODE_BITS =
  "setuid/setgid/sticky bits are not supported or functional in spec versions older than 3.6.0";

function validateInlineConfig(
  out: Finding[],
  at: PathPart[],
  inline: string,
  spec: SpecVersion,
): void {
  const syntax = goJsonSyntaxError(inline);
  if (syntax !== undefined) {
    // No path: vcontext's Correlate later places it at the YAML root.
    out.push({ level: "error", path: null, message: syntax });
    out.push({ level: "error", path: [...at, "inline"], message: "config is not valid" });
    return;
  }
  const parsed: unknown = JSON.parse(inline);
  if (parsed !== null && !isObj(parsed)) {
    // json.Unmarshal's UnmarshalTypeError for a document that is not an object.
    const kind = Array.isArray(parsed)
      ? "array"
      : typeof parsed === "boolean"
        ? "bool"
        : typeof parsed;
    out.push({
      level: "error",
      path: null,
      message: `json: cannot unmarshal ${kind} into Go value of type types.Config`,
    });
    out.push({ level: "error", path: [...at, "inline"], message: "config is not valid" });
    return;
  }
  const ign = isObj(parsed) ? parsed.ignition : undefined;
  const version = isObj(ign) ? ign.version : undefined;
  if (typeof version !== "string" || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    out.push({
      level: "error",
      path: [...at, "inline"],
      message: "invalid config version (couldn't parse)",
    });
    return;
  }
  if (version !== spec.ignitionVersion) {
    out.push({
      level: "warning",
      path: [...at, "version"],
      message: "skipping validation for the merge/replace ignition config due to an unkown version",
    });
    return;
  }
  // Butane's ValidateIgnitionConfig (base/v0_5/util.go) runs Ignition's
  // ValidateWithContext on the child: Validate, then duplicates. Its entries
  // keep the child's own JSON paths; Butane then positions them at the
  // deepest node of its YAML along that path (vcontext report.Correlate).
  const child = parsed as IgnObject;
  out.push(...validateIgnition(child), ...validateDuplicates(child));
}

/** Validation of the Butane config itself (Go's validate.Validate on the yaml struct). */
export function validateSource(cfg: Decoded, spec: SpecVersion): Finding[] {
  const out: Finding[] = [];
  const visit = (v: DecodedValue, type: string, path: PathPart[]): void => {
    if (!isObj(v)) return;
    const o = v as Decoded;
    switch (type) {
      case "IgnitionConfig": {
        list(o.merge).forEach((m, i) => {
          const inline = isObj(m) ? str(m.inline) : undefined;
          if (inline !== undefined) validateInlineConfig(out, [...path, "merge", i], inline, spec);
        });
        const inline = isObj(o.replace) ? str(o.replace.inline) : undefined;
        if (inline !== undefined) validateInlineConfig(out, [...path, "replace"], inline, spec);
        break;
      }
      case "Resource": {
        let field = "";
        let count = 0;
        for (const k of ["local", "inline", "source"]) {
          if (o[k] !== undefined) {
            count++;
            field = k;
          }
        }
        if (count > 1) {
          out.push({
            level: "error",
            path: [...path, field],
            message: "only one of the following can be set: inline, local, source",
          });
        }
        break;
      }
      case "File":
      case "Directory":
        if (typeof o.mode === "number") {
          if (isDecimalModeMistake(o.mode, type === "Directory")) {
            out.push({ level: "warning", path: [...path, "mode"], message: ERR_DECIMAL_MODE });
          }
        }
        break;
      case "Filesystem":
        if (o.with_mount_unit === true) {
          if (str(o.format) === undefined || o.format === "") {
            out.push({
              level: "error",
              path: [...path, "format"],
              message: "format is required if with_mount_unit is true",
            });
          } else if (o.format !== "swap" && (str(o.path) === undefined || o.path === "")) {
            out.push({
              level: "error",
              path: [...path, "path"],
              message: "path is required if with_mount_unit is true and format is not swap",
            });
          }
        }
        break;
      case "Tree":
        if (str(o.local) === undefined || o.local === "") {
          out.push({ level: "error", path, message: "local is required" });
        }
        break;
      case "Unit":
      case "Dropin":
        if (o.contents !== undefined && o.contents_local !== undefined) {
          out.push({
            level: "error",
            path: [...path, "contents_local"],
            message: "only one of the following can be set: contents, contents_local",
          });
        }
        break;
    }
    const schema = spec.structs[type];
    if (schema === undefined) return;
    for (const f of schema.fields) {
      const fv = o[f.key];
      if (fv === undefined) continue;
      if (f.type.kind === "struct") visit(fv, f.type.name, [...path, f.key]);
      else if (f.type.kind === "list" && f.type.elem.kind === "struct") {
        const elem = f.type.elem.name;
        list(fv).forEach((item, i) => visit(item as DecodedValue, elem, [...path, f.key, i]));
      }
    }
  };
  visit(cfg, "Config", []);
  return out;
}

// ---------------------------------------------------------------- Ignition rules

/** Go type order of the Ignition structs' fields that need walking. */
const CHILDREN: Record<string, [string, string, boolean][]> = {
  Config: [
    ["ignition", "Ignition", false],
    ["kernelArguments", "KernelArguments", false],
    ["passwd", "Passwd", false],
    ["storage", "Storage", false],
    ["systemd", "Systemd", false],
  ],
  Ignition: [
    ["config", "IgnitionConfig", false],
    ["proxy", "Proxy", false],
    ["security", "Security", false],
  ],
  IgnitionConfig: [
    ["merge", "Resource", true],
    ["replace", "Resource", false],
  ],
  Security: [["tls", "TLS", false]],
  TLS: [["certificateAuthorities", "Resource", true]],
  Passwd: [["users", "PasswdUser", true]],
  Storage: [
    ["directories", "Directory", true],
    ["disks", "Disk", true],
    ["files", "File", true],
    ["filesystems", "Filesystem", true],
    ["links", "Link", true],
    ["luks", "Luks", true],
    ["raid", "Raid", true],
  ],
  File: [
    ["group", "NodeGroup", false],
    ["user", "NodeUser", false],
    ["append", "Resource", true],
    ["contents", "Resource", false],
  ],
  Directory: [
    ["group", "NodeGroup", false],
    ["user", "NodeUser", false],
  ],
  Link: [
    ["group", "NodeGroup", false],
    ["user", "NodeUser", false],
  ],
  Disk: [["partitions", "Partition", true]],
  Luks: [
    ["clevis", "Clevis", false],
    ["keyFile", "Resource", false],
  ],
  Resource: [["verification", "Verification", false]],
  Systemd: [["units", "Unit", true]],
  Unit: [["dropins", "Dropin", true]],
};

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
  if (p === "") return "path not specified";
  if (!p.startsWith("/")) return "path not absolute";
  if (cleanPath(p) !== p) return "path is not fully simplified";
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

/** Ignition's Disk.Validate checks across partitions (config/v3_4/types/disk.go). */
function validateDisk(o: Obj, path: PathPart[], out: Finding[]): void {
  const err = (p: PathPart[], message: string): void => {
    out.push({ level: "error", path: p, message });
  };
  const device = str(o.device) ?? "";
  if (device === "") {
    err([...path, "device"], "disk device is required");
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
    err([...path, "partitions", collision[1] ?? 0], "partition numbers collide");
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
        err([...path, "partitions", i], "partitions overlap");
        break overlap;
      }
    }
  }
  if (parts.some((p) => numberOf(p) === 0) && parts.some((p) => p.shouldExist === false)) {
    err(
      [...path, "partitions"],
      "shouldExist is false for a partition and other partition(s) has start or size 0",
    );
  }
  const labels = new Set<string>();
  for (let i = 0; i < parts.length; i++) {
    const label = str(parts[i]?.label);
    if (label === undefined) continue;
    if (labels.has(label)) {
      err([...path, "partitions", i], "cannot use the same partition label twice");
      break;
    }
    labels.add(label);
  }
}

function validateUrl(s: string): string | undefined {
  const u = parseGoUrl(s);
  if (u === undefined) return "unable to parse url";
  switch (u.scheme) {
    case "http":
    case "https":
    case "tftp":
    case "gs":
    case "oem":
      return undefined;
    case "s3": {
      const v = queryValues(u.query, "versionId");
      if (v !== undefined && (v[0] ?? "") === "") return "invalid S3 object VersionId";
      return undefined;
    }
    case "arn": {
      const full = "arn:" + u.opaque;
      const parts = full.split(":");
      if (parts.length < 6 || parts[0] !== "arn") return "invalid S3 ARN format";
      if (parts[2] !== "s3") return "invalid S3 ARN format";
      const resource = parts.slice(5).join(":");
      const split = full.split("/");
      if (resource.startsWith("accesspoint/") ? split.length < 3 : split.length < 2)
        return "invalid S3 ARN format";
      const v = queryValues(u.query, "versionId");
      if (v !== undefined && (v[0] ?? "") === "") return "invalid S3 object VersionId";
      return undefined;
    }
    case "data":
      return /^data:[^,]*,/.test(s) ? undefined : "missing comma";
    default:
      return "invalid url scheme";
  }
}

function validateResource(o: Obj, path: PathPart[], out: Finding[]): void {
  const err = (p: PathPart[], message: string): void => {
    out.push({ level: "error", path: p, message });
  };
  const compression = str(o.compression);
  if (compression !== undefined && compression !== "" && compression !== "gzip") {
    err([...path, "compression"], "invalid compression method");
  }
  const source = str(o.source);
  if (source !== undefined) {
    const e = validateUrl(source);
    if (e !== undefined) err([...path, "source"], e);
  }
  const verification = isObj(o.verification) ? o.verification : {};
  if (str(verification.hash) !== undefined && source === undefined) {
    err(
      [...path, "verification", "hash"],
      "verification cannot be done when source is unspecified",
    );
  }
  if (list(o.httpHeaders).length > 0) {
    const u = source === undefined || source === "" ? undefined : parseGoUrl(source);
    if (u === undefined) err([...path, "httpHeaders"], "unable to parse url");
    else if (u.scheme !== "http" && u.scheme !== "https") {
      err([...path, "httpHeaders"], "cannot use HTTP headers with this source scheme");
    }
  }
}

function validateProxy(o: Obj, path: PathPart[], out: Finding[]): void {
  const check = (key: string, httpOk: boolean): void => {
    const s = str(o[key]);
    if (s === undefined) return;
    const u = parseGoUrl(s);
    if (u === undefined) {
      out.push({ level: "error", path: [...path, key], message: "unable to parse url" });
      return;
    }
    if (u.scheme !== "http" && u.scheme !== "https") {
      out.push({ level: "error", path: [...path, key], message: "proxies must be http(s)" });
      return;
    }
    if (u.scheme === "http" && !httpOk) {
      out.push({
        level: "warning",
        path: [...path, key],
        message: "insecure plaintext HTTP proxy specified for HTTPS resources",
      });
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
      out.push({
        level: "error",
        path: [...path, "contents"],
        message: `invalid unit content: ${parsed.error}`,
      });
      options = undefined;
    } else options = parsed.options;
  }
  if (!isUnit || options === undefined) return;
  if (o.enabled === true && contents !== undefined && contents !== "") {
    if (!options.some((opt) => opt.section === "Install")) {
      out.push({
        level: "warning",
        path: [...path, "contents"],
        message: `unit ${JSON.stringify(str(o.name) ?? "")} is enabled, but has no install section so enable does nothing`,
      });
    }
  }
}

function validateObject(type: string, o: Obj, path: PathPart[], out: Finding[]): void {
  const err = (p: PathPart[], message: string): void => {
    out.push({ level: "error", path: p, message });
  };
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
            err(["storage", kind, i, "path"], "path conflicts with systemd unit or dropin");
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
        err([...path, "hash"], "malformed hash specifier");
        break;
      }
      const fn = hash.slice(0, dash);
      const sum = hash.slice(dash + 1);
      const size = fn === "sha512" ? 128 : fn === "sha256" ? 64 : 0;
      if (size === 0) err([...path, "hash"], "unrecognized hash function");
      else if (sum.length !== size) err([...path, "hash"], "incorrect size for hash sum");
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
      check("directories", "directory path includes link in config");
      check("files", "file path includes link in config");
      check("links", "link path includes link in config");
      break;
    }
    case "File":
    case "Directory":
    case "Link": {
      const pe = validatePath(str(o.path) ?? "");
      if (pe !== undefined) err([...path, "path"], pe);
      if (type !== "Link" && typeof o.mode === "number" && (o.mode < 0 || o.mode > 0o7777)) {
        err([...path, "mode"], "illegal file mode");
      }
      if (type !== "Link" && typeof o.mode === "number" && (o.mode & 0o7000) !== 0) {
        out.push({ level: "warning", path: [...path, "mode"], message: ERR_SPECIAL_MODE_BITS });
      }
      if (
        type === "File" &&
        o.overwrite === true &&
        !(isObj(o.contents) && str(o.contents.source) !== undefined)
      ) {
        err([...path, "overwrite"], "overwrite must be false if source is unspecified");
      }
      if (type === "Link" && (str(o.target) ?? "") === "")
        err([...path, "target"], "link target is required");
      break;
    }
    case "NodeUser":
    case "NodeGroup":
      if (o.id !== undefined && (str(o.name) ?? "") !== "")
        err(path, "cannot set both id and name");
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
        err(path, "shouldExist specified false with other options also specified");
      }
      if ((num(o.number) ?? 0) === 0 && isNil(o.label)) {
        err(path, "a partition number >= 1 or a label must be specified");
      }
      const label = str(o.label);
      if (label !== undefined && utf8Length(label) > 36) {
        err([...path, "label"], "partition labels may not exceed 36 characters");
      } else if (label?.includes(":")) {
        err([...path, "label"], "partition label will be truncated to text before the colon");
      }
      for (const key of ["guid", "typeGuid"]) {
        const guid = str(o[key]);
        if (guid !== undefined && !GUID.test(guid)) {
          err([...path, key], 'doesn\'t match the form "01234567-89AB-CDEF-EDCB-A98765432101"');
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
          err(
            [...path, "format"],
            "format cannot be empty when path, label, uuid, wipeFilesystem, options, or mountOptions is specified",
          );
        }
      } else if (!FILESYSTEM_FORMATS.has(format)) {
        err([...path, "format"], "invalid filesystem format");
      }
      const label = str(o.label) ?? "";
      if (label !== "") {
        const limit = FILESYSTEM_LABEL_LIMITS[format];
        if (format === "") {
          err([...path, "label"], "filesystem must specify format if label is specified");
        } else if (limit !== undefined && utf8Length(label) > limit) {
          err(
            [...path, "label"],
            `filesystem labels cannot be longer than ${limit} characters when using ${format}`,
          );
        }
      }
      break;
    }
    case "Luks": {
      // config/v3_4/types/luks.go
      if ((str(o.name) ?? "").includes("/")) {
        err([...path, "name"], "device names cannot contain slashes");
      }
      if (utf8Length(str(o.label) ?? "") > 47) {
        err([...path, "label"], "luks device labels cannot be longer than 47 characters");
      }
      const device = str(o.device) ?? "";
      const de = device === "" ? "disk device is required" : validatePath(device);
      if (de !== undefined) err([...path, "device"], de);
      break;
    }
    case "Raid": {
      // config/v3_4/types/raid.go
      const level = str(o.level) ?? "";
      if (level === "") err([...path, "level"], "raid level is required");
      else if (!RAID_LEVELS.has(level)) err([...path, "level"], "unrecognized raid level");
      else if (["linear", "raid0", "0", "stripe"].includes(level) && (num(o.spares) ?? 0) !== 0) {
        err([...path, "level"], "spares unsupported for linear and raid0 arrays");
      }
      if (list(o.devices).length === 0) err([...path, "devices"], "raid devices required");
      list(o.devices).forEach((d, i) => {
        // Each device is a Device, validated as a path (config/v3_4/types/device.go).
        const de = validatePath(str(d) ?? "");
        if (de !== undefined) err([...path, "devices", i], de);
      });
      break;
    }
    case "Unit":
      if (!UNIT_EXTENSIONS.has(extOf(str(o.name) ?? "")))
        err([...path, "name"], "invalid systemd unit extension");
      validateUnitContents(o, path, out, true);
      break;
    case "Dropin":
      if (extOf(str(o.name) ?? "") !== ".conf")
        err([...path, "name"], "invalid systemd drop-in extension");
      validateUnitContents(o, path, out, false);
      break;
  }
}

/** Ignition's semantic validation of the generated config, in Go's walk order. */
export function validateIgnition(config: IgnObject): Finding[] {
  const out: Finding[] = [];
  const visit = (v: unknown, type: string, path: PathPart[]): void => {
    if (!isObj(v)) return;
    validateObject(type, v, path, out);
    for (const [key, child, isList] of CHILDREN[type] ?? []) {
      const cv = v[key];
      if (isList) list(cv).forEach((item, i) => visit(item, child, [...path, key, i]));
      else if (cv !== undefined) visit(cv, child, [...path, key]);
    }
  };
  visit(config, "Config", []);
  return out;
}

type KeyOf = (x: unknown) => string;
const by =
  (name: string): KeyOf =>
  (x) =>
    isObj(x) ? (str(x[name]) ?? "") : "";
const self: KeyOf = (x) => (typeof x === "string" ? x : "");
/** Partition.Key (config/v3_4/types/partition.go). */
const partitionKey: KeyOf = (x) => {
  const p = isObj(x) ? x : {};
  const n = num(p.number) ?? 0;
  if (n !== 0) return `number:${n}`;
  return isNil(p.label) ? "" : `label:${str(p.label) ?? ""}`;
};

/**
 * Per Ignition struct, its list fields with the group they share keys in and
 * the key of an item (Ignition's ValidateDups, config/validate/validate.go:
 * every slice field not in IgnoreDuplicates, MergedKeys sharing a group;
 * lists of strings keyed by the string).
 */
const DUPLICATE_GROUPS: Record<string, [string, string, KeyOf][]> = {
  IgnitionConfig: [["merge", "merge", by("source")]],
  TLS: [["certificateAuthorities", "ca", by("source")]],
  KernelArguments: [
    ["shouldExist", "karg", self],
    ["shouldNotExist", "karg", self],
  ],
  Passwd: [
    ["groups", "groups", by("name")],
    ["users", "users", by("name")],
  ],
  PasswdUser: [
    ["groups", "groups", self],
    ["sshAuthorizedKeys", "sshAuthorizedKeys", self],
  ],
  Resource: [["httpHeaders", "httpHeaders", by("name")]],
  Storage: [
    ["directories", "node", by("path")],
    ["disks", "disks", by("device")],
    ["files", "node", by("path")],
    ["filesystems", "filesystems", by("device")],
    ["links", "node", by("path")],
    ["luks", "luks", by("name")],
    ["raid", "raid", by("name")],
  ],
  Disk: [["partitions", "partitions", partitionKey]],
  Luks: [["openOptions", "openOptions", self]],
  Clevis: [["tang", "tang", by("url")]],
  Raid: [["devices", "devices", self]],
  Systemd: [["units", "units", by("name")]],
  Unit: [["dropins", "dropins", by("name")]],
};

/** Ignition's duplicate check: keyed lists must not repeat a key. Walks structs in Go field order. */
export function validateDuplicates(config: IgnObject): Finding[] {
  const out: Finding[] = [];
  const visit = (o: unknown, type: string, path: PathPart[]): void => {
    if (!isObj(o)) return;
    const seen = new Map<string, Set<string>>();
    for (const [field, group, key] of DUPLICATE_GROUPS[type] ?? []) {
      const set = seen.get(group) ?? new Set<string>();
      seen.set(group, set);
      list(o[field]).forEach((item, i) => {
        const k = key(item);
        if (set.has(k))
          out.push({
            level: "error",
            path: [...path, field, i],
            message: "duplicate entry defined",
          });
        set.add(k);
      });
    }
    for (const [key, child, isList] of CHILDREN[type] ?? []) {
      const cv = o[key];
      if (isList) list(cv).forEach((item, i) => visit(item, child, [...path, key, i]));
      else if (cv !== undefined) visit(cv, child, [...path, key]);
    }
  };
  visit(config, "Config", []);
  return out;
}

/** Flatcar's field filter: clevis is not available in these spec versions. */
export function checkFieldFilters(config: IgnObject): Finding[] {
  const out: Finding[] = [];
  const storage = isObj(config.storage) ? config.storage : {};
  list(storage.luks).forEach((l, i) => {
    if (isObj(l) && isObj(l.clevis) && !isEmpty(l.clevis)) {
      out.push({
        level: "error",
        path: ["storage", "luks", i, "clevis"],
        message: "clevis is not supported in this spec version",
      });
    }
  });
  return out;
}

function isEmpty(v: IgnValue | unknown): boolean {
  if (v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObj(v)) return Object.values(v).every(isEmpty);
  return false;
}
