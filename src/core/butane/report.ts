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

/** Reports gathered during one compile, before positions are attached. */
export interface PendingReport {
  level: "error" | "warning";
  path: PathPart[] | null;
  /** A key report uses the key's position rather than its value's. */
  onKey?: boolean;
  line?: number;
  column?: number;
  message: string;
}

export class ReportList {
  readonly entries: PendingReport[] = [];
  error(path: PathPart[] | null, message: string): void {
    this.entries.push({ level: "error", path, message });
  }
  warn(path: PathPart[] | null, message: string): void {
    this.entries.push({ level: "warning", path, message });
  }
  get fatal(): boolean {
    return this.entries.some((e) => e.level === "error");
  }
}
