/**
 * The Butane source schemas, one table per base version (v0_4, v0_5), as upstream's
 * base/v0_x packages declare them; a variant version picks one (flatcar-variant.ts).
 * Each struct lists its YAML keys in Go field order, which is also the order Butane walks
 * them when it validates.
 *
 * Field types: `str`, `int`, `bool` (a trailing `?` marks a Go pointer, which
 * stays unset when absent or null), `Name` for a struct, `[]T` for a list,
 * `~Name` for a named string type (it only changes Go's type name in errors).
 */
export type FieldType =
  | { kind: "str"; ptr: boolean; goName: string }
  | { kind: "int"; ptr: boolean }
  | { kind: "bool"; ptr: boolean }
  | { kind: "struct"; name: string }
  | { kind: "list"; elem: FieldType };

export interface StructSchema {
  goName: string;
  fields: { key: string; type: FieldType }[];
}

export interface SpecVersion {
  /** Butane version, e.g. "1.0.0". */
  version: string;
  /** Ignition version of the output, e.g. "3.3.0". */
  ignitionVersion: string;
  /** Go package of the base types, used in Go's type error messages. */
  basePackage: string;
  structs: Record<string, StructSchema>;
}

export const BASE_V0_4: Record<string, string> = {
  Config:
    "version:str variant:str ignition:Ignition kernel_arguments:KernelArguments passwd:Passwd storage:Storage systemd:Systemd",
  Clevis: "custom:ClevisCustom tang:[]Tang threshold:int? tpm2:bool?",
  ClevisCustom: "config:str? needs_network:bool? pin:str?",
  Directory: "group:NodeGroup overwrite:bool? path:str user:NodeUser mode:int?",
  Disk: "device:str partitions:[]Partition wipe_table:bool?",
  Dropin: "contents:str? name:str",
  File: "group:NodeGroup overwrite:bool? path:str user:NodeUser append:[]Resource contents:Resource mode:int?",
  Filesystem:
    "device:str format:str? label:str? mount_options:[]str options:[]str path:str? uuid:str? wipe_filesystem:bool? with_mount_unit:bool?",
  HTTPHeader: "name:str value:str?",
  Ignition: "config:IgnitionConfig proxy:Proxy security:Security timeouts:Timeouts",
  IgnitionConfig: "merge:[]Resource replace:Resource",
  KernelArguments: "should_exist:[]~KernelArgument should_not_exist:[]~KernelArgument",
  Link: "group:NodeGroup overwrite:bool? path:str user:NodeUser hard:bool? target:str?",
  Luks: "clevis:Clevis device:str? key_file:Resource label:str? name:str options:[]~LuksOption uuid:str? wipe_volume:bool?",
  NodeGroup: "id:int? name:str?",
  NodeUser: "id:int? name:str?",
  Partition:
    "guid:str? label:str? number:int resize:bool? should_exist:bool? size_mib:int? start_mib:int? type_guid:str? wipe_partition_entry:bool?",
  Passwd: "groups:[]PasswdGroup users:[]PasswdUser",
  PasswdGroup: "gid:int? name:str password_hash:str? should_exist:bool? system:bool?",
  PasswdUser:
    "gecos:str? groups:[]~Group home_dir:str? name:str no_create_home:bool? no_log_init:bool? no_user_group:bool? password_hash:str? primary_group:str? should_exist:bool? ssh_authorized_keys:[]~SSHAuthorizedKey shell:str? system:bool? uid:int?",
  Proxy: "http_proxy:str? https_proxy:str? no_proxy:[]str",
  Raid: "devices:[]~Device level:str? name:str options:[]~RaidOption spares:int?",
  Resource:
    "compression:str? http_headers:[]HTTPHeader source:str? inline:str? local:str? verification:Verification",
  Security: "tls:TLS",
  Storage:
    "directories:[]Directory disks:[]Disk files:[]File filesystems:[]Filesystem links:[]Link luks:[]Luks raid:[]Raid trees:[]Tree",
  Systemd: "units:[]Unit",
  Tang: "thumbprint:str? url:str",
  TLS: "certificate_authorities:[]Resource",
  Timeouts: "http_response_headers:int? http_total:int?",
  Tree: "local:str path:str?",
  Unit: "contents:str? dropins:[]Dropin enabled:bool? mask:bool? name:str",
  Verification: "hash:str?",
};

export const BASE_V0_5: Record<string, string> = {
  ...BASE_V0_4,
  Dropin: "contents:str? contents_local:str? name:str",
  Luks: "clevis:Clevis device:str? discard:bool? key_file:Resource label:str? name:str open_options:[]~OpenOption options:[]~LuksOption uuid:str? wipe_volume:bool?",
  PasswdUser:
    "gecos:str? groups:[]~Group home_dir:str? name:str no_create_home:bool? no_log_init:bool? no_user_group:bool? password_hash:str? primary_group:str? should_exist:bool? ssh_authorized_keys:[]~SSHAuthorizedKey ssh_authorized_keys_local:[]str shell:str? system:bool? uid:int?",
  Tang: "thumbprint:str? url:str advertisement:str?",
  Unit: "contents:str? contents_local:str? dropins:[]Dropin enabled:bool? mask:bool? name:str",
};

function parseType(t: string, pkg: string): FieldType {
  if (t.startsWith("[]")) return { kind: "list", elem: parseType(t.slice(2), pkg) };
  const ptr = t.endsWith("?");
  const base = ptr ? t.slice(0, -1) : t;
  if (base === "str") return { kind: "str", ptr, goName: "string" };
  if (base === "int") return { kind: "int", ptr };
  if (base === "bool") return { kind: "bool", ptr };
  if (base.startsWith("~")) return { kind: "str", ptr, goName: `${pkg}.${base.slice(1)}` };
  return { kind: "struct", name: base };
}

/** A variant version's schema: its base package's table, and the Ignition version it writes. */
export function buildSpec(
  version: string,
  ignitionVersion: string,
  pkg: string,
  configPkg: string,
  defs: Record<string, string>,
): SpecVersion {
  const structs: Record<string, StructSchema> = {};
  for (const [name, def] of Object.entries(defs)) {
    structs[name] = {
      goName: name === "Config" ? `${configPkg}.Config` : `${pkg}.${name}`,
      fields: def.split(" ").map((f) => {
        const [key = "", type = ""] = f.split(":");
        return { key, type: parseType(type, pkg) };
      }),
    };
  }
  return { version, ignitionVersion, basePackage: pkg, structs };
}

/** Go's name for a field type, as yaml.v3 prints it in "cannot unmarshal ... into T". */
export function goTypeName(t: FieldType, spec: SpecVersion): string {
  switch (t.kind) {
    case "str":
      return t.goName;
    case "int":
      return "int";
    case "bool":
      return "bool";
    case "struct":
      return spec.structs[t.name]?.goName ?? t.name;
    case "list":
      return `[]${goTypeName(t.elem, spec)}`;
  }
}
