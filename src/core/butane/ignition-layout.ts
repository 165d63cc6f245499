import type { JsonValue } from "./go-json.ts";
import { isObj, str, type Obj } from "./json-values.ts";
import type { PathPart } from "./report.ts";

/**
 * The Ignition config layout, one table per Ignition version (3.3.0, 3.4.0): each struct's
 * JSON keys in Go field order. Everything that follows the structs derives from it: the order
 * and trimming of the output (toJson), the walk of the Ignition validation (validate-ignition.ts)
 * and the duplicate check (duplicates.ts), from each struct's key (KEYS), the lists that share
 * keys (MERGED_KEYS) and the lists never checked (IGNORE_DUPLICATES), as Ignition's types declare
 * them (Key(), MergedKeys(), IgnoreDuplicates() in config/v3_4/types). A new Ignition version is
 * one more table here.
 *
 * Kinds: `?` a pointer (kept when set, even false or 0), `!` a field without
 * omitempty (always written), `0` a value field with omitempty (dropped when
 * "" or 0), `Name` a struct (dropped when empty), `[]Name` / `[]` a list.
 */
const IGNITION_3_4: Record<string, string> = {
  Config:
    "ignition:Ignition kernelArguments:KernelArguments passwd:Passwd storage:Storage systemd:Systemd",
  Clevis: "custom:ClevisCustom tang:[]Tang threshold:? tpm2:?",
  ClevisCustom: "config:? needsNetwork:? pin:?",
  Directory: "group:NodeGroup overwrite:? path:! user:NodeUser mode:?",
  Disk: "device:! partitions:[]Partition wipeTable:?",
  Dropin: "contents:? name:!",
  File: "group:NodeGroup overwrite:? path:! user:NodeUser append:[]Resource contents:Resource mode:?",
  Filesystem: "device:! format:? label:? mountOptions:[] options:[] path:? uuid:? wipeFilesystem:?",
  HTTPHeader: "name:! value:?",
  Ignition: "config:IgnitionConfig proxy:Proxy security:Security timeouts:Timeouts version:!",
  IgnitionConfig: "merge:[]Resource replace:Resource",
  KernelArguments: "shouldExist:[] shouldNotExist:[]",
  Link: "group:NodeGroup overwrite:? path:! user:NodeUser hard:? target:?",
  Luks: "clevis:Clevis device:? discard:? keyFile:Resource label:? name:! openOptions:[] options:[] uuid:? wipeVolume:?",
  NodeGroup: "id:? name:?",
  NodeUser: "id:? name:?",
  Partition:
    "guid:? label:? number:0 resize:? shouldExist:? sizeMiB:? startMiB:? typeGuid:? wipePartitionEntry:?",
  Passwd: "groups:[]PasswdGroup users:[]PasswdUser",
  PasswdGroup: "gid:? name:! passwordHash:? shouldExist:? system:?",
  PasswdUser:
    "gecos:? groups:[] homeDir:? name:! noCreateHome:? noLogInit:? noUserGroup:? passwordHash:? primaryGroup:? sshAuthorizedKeys:[] shell:? shouldExist:? system:? uid:?",
  Proxy: "httpProxy:? httpsProxy:? noProxy:[]",
  Raid: "devices:[] level:? name:! options:[] spares:?",
  Resource: "compression:? httpHeaders:[]HTTPHeader source:? verification:Verification",
  Security: "tls:TLS",
  Storage:
    "directories:[]Directory disks:[]Disk files:[]File filesystems:[]Filesystem links:[]Link luks:[]Luks raid:[]Raid",
  Systemd: "units:[]Unit",
  TLS: "certificateAuthorities:[]Resource",
  Tang: "thumbprint:? url:0 advertisement:?",
  Timeouts: "httpResponseHeaders:? httpTotal:?",
  Unit: "contents:? dropins:[]Dropin enabled:? mask:? name:!",
  Verification: "hash:?",
};

const IGNITION_3_3: Record<string, string> = {
  ...IGNITION_3_4,
  Luks: "clevis:Clevis device:? keyFile:Resource label:? name:! options:[] uuid:? wipeVolume:?",
  Tang: "thumbprint:? url:0",
};

type Kind = "?" | "!" | "0" | { struct: string } | { list: string | null };
type Table = Record<string, { key: string; kind: Kind }[]>;

function parse(defs: Record<string, string>): Table {
  const t: Table = {};
  for (const [name, def] of Object.entries(defs)) {
    t[name] = def.split(" ").map((f) => {
      const [key = "", k = ""] = f.split(":");
      let kind: Kind;
      if (k === "?" || k === "!" || k === "0") kind = k;
      else if (k.startsWith("[]")) kind = { list: k.length > 2 ? k.slice(2) : null };
      else kind = { struct: k };
      return { key, kind };
    });
  }
  return t;
}

const TABLES: Record<string, Table> = {
  "3.3.0": parse(IGNITION_3_3),
  "3.4.0": parse(IGNITION_3_4),
};

