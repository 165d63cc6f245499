import type { JsonValue } from "./go-json.ts";

/**
 * Ignition 3.3.0 / 3.4.0 config types: each struct's JSON keys in Go field
 * order, which is the order of the output. Declared once; the writer follows it.
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

/** An Ignition value under construction: plain objects keyed by JSON names. */
export type IgnObject = { [key: string]: IgnValue | undefined };
export type IgnValue = string | number | boolean | IgnObject | IgnValue[];

/** Whether the version's types have this field (e.g. luks.discard is 3.4 only). */
export function hasField(version: string, type: string, key: string): boolean {
  return TABLES[version]?.[type]?.some((f) => f.key === key) ?? false;
}

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
