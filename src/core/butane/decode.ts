import { warnTreeMismatch, warnUnusedKey } from "./messages.ts";
import { pathString, warningAt, type Finding, type PathPart } from "./report.ts";
import { goTypeName } from "./schema.ts";
import type { FieldType, SpecVersion } from "./schema.ts";
import type { YMap, YNode, YScalar } from "./yaml-reader.ts";
import { resolveScalar } from "./yaml-scalars.ts";

/** A decoded Butane struct: only the keys that were set. */
export type Decoded = { [key: string]: DecodedValue };
export type DecodedValue = string | number | boolean | Decoded | DecodedValue[];

/** Where each YAML path starts: values, and keys (for "unused key"). */
export interface PositionIndex {
  values: Map<string, { line: number; column: number }>;
  keys: Map<string, { line: number; column: number }>;
}

const BOOL_COMPAT: Record<string, boolean> = {
  y: true,
  Y: true,
  yes: true,
  Yes: true,
  YES: true,
  on: true,
  On: true,
  ON: true,
  n: false,
  N: false,
  no: false,
  No: false,
  NO: false,
  off: false,
  Off: false,
  OFF: false,
};

/** Limits the work done on alias-heavy documents ("billion laughs"). */
const MAX_DECODE_STEPS = 2_000_000;

export class ExcessiveAliasing extends Error {}
/** yaml.v3's failWantMap (decode.go): a merge key whose value is not a mapping or a list of them. */
export class BadMergeValue extends Error {
  constructor() {
    super("yaml: map merge requires map or sequence of maps as the value");
  }
}

/** yaml.v3's isMerge: a plain `<<` key, or one tagged !!merge. */
function isMergeKey(n: YNode): boolean {
  if (n.kind !== "scalar" || n.value !== "<<") return false;
  if (n.tag === undefined) return n.plain;
  return n.tag === "!" || n.tag === "!!merge" || n.tag === "tag:yaml.org,2002:merge";
}

/** Short tag of a node, as yaml.v3 prints it in type errors. */
function shortTag(n: YNode): string {
  if (n.kind === "map") return "!!map";
  if (n.kind === "seq") return "!!seq";
  return resolveScalar(n.value, n.plain, n.tag).tag;
}

function typeError(n: YNode, into: string): string {
  const tag = shortTag(n);
  let value = "";
  if (n.kind === "scalar") {
    const chars = [...n.value];
    value = chars.length > 10 ? ` \`${chars.slice(0, 7).join("")}...\`` : ` \`${n.value}\``;
  }
  return `line ${n.line}: cannot unmarshal ${tag}${value} into ${into}`;
}