/** The field an item of a keyed list is known by (Ignition's Key() methods); Partition's is its own. */
const KEYS: Record<string, string> = {
  Directory: "path",
  Disk: "device",
  Dropin: "name",
  File: "path",
  Filesystem: "device",
  HTTPHeader: "name",
  Link: "path",
  Luks: "name",
  PasswdGroup: "name",
  PasswdUser: "name",
  Raid: "name",
  Resource: "source",
  Tang: "url",
  Unit: "name",
};

/** Lists of one struct whose items share one key space (Ignition's MergedKeys()). */
const MERGED_KEYS: Record<string, Record<string, string>> = {
  KernelArguments: { shouldExist: "karg", shouldNotExist: "karg" },
  Storage: { directories: "node", files: "node", links: "node" },
};

/** Lists Ignition's duplicate check passes over (IgnoreDuplicates()). */
const IGNORE_DUPLICATES: Record<string, readonly string[]> = {
  File: ["append"],
  Filesystem: ["mountOptions", "options"],
  Luks: ["options"],
  Proxy: ["noProxy"],
  Raid: ["options"],
};

const text = (v: unknown): string => str(v) ?? "";

/** The key of one list item: a struct's key field, Partition's number or label, a string itself. */
function itemKey(type: string | null, item: unknown): string {
  if (type === null) return text(item);
  if (!isObj(item)) return "";
  if (type === "Partition") {
    // Partition.Key (config/v3_4/types/partition.go): the number, else the label.
    const n = typeof item.number === "number" ? item.number : 0;
    if (n !== 0) return `number:${n}`;
    return item.label === undefined || item.label === null ? "" : `label:${text(item.label)}`;
  }
  const field = KEYS[type];
  return field === undefined ? "" : text(item[field]);
}

/** A keyed list of a struct, as the duplicate check reads it. */
export interface KeyedList {
  field: string;
  /** Lists with the same group share their keys. */
  group: string;
  key: (item: unknown) => string;
}

/** The keyed lists of a struct, in Go field order. */
export function keyedLists(version: string, type: string): KeyedList[] {
  const ignored = IGNORE_DUPLICATES[type] ?? [];
  return (TABLES[version]?.[type] ?? []).flatMap(({ key: field, kind }) =>
    typeof kind === "object" && "list" in kind && !ignored.includes(field)
      ? [
          {
            field,
            group: MERGED_KEYS[type]?.[field] ?? field,
            key: (item: unknown) => itemKey(kind.list, item),
          },
        ]
      : [],
  );
}

/**
 * Walks an Ignition value struct by struct in Go field order (as Ignition's validation walks the
 * typed config), calling `visit` on each object with its type and JSON path.
 */
export function walkStructs(
  version: string,
  value: unknown,
  visit: (type: string, object: Obj, path: PathPart[]) => void,
  type = "Config",
  path: PathPart[] = [],
): void {
  if (!isObj(value)) return;
  visit(type, value, path);
  for (const { key, kind } of TABLES[version]?.[type] ?? []) {
    if (typeof kind !== "object") continue;
    const child = value[key];
    if ("struct" in kind) {
      if (child !== undefined) walkStructs(version, child, visit, kind.struct, [...path, key]);
    } else if (kind.list !== null && Array.isArray(child)) {
      const elem = kind.list;
      child.forEach((item, i) => walkStructs(version, item, visit, elem, [...path, key, i]));
    }
  }
}

/** An Ignition value under construction: plain objects keyed by JSON names. */
export type IgnObject = { [key: string]: IgnValue | undefined };
export type IgnValue = string | number | boolean | IgnObject | IgnValue[];

/**
 * Orders and trims an Ignition object for output, as Go marshals the typed
 * struct with omitempty (empty structs included, as Butane's JSON library does).
 * Unknown keys are dropped.
 */
export function toJson(obj: IgnObject, type: string, version: string): JsonValue | undefined {
  const table = TABLES[version];
  const fields = table?.[type];
  if (table === undefined || fields === undefined) return undefined;
  const out: { [key: string]: JsonValue } = {};
  for (const { key, kind } of fields) {
    const v = obj[key];
    if (kind === "!") {
      out[key] = (v as JsonValue | undefined) ?? "";
    } else if (kind === "?") {
      if (v !== undefined) out[key] = v as JsonValue;
    } else if (kind === "0") {
      if (v !== undefined && v !== "" && v !== 0) out[key] = v as JsonValue;
    } else if ("struct" in kind) {
      if (v !== undefined && typeof v === "object" && !Array.isArray(v)) {
        const inner = toJson(v, kind.struct, version);
        if (
          inner !== undefined &&
          typeof inner === "object" &&
          inner !== null &&
          Object.keys(inner).length > 0
        ) {
          out[key] = inner;
        }
      }
    } else if (Array.isArray(v) && v.length > 0) {
      const elemType = kind.list;
      out[key] = v.map((item) =>
        elemType !== null && typeof item === "object" && !Array.isArray(item)
          ? (toJson(item, elemType, version) ?? {})
          : (item as JsonValue),
      );
    }
  }
  return out;
}
