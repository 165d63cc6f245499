import {
  BadMergeValue,
  correlate,
  decodeStruct,
  ExcessiveAliasing,
  findUnusedKeys,
  indexPositions,
} from "./decode.ts";
import type { Decoded } from "./decode.ts";
import { marshalGo } from "./go-json.ts";
import type { JsonValue } from "./go-json.ts";
import { toJson } from "./ignition-layout.ts";
import { formatReport } from "./report.ts";
import type { ButaneReport, PathPart } from "./report.ts";
import { pathString } from "./report.ts";
import { checkFieldFilters, FLATCAR_VERSIONS } from "./flatcar-variant.ts";
import type { SpecVersion } from "./schema.ts";
import { translate } from "./translate.ts";
import type { FilesDirectory, Translations } from "./translate.ts";
import { findDuplicates } from "./duplicates.ts";
import type { Finding } from "./report.ts";
import { validateIgnition } from "./validate-ignition.ts";
import { validateSource } from "./validate-source.ts";
import { readYaml } from "./yaml-reader.ts";

export type { ButaneReport } from "./report.ts";
export type { FilesDirectory } from "./translate.ts";
export { formatReport } from "./report.ts";

export interface CompileOptions {
  /** Fail (exit 1) when there are warnings, like `butane --strict`. */
  strict?: boolean;
  /** Indent the JSON with two spaces, like `butane --pretty`. */
  pretty?: boolean;
  /** The files directory for `local` contents and `trees`, like `--files-dir`. */
  filesDir?: FilesDirectory;
}

export interface CompileResult {
  exitCode: 0 | 1;
  /** Ignition JSON with a trailing newline; absent on failure. */
  ignition?: string;
  reports: ButaneReport[];
  /** Exactly what butane prints on stderr. */
  stderr: string;
}

/** Inputs larger than this are refused, to bound time and memory. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

const COMMON_SPEC: SpecVersion = {
  version: "",
  ignitionVersion: "",
  basePackage: "common",
  structs: {
    Config: {
      // Butane's first pass reads only these fields (config/config.go commonFields).
      goName: "config.commonFields",
      fields: [
        { key: "version", type: { kind: "str", ptr: false, goName: "string" } },
        { key: "variant", type: { kind: "str", ptr: false, goName: "string" } },
      ],
    },
  },
};

function fail(reports: ButaneReport[], message: string): CompileResult {
  const lines = reports.map((r) => formatReport(r) + "\n").join("");
  return { exitCode: 1, reports, stderr: `${lines}Error translating config: ${message}\n` };
}

/** Compiles a Butane config (variant flatcar, 1.0.0 or 1.1.0) to Ignition, as the butane command does. */
export function compileButane(source: string, options: CompileOptions = {}): CompileResult {
  try {
    return compileInner(source, options);
  } catch (e) {
    if (e instanceof ExcessiveAliasing)
      return fail([], "yaml: document contains excessive aliasing");
    return fail([], `internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function compileInner(source: string, options: CompileOptions): CompileResult {
  if (
    source.length > MAX_INPUT_BYTES ||
    new TextEncoder().encode(source).length > MAX_INPUT_BYTES
  ) {
    return fail([], `input is larger than the limit of ${MAX_INPUT_BYTES} bytes`);
  }
  const read = readYaml(source);
  if (!read.ok) return fail([], `Error unmarshaling yaml: ${read.message}`);
  const root = read.root;

  // A bad merge value fails the first pass when it is at the root (config/config.go).
  let common: ReturnType<typeof decodeStruct>;
  try {
    common = decodeStruct(root, "Config", COMMON_SPEC);
  } catch (e) {
    if (e instanceof BadMergeValue) return fail([], `Error unmarshaling yaml: ${e.message}`);
    throw e;
  }
  if (common.errors.length > 0) {
    return fail(
      [],
      `Error unmarshaling yaml: yaml: unmarshal errors:\n  ${common.errors.join("\n  ")}`,
    );
  }
  const variant = typeof common.value.variant === "string" ? common.value.variant : "";
  const version = typeof common.value.version === "string" ? common.value.version : "";
  if (variant === "") return fail([], "error parsing variant; must be specified");
  if (!SEMVER.test(version)) return fail([], "error parsing version; must be a valid semver");
  const spec =
    variant === "flatcar" ? FLATCAR_VERSIONS.find((s) => s.version === version) : undefined;
  if (spec === undefined)
    return fail([], `No translator exists for variant ${variant} with version ${version}`);

  let decoded: ReturnType<typeof decodeStruct>;
  try {
    decoded = decodeStruct(root, "Config", spec);
  } catch (e) {
    if (e instanceof BadMergeValue) return fail([], e.message);
    throw e;
  }
  if (decoded.errors.length > 0) {
    return fail([], `yaml: unmarshal errors:\n  ${decoded.errors.join("\n  ")}`);
  }
  const cfg: Decoded = decoded.value;
  const index = indexPositions(root);
  const reports: ButaneReport[] = [];
  const place = (f: Finding, yamlPath: PathPart[] | null): void => {
    const r: ButaneReport = {
      level: f.level,
      path: yamlPath === null ? "" : pathString(yamlPath),
      message: f.message,
    };
    if (f.line !== undefined) {
      r.line = f.line;
      r.column = f.column ?? 0;
    } else {
      // Without a path vcontext's Correlate takes the root's position.
      const pos = correlate(index, yamlPath ?? [], f.onKey ?? false);
      if (pos !== undefined) {
        r.line = pos.line;
        r.column = pos.column;
      }
    }
    reports.push(r);
  };
  const fatal = (): boolean => reports.some((r) => r.level === "error");

  for (const f of findUnusedKeys(root, cfg, spec)) place(f, f.path);
  for (const f of validateSource(cfg, spec)) place(f, f.path);
  if (fatal()) return fail(reports, "source config is invalid");

  const t = translate(cfg, spec, { filesDir: options.filesDir });
  for (const f of t.errors) place(f, f.path);
  if (fatal()) return fail(reports, "source config is invalid");

  const fromJson = (f: Finding, translations: Translations): void => {
    place(f, f.path === null ? null : translations.toYaml(f.path));
  };
  for (const f of checkFieldFilters(t.config)) fromJson(f, t.translations);
  if (fatal()) return fail(reports, "source config is invalid");
  for (const f of findDuplicates(t.config, spec.ignitionVersion)) fromJson(f, t.translations);
  for (const f of validateIgnition(t.config, spec.ignitionVersion)) fromJson(f, t.translations);
  if (fatal()) return fail(reports, "config generated was invalid");

  const json = toJson(t.config, "Config", spec.ignitionVersion) as JsonValue;
  const lines = reports.map((r) => formatReport(r) + "\n").join("");
  if (options.strict && reports.length > 0) {
    return {
      exitCode: 1,
      reports,
      stderr: `${lines}Config produced warnings and --strict was specified\n`,
    };
  }
  return {
    exitCode: 0,
    ignition: marshalGo(json, options.pretty ?? false) + "\n",
    reports,
    stderr: lines,
  };
}
