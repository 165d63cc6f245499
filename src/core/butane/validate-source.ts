/**
 * Butane's own rules on the source config (base/v0_4 and v0_5 validate.go): what the YAML
 * says before it is translated. Inline child configs are checked here too, with Ignition's
 * rules, as Butane's ValidateIgnitionConfig does.
 */
import type { Decoded, DecodedValue } from "./decode.ts";
import { findDuplicates } from "./duplicates.ts";
import { goJsonSyntaxError } from "./go-json-syntax.ts";
import type { IgnObject } from "./ignition-layout.ts";
import {
  ERR_BOTH_CONTENTS,
  ERR_DECIMAL_MODE,
  ERR_INLINE_CONFIG_INVALID,
  ERR_INLINE_CONFIG_VERSION,
  ERR_MOUNT_UNIT_NO_FORMAT,
  ERR_MOUNT_UNIT_NO_PATH,
  ERR_TOO_MANY_RESOURCE_SOURCES,
  ERR_TREE_NO_LOCAL,
  errInlineConfigNotObject,
  WARN_INLINE_CONFIG_UNKNOWN_VERSION,
} from "./messages.ts";
import { isObj, list, str } from "./json-values.ts";
import { errorAt, warningAt, type Finding, type PathPart } from "./report.ts";
import type { SpecVersion } from "./schema.ts";
import { validateIgnition } from "./validate-ignition.ts";

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

function validateInlineConfig(
  out: Finding[],
  at: PathPart[],
  inline: string,
  spec: SpecVersion,
): void {
  const syntax = goJsonSyntaxError(inline);
  if (syntax !== undefined) {
    // No path: vcontext's Correlate later places it at the YAML root.
    out.push(errorAt(null, syntax));
    out.push(errorAt([...at, "inline"], ERR_INLINE_CONFIG_INVALID));
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
    out.push(errorAt(null, errInlineConfigNotObject(kind)));
    out.push(errorAt([...at, "inline"], ERR_INLINE_CONFIG_INVALID));
    return;
  }
  const ign = isObj(parsed) ? parsed.ignition : undefined;
  const version = isObj(ign) ? ign.version : undefined;
  if (typeof version !== "string" || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    out.push(errorAt([...at, "inline"], ERR_INLINE_CONFIG_VERSION));
    return;
  }
  if (version !== spec.ignitionVersion) {
    out.push(warningAt([...at, "version"], WARN_INLINE_CONFIG_UNKNOWN_VERSION));
    return;
  }
  // Butane's ValidateIgnitionConfig (base/v0_5/util.go) runs Ignition's
  // ValidateWithContext on the child: Validate, then duplicates. Its entries
  // keep the child's own JSON paths; Butane then positions them at the
  // deepest node of its YAML along that path (vcontext report.Correlate).
  const child = parsed as IgnObject;
  out.push(
    ...validateIgnition(child, spec.ignitionVersion),
    ...findDuplicates(child, spec.ignitionVersion),
  );
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
          out.push(errorAt([...path, field], ERR_TOO_MANY_RESOURCE_SOURCES));
        }
        break;
      }
      case "File":
      case "Directory":
        if (typeof o.mode === "number") {
          if (isDecimalModeMistake(o.mode, type === "Directory")) {
            out.push(warningAt([...path, "mode"], ERR_DECIMAL_MODE));
          }
        }
        break;
      case "Filesystem":
        if (o.with_mount_unit === true) {
          if (str(o.format) === undefined || o.format === "") {
            out.push(errorAt([...path, "format"], ERR_MOUNT_UNIT_NO_FORMAT));
          } else if (o.format !== "swap" && (str(o.path) === undefined || o.path === "")) {
            out.push(errorAt([...path, "path"], ERR_MOUNT_UNIT_NO_PATH));
          }
        }
        break;
      case "Tree":
        if (str(o.local) === undefined || o.local === "") {
          out.push(errorAt(path, ERR_TREE_NO_LOCAL));
        }
        break;
      case "Unit":
      case "Dropin":
        if (o.contents !== undefined && o.contents_local !== undefined) {
          out.push(errorAt([...path, "contents_local"], ERR_BOTH_CONTENTS));
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