function isNull(n: YNode): boolean {
  return (
    n.kind === "scalar" &&
    (n.empty === true || resolveScalar(n.value, n.plain, n.tag).tag === "!!null")
  );
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

/**
 * Decodes a YAML tree into a struct as yaml.v3's Decode does: unknown keys
 * are ignored, type mismatches are collected as "line N: cannot unmarshal"
 * messages, duplicate keys are refused.
 */
export function decodeStruct(
  root: YNode | null,
  structName: string,
  spec: SpecVersion,
  fields?: ReadonlySet<string>,
): { value: Decoded; errors: string[] } {
  const errors: string[] = [];
  let steps = 0;
  const decodeValue = (n: YNode, t: FieldType): DecodedValue | undefined => {
    if (++steps > MAX_DECODE_STEPS) throw new ExcessiveAliasing();
    if (isNull(n)) return undefined;
    switch (t.kind) {
      case "struct":
        if (n.kind !== "map") {
          errors.push(typeError(n, goTypeName(t, spec)));
          return undefined;
        }
        return decodeMap(n, t.name);
      case "list": {
        if (n.kind !== "seq") {
          errors.push(typeError(n, goTypeName(t, spec)));
          return undefined;
        }
        const out: DecodedValue[] = [];
        for (const item of n.items) {
          const v = decodeValue(item, t.elem);
          out.push(v ?? zeroOf(t.elem));
        }
        return out;
      }
      case "str":
        if (n.kind !== "scalar") {
          errors.push(typeError(n, t.goName));
          return undefined;
        }
        return n.value;
      case "int": {
        if (n.kind !== "scalar") {
          errors.push(typeError(n, "int"));
          return undefined;
        }
        const r = resolveScalar(n.value, n.plain, n.tag);
        if (r.tag === "!!int" && r.value >= -(1n << 63n) && r.value < 1n << 63n)
          return Number(r.value);
        if (r.tag === "!!float" && Number.isFinite(r.value) && Math.abs(r.value) < 2 ** 63) {
          return Math.trunc(r.value);
        }
        errors.push(typeError(n, "int"));
        return undefined;
      }
      case "bool": {
        if (n.kind !== "scalar") {
          errors.push(typeError(n, "bool"));
          return undefined;
        }
        const r = resolveScalar(n.value, n.plain, n.tag);
        if (r.tag === "!!bool") return r.value;
        if (r.tag === "!!str") {
          const compat = BOOL_COMPAT[r.value];
          if (compat !== undefined) return compat;
        }
        errors.push(typeError(n, "bool"));
        return undefined;
      }
    }
  };
  /**
   * A mapping into a struct, as yaml.v3's mappingStruct and merge do: a `<<`
   * value is decoded into the same struct afterwards, skipping the keys the
   * mapping (and earlier merged mappings) already set.
   */
  const decodeMap = (
    n: YMap,
    name: string,
    only?: ReadonlySet<string>,
    into: Decoded = {},
    skip?: Set<string>,
  ): Decoded => {
    const schema = spec.structs[name];
    const out = into;
    if (schema === undefined) return out;
    if (hasDuplicateKeys(n, errors)) return out;
    let mergeNode: YNode | undefined;
    for (const e of n.entries) {
      if (isMergeKey(e.keyNode)) {
        mergeNode = e.value;
        continue;
      }
      const key = e.keyNode.kind === "scalar" ? e.keyNode.value : undefined;
      if (key === undefined) continue;
      if (skip !== undefined) {
        if (skip.has(key)) continue;
        skip.add(key);
      }
      if (only !== undefined && !only.has(key)) continue;
      const field = schema.fields.find((f) => f.key === key);
      if (field === undefined) continue;
      const v = decodeValue(e.value, field.type);
      if (v !== undefined) out[key] = v;
      else if (key in out) out[key] = zeroOf(field.type);
    }
    if (mergeNode !== undefined) {
      const merged =
        skip ??
        new Set(n.entries.flatMap((e) => (e.keyNode.kind === "scalar" ? [e.keyNode.value] : [])));
      const sources = mergeNode.kind === "seq" ? mergeNode.items : [mergeNode];
      for (const m of sources) {
        if (m.kind !== "map") throw new BadMergeValue();
        decodeMap(m, name, only, out, merged);
      }
    }
    return out;
  };
  if (root === null || isNull(root)) return { value: {}, errors };
  if (root.kind !== "map") {
    errors.push(typeError(root, spec.structs[structName]?.goName ?? structName));
    return { value: {}, errors };
  }
  return { value: decodeMap(root, structName, fields), errors };
}

function zeroOf(t: FieldType): DecodedValue {
  switch (t.kind) {
    case "str":
      return "";
    case "int":
      return 0;
    case "bool":
      return false;
    case "struct":
      return {};
    case "list":
      return [];
  }
}

function hasDuplicateKeys(n: YMap, errors: string[]): boolean {
  const before = errors.length;
  const es = n.entries;
  for (let i = 0; i < es.length; i++) {
    const a = es[i];
    if (a === undefined) continue;
    for (let j = i + 1; j < es.length; j++) {
      const b = es[j];
      if (b === undefined) continue;
      if (
        a.keyNode.kind === "scalar" &&
        b.keyNode.kind === "scalar" &&
        a.keyNode.value === b.keyNode.value
      ) {
        errors.push(
          `line ${b.key.line}: mapping key ${goQuote(b.key.value)} already defined at line ${a.key.line}`,
        );
      }
    }
  }
  return errors.length > before;
}

/** Indexes the positions of every value and key of the YAML tree (aliases are leaves). */
export function indexPositions(root: YNode | null): PositionIndex {
  const index: PositionIndex = { values: new Map(), keys: new Map() };
  const walk = (n: YNode, path: PathPart[], depth: number): void => {
    const p = pathString(path);
    if (!index.values.has(p)) index.values.set(p, { line: n.line, column: n.column });
    if (n.viaAlias || depth > 200) return;
    if (n.kind === "map") {
      for (const e of n.entries) {
        if (e.keyNode.kind !== "scalar") continue;
        const kp = pathString([...path, e.key.value]);
        if (!index.keys.has(kp)) index.keys.set(kp, { line: e.key.line, column: e.key.column });
        walk(e.value, [...path, e.key.value], depth + 1);
      }
    } else if (n.kind === "seq") {
      n.items.forEach((item, i) => walk(item, [...path, i], depth + 1));
    }
  };
  if (root !== null) walk(root, [], 0);
  return index;
}

/** Finds the position for a path: the deepest prefix that exists in the YAML. */
export function correlate(
  index: PositionIndex,
  path: readonly PathPart[],
  onKey: boolean,
): { line: number; column: number } | undefined {
  if (onKey) {
    const k = index.keys.get(pathString(path));
    if (k !== undefined) return k;
  }
  for (let n = path.length; n >= 0; n--) {
    const v = index.values.get(pathString(path.slice(0, n)));
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * Butane's unused-key check: walks the decoded struct in Go field order and
 * warns about YAML keys that no field takes.
 */
export function findUnusedKeys(root: YNode | null, value: Decoded, spec: SpecVersion): Finding[] {
  const out: Finding[] = [];
  const visitStruct = (n: YNode | undefined, v: Decoded, name: string, path: PathPart[]): void => {
    const schema = spec.structs[name];
    if (schema === undefined || n === undefined) return;
    // Ignition's ValidateUnusedKeys (config/validate/validate.go) warns where
    // the YAML node of a struct is not a mapping: a null `contents:` or `- ~`.
    if (n.kind !== "map" || n.viaAlias) {
      out.push(warningAt(path, warnTreeMismatch(pathString(path))));
      return;
    }
    for (const e of n.entries) {
      if (e.keyNode.kind !== "scalar") continue;
      if (!schema.fields.some((f) => f.key === e.key.value)) {
        out.push({
          level: "warning",
          path: [...path, e.key.value],
          onKey: true,
          message: warnUnusedKey(e.key.value),
        });
      }
    }
    for (const f of schema.fields) {
      const child = lastEntry(n, f.key);
      const fv = v[f.key];
      // Go walks every struct field, set or not: a null one still has a YAML node.
      if (fv === undefined && f.type.kind === "struct")
        visitStruct(child, {}, f.type.name, [...path, f.key]);
      if (fv === undefined) continue;
      visitValue(child, fv, f.type, [...path, f.key]);
    }
  };
  const visitValue = (
    n: YNode | undefined,
    v: DecodedValue,
    t: FieldType,
    path: PathPart[],
  ): void => {
    if (t.kind === "struct" && typeof v === "object" && !Array.isArray(v))
      visitStruct(n, v, t.name, path);
    else if (
      t.kind === "list" &&
      Array.isArray(v) &&
      n !== undefined &&
      n.kind === "seq" &&
      !n.viaAlias
    ) {
      v.forEach((item, i) => visitValue(n.items[i], item, t.elem, [...path, i]));
    }
  };
  visitStruct(root ?? undefined, value, "Config", []);
  return out;
}

function lastEntry(n: YMap, key: string): YNode | undefined {
  let found: YNode | undefined;
  for (const e of n.entries)
    if (e.keyNode.kind === "scalar" && e.key.value === key) found = e.value;
  return found;
}

export type { YScalar };
