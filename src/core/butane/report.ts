/** One warning or error, in Butane's terms: a YAML path, a position, a message. */
export interface ButaneReport {
  level: "error" | "warning";
  /** "$.storage.files.0.path", or "" when the message has no path. */
  path: string;
  line?: number;
  column?: number;
  message: string;
}

/** Formats a report the way Butane prints it: "error at $.x, line 5 col 13: msg". */
export function formatReport(r: ButaneReport): string {
  let at = "";
  if (r.path !== "") at = ` at ${r.path}`;
  if (r.line !== undefined) {
    at += `${at === "" ? " at" : ","} line ${r.line} col ${r.column ?? 0}`;
  }
  return `${r.level}${at}: ${r.message}`;
}

/** A path inside the YAML (or JSON) tree: keys and list indexes. */
export type PathPart = string | number;

export function pathString(parts: readonly PathPart[]): string {
  return ["$", ...parts.map(String)].join(".");
}

/**
 * What a check found, before compile places it in the YAML: the one shape every rule reports
 * in. `path` is in the tree the rule read (the Butane source, or the Ignition JSON that compile
 * maps back), null when the message has no place; a key's report marks the key, not its value.
 */
export interface Finding {
  level: "error" | "warning";
  path: PathPart[] | null;
  onKey?: boolean;
  line?: number;
  column?: number;
  message: string;
}

export const errorAt = (path: PathPart[] | null, message: string): Finding => ({
  level: "error",
  path,
  message,
});

export const warningAt = (path: PathPart[] | null, message: string): Finding => ({
  level: "warning",
  path,
  message,
});
