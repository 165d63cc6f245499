import { makeDataUrl } from "./data-url.ts";
import { cleanPath } from "./go-path.ts";
import type { Decoded, DecodedValue } from "./decode.ts";
import type { IgnObject, IgnValue } from "./ignition-layout.ts";
import {
  ERR_FILE_TYPE,
  ERR_FILES_DIR_ESCAPE,
  ERR_NO_FILES_DIR,
  ERR_NODE_EXISTS,
  ERR_TREE_NOT_DIRECTORY,
  errNoSuchFile,
} from "./messages.ts";
import { errorAt, type Finding, type PathPart } from "./report.ts";
import type { SpecVersion } from "./schema.ts";

/** Access to the files directory (`--files-dir`), for `local` contents and `trees`. */
export interface FilesDirectory {
  /** The bytes of a file, by a slash-separated path relative to the directory; undefined if unreadable. */
  readFile(relativePath: string): Uint8Array | undefined;
  /** What a path is; undefined when it does not exist. Needed for `trees`. */
  stat?(
    relativePath: string,
  ): { kind: "file" | "directory" | "symlink" | "other"; executable: boolean } | undefined;
  /** Entry names of a directory. Needed for `trees`. */
  list?(relativePath: string): string[] | undefined;
  /** Target of a symbolic link. Needed for `trees`. */
  readLink?(relativePath: string): string | undefined;
  /** How the directory is named in messages (Go joins it with the relative path). */
  displayPath?: string;
}

/** Maps JSON paths of the output back to YAML paths of the source. */
export class Translations {
  private readonly rules = new Map<string, { to: PathPart[]; absorb: boolean }>();
  add(json: PathPart[], yaml: PathPart[], absorb = false): void {
    this.rules.set(json.join("\u0000"), { to: yaml, absorb });
  }
  toYaml(json: readonly PathPart[]): PathPart[] {
    for (let n = json.length; n > 0; n--) {
      const rule = this.rules.get(json.slice(0, n).join("\u0000"));
      if (rule !== undefined) {
        return rule.absorb ? rule.to : [...rule.to, ...json.slice(n).map(snake)];
      }
    }
    return json.map(snake);
  }
}

export function snake(p: PathPart): PathPart {
  if (typeof p === "number") return p;
  return p.replace(/(MiB|[A-Z])/g, "_$1").toLowerCase();
}
export function camel(s: string): string {
  let t = s;
  if (t.endsWith("_mib")) t = t.slice(0, -4) + "MiB";
  return t.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/_/g, "");
}

export interface TranslateOptions {
  filesDir: FilesDirectory | undefined;
}

export interface TranslateResult {
  config: IgnObject;
  translations: Translations;
  errors: Finding[];
}

const OMIT = new Set([
  "inline",
  "local",
  "with_mount_unit",
  "trees",
  "contents_local",
  "ssh_authorized_keys_local",
]);

/** Normalises a slash path like Go's path.Clean, and refuses escapes from the files directory. */
/**
 * Butane's files-directory rule (base/util/file.go ReadLocalFile and
 * EnsurePathWithinFilesDir): the directory joined with the local path, cleaned,
 * must stay inside the directory, so `../in/x` in a directory named `in` is
 * allowed. Returns the path relative to the directory, or undefined when it
 * leaves it.
 */
function withinFilesDir(dir: FilesDirectory, local: string): string | undefined {
  const base = cleanPath(dir.displayPath ?? ".");
  const joined = cleanPath(`${base}/${local}`);
  if (joined === base) return "";
  if (base === ".") return joined === ".." || joined.startsWith("../") ? undefined : joined;
  const prefix = base === "/" ? "/" : `${base}/`;
  return joined.startsWith(prefix) ? joined.slice(prefix.length) : undefined;
}

/** How Go names a file of the files directory in an error: the cleaned join. */
function shownPath(dir: FilesDirectory, rel: string): string {
  if (dir.displayPath === undefined) return ["."].concat(rel === "" ? [] : [rel]).join("/");
  return cleanPath(`${dir.displayPath}/${rel}`);
}

export function translate(
  cfg: Decoded,
  spec: SpecVersion,
  options: TranslateOptions,
): TranslateResult {
  const translations = new Translations();
  const errors: Finding[] = [];

  const readLocal = (local: string, at: PathPart[]): Uint8Array | undefined => {
    const dir = options.filesDir;
    if (dir === undefined) {
      errors.push(errorAt(at, ERR_NO_FILES_DIR));
      return undefined;
    }
    const rel = withinFilesDir(dir, local);
    if (rel === undefined) {
      errors.push(errorAt(at, ERR_FILES_DIR_ESCAPE));
      return undefined;
    }
    const bytes = dir.stat?.(rel)?.kind === "directory" ? undefined : dir.readFile(rel);
    if (bytes === undefined) {
      // os.ReadFile opens a directory but fails reading it.
      const message =
        dir.stat?.(rel)?.kind === "directory"
          ? `read ${shownPath(dir, rel)}: is a directory`
          : `open ${shownPath(dir, rel)}: no such file or directory`;
      errors.push(errorAt(at, message));
    }
    return bytes;
  };

  const resource = (from: Decoded, ypath: PathPart[], jpath: PathPart[]): IgnObject => {
    const to = generic(from, "Resource", ypath, jpath);
    const compression = typeof from.compression === "string" ? from.compression : undefined;
    const apply = (bytes: Uint8Array, key: string): void => {
      const url = makeDataUrl(bytes, compression);
      to.source = url.source;
      translations.add([...jpath, "source"], [...ypath, key]);
      if (url.compression !== undefined) {
        to.compression = url.compression;
        translations.add([...jpath, "compression"], [...ypath, key]);
      }
    };
    if (typeof from.local === "string") {
      const bytes = readLocal(from.local, [...ypath, "local"]);
      if (bytes === undefined) return to;
      apply(bytes, "local");
    }
    if (typeof from.inline === "string") apply(new TextEncoder().encode(from.inline), "inline");
    return to;
  };

  const generic = (
    from: Decoded,
    type: string,
    ypath: PathPart[],
    jpath: PathPart[],
  ): IgnObject => {
    const schema = spec.structs[type];
    const to: IgnObject = {};
    if (schema === undefined) return to;
    for (const f of schema.fields) {
      const v = from[f.key];
      if (v === undefined || OMIT.has(f.key)) continue;
      const key = camel(f.key);
      if (f.type.kind === "struct") {
        to[key] = value(v, f.type.name, [...ypath, f.key], [...jpath, key]);
      } else if (f.type.kind === "list" && f.type.elem.kind === "struct" && Array.isArray(v)) {
        const elem = f.type.elem.name;
        to[key] = v.map((item, i) => value(item, elem, [...ypath, f.key, i], [...jpath, key, i]));
      } else {
        to[key] = v as IgnValue;
      }
    }
    return to;
  };

  const value = (
    v: DecodedValue,
    type: string,
    ypath: PathPart[],
    jpath: PathPart[],
  ): IgnObject => {
    const from = typeof v === "object" && !Array.isArray(v) ? v : {};
    if (type === "Resource") return resource(from, ypath, jpath);
    if (type === "Unit" || type === "Dropin") {
      const to = generic(from, type, ypath, jpath);
      if (typeof from.contents_local === "string" && from.contents_local !== "") {
        const bytes = readLocal(from.contents_local, [...ypath, "contents_local"]);
        if (bytes !== undefined) {
          to.contents = new TextDecoder().decode(bytes);
          translations.add([...jpath, "contents"], [...ypath, "contents_local"]);
        }
      }
      return to;
    }
    if (type === "PasswdUser") {
      const to = generic(from, type, ypath, jpath);
      const locals = from.ssh_authorized_keys_local;
      if (Array.isArray(locals) && locals.length > 0) {
        const c = [...ypath, "ssh_authorized_keys_local"];
        if (options.filesDir === undefined) {
          errors.push(errorAt(c, ERR_NO_FILES_DIR));
          return to;
        }
        const keys = Array.isArray(to.sshAuthorizedKeys) ? [...to.sshAuthorizedKeys] : [];
        locals.forEach((local, i) => {
          const bytes = readLocal(String(local), [...c, i]);
          if (bytes === undefined) return;
          for (const line of new TextDecoder().decode(bytes).split(/\r?\n/)) {
            if (line === "") continue;
            translations.add([...jpath, "sshAuthorizedKeys", keys.length], [...c, i]);
            keys.push(line);
          }
        });
        to.sshAuthorizedKeys = keys;
      }
      return to;
    }
    return generic(from, type, ypath, jpath);
  };

  const config = generic(cfg, "Config", [], []);
  delete config.version;
  delete config.variant;
  const ign = (config.ignition as IgnObject | undefined) ?? {};
  ign.version = spec.ignitionVersion;
  config.ignition = ign;
  translations.add(["ignition", "version"], ["version"]);

  addMountUnits(cfg, config, translations);
  processTrees(cfg, config, translations, options, errors);
  return { config, translations, errors };
}

function obj(v: DecodedValue | IgnValue | undefined): Decoded {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Decoded) : {};
}

/** systemd's unit-name path escaping (systemd-escape --path). */
export function escapeUnitPath(p: string): string {
  let s = p.replace(/\/+/g, "/");
  // trim leading/trailing slashes
  s = s.replace(/^\/+/, "").replace(/\/+$/, "");
  if (s === "") return "-";
  const bytes = new TextEncoder().encode(s);
  let out = "";
  bytes.forEach((b, i) => {
    const ch = String.fromCharCode(b);
    if (ch === "/") out += "-";
    else if ((i === 0 && ch === ".") || !/[A-Za-z0-9:_.]/.test(ch) || b >= 0x80) {
      out += "\\x" + b.toString(16).padStart(2, "0");
    } else out += ch;
  });
  return out;
}

function mountUnit(fs: Decoded, remote: boolean): IgnObject {
  const device = typeof fs.device === "string" ? fs.device : "";
  const format = typeof fs.format === "string" ? fs.format : "";
  const path = typeof fs.path === "string" ? fs.path : "";
  const mountOptions = Array.isArray(fs.mount_options) ? fs.mount_options.map(String) : [];
  const swap = format === "swap";
  let opts = "";
  if (mountOptions.length > 0 || remote) {
    opts = "\nOptions=" + mountOptions.join(",");
    if (remote) opts += (mountOptions.length > 0 ? "," : "") + "_netdev";
  }
  const escDevice = escapeUnitPath(device);
  let contents: string;
  if (swap) {
    contents = `# Generated by Butane\n[Swap]\nWhat=${device}${opts}\n\n[Install]\nRequiredBy=swap.target`;
  } else {
    contents =
      `# Generated by Butane\n[Unit]\nRequires=systemd-fsck@${escDevice}.service\nAfter=systemd-fsck@${escDevice}.service\n\n` +
      `[Mount]\nWhere=${path}\nWhat=${device}\nType=${format}${opts}\n\n[Install]\n` +
      (remote ? "RequiredBy=remote-fs.target" : "RequiredBy=local-fs.target");
  }
  const name = swap ? `${escDevice}.swap` : `${escapeUnitPath(path)}.mount`;
  return { contents, enabled: true, name };
}

function addMountUnits(cfg: Decoded, config: IgnObject, translations: Translations): void {
  const storage = obj(cfg.storage);
  const filesystems = Array.isArray(storage.filesystems) ? storage.filesystems : [];
  const generated: { unit: IgnObject; from: PathPart[] }[] = [];
  const luks = Array.isArray(storage.luks) ? storage.luks.map(obj) : [];
  filesystems.forEach((f, i) => {
    const fs = obj(f);
    if (fs.with_mount_unit !== true) return;
    const device = typeof fs.device === "string" ? fs.device : "";
    let remote = false;
    if (device.startsWith("/dev/mapper/") || device.startsWith("/dev/disk/by-id/dm-name-")) {
      for (const l of luks) {
        const name = typeof l.name === "string" ? l.name : "";
        if (device === `/dev/mapper/${name}` || device === `/dev/disk/by-id/dm-name-${name}`) {
          const tang = obj(l.clevis).tang;
          if (Array.isArray(tang) && tang.length > 0) {
            remote = true;
            break;
          }
        }
      }
    }
    generated.push({
      unit: mountUnit(fs, remote),
      from: ["storage", "filesystems", i, "with_mount_unit"],
    });
  });
  if (generated.length === 0) return;
  // Butane merges the rendered units (parent) with the config (child), as Ignition merges configs.
  const systemd = (config.systemd as IgnObject | undefined) ?? {};
  const userUnits = Array.isArray(systemd.units) ? (systemd.units as IgnObject[]) : [];
  const result: IgnObject[] = [];
  generated.forEach((g, i) => {
    result.push(g.unit);
    translations.add(["systemd", "units", i], g.from, true);
  });
  userUnits.forEach((u, j) => {
    const idx = result.findIndex((r) => r.name === u.name);
    if (idx >= 0) {
      const parent = result[idx] ?? {};
      for (const [k, v] of Object.entries(u)) {
        if (v === undefined) continue;
        if (k === "dropins" && Array.isArray(v) && Array.isArray(parent.dropins)) {
          parent.dropins = [...(parent.dropins as IgnValue[]), ...v];
        } else parent[k] = v;
        translations.add(["systemd", "units", idx, k], ["systemd", "units", j, k]);
      }
    } else {
      translations.add(["systemd", "units", result.length], ["systemd", "units", j]);
      result.push(u);
    }
  });
  systemd.units = result;
  config.systemd = systemd;
}

const filled = (value: unknown): boolean => typeof value === "string" && value !== "";

function processTrees(
  cfg: Decoded,
  config: IgnObject,
  translations: Translations,
  options: TranslateOptions,
  errors: Finding[],
): void {
  const trees = obj(cfg.storage).trees;
  if (!Array.isArray(trees) || trees.length === 0) return;
  const storage = (config.storage as IgnObject | undefined) ?? {};
  config.storage = storage;
  const files = Array.isArray(storage.files) ? (storage.files as IgnObject[]) : [];
  const links = Array.isArray(storage.links) ? (storage.links as IgnObject[]) : [];
  const dirs = Array.isArray(storage.directories) ? (storage.directories as IgnObject[]) : [];
  const dir = options.filesDir;
  for (let i = 0; i < trees.length; i++) {
    const tree = obj(trees[i]);
    const ypath: PathPart[] = ["storage", "trees", i];
    if (dir === undefined) {
      errors.push(errorAt(ypath, ERR_NO_FILES_DIR));
      return;
    }
    const base = withinFilesDir(dir, typeof tree.local === "string" ? tree.local : "");
    if (base === undefined) {
      errors.push(errorAt(ypath, ERR_FILES_DIR_ESCAPE));
      continue;
    }
    const st = dir.stat?.(base);
    if (st === undefined) {
      errors.push(errorAt(ypath, errNoSuchFile(shownPath(dir, base))));
      continue;
    }
    if (st.kind !== "directory") {
      errors.push(errorAt(ypath, ERR_TREE_NOT_DIRECTORY));
      continue;
    }
    const dest = typeof tree.path === "string" && tree.path !== "" ? tree.path : "/";
    /**
     * The node a tree entry writes at `path` in `own`: the config's own when it has nothing
     * there yet, a new one (mapped back to the tree) when no other kind of node holds the path;
     * otherwise undefined, and the tree's error.
     */
    const claim = (
      path: string,
      own: IgnObject[],
      kind: "files" | "links",
      isFilled: (node: IgnObject) => boolean,
      others: IgnObject[][],
    ): IgnObject | undefined => {
      const existing = own.find((node) => node.path === path);
      if (
        existing !== undefined
          ? isFilled(existing)
          : others.some((nodes) => nodes.some((node) => node.path === path))
      ) {
        errors.push(errorAt(ypath, ERR_NODE_EXISTS));
        return undefined;
      }
      if (existing !== undefined) return existing;
      const created: IgnObject = { path };
      translations.add(["storage", kind, own.push(created) - 1], ypath, true);
      return created;
    };
    const walk = (rel: string, depth: number): void => {
      if (depth > 64) return;
      const names = [...(dir.list?.(rel === "" ? base : `${base}/${rel}`) ?? [])].sort();
      for (const name of names) {
        const r = rel === "" ? name : `${rel}/${name}`;
        const full = base === "" ? r : `${base}/${r}`;
        const info = dir.stat?.(full);
        const destPath = joinSlash(dest, r);
        if (info === undefined) continue;
        if (info.kind === "directory") walk(r, depth + 1);
        else if (info.kind === "file") {
          // Existing contents: util.NotEmpty(file.Contents.Source) in base/v0_5/translate.go.
          const file = claim(destPath, files, "files", (f) => filled(obj(f.contents).source), [
            links,
            dirs,
          ]);
          if (file === undefined) continue;
          const bytes = dir.readFile(full);
          if (bytes === undefined) continue;
          const contents = (file.contents as IgnObject | undefined) ?? {};
          const comp = typeof contents.compression === "string" ? contents.compression : undefined;
          const url = makeDataUrl(bytes, comp);
          contents.source = url.source;
          if (url.compression !== undefined) contents.compression = url.compression;
          file.contents = contents;
          if (file.mode === undefined) file.mode = info.executable ? 0o755 : 0o644;
        } else if (info.kind === "symlink") {
          const link = claim(destPath, links, "links", (l) => filled(l.target), [files, dirs]);
          if (link === undefined) continue;
          link.target = dir.readLink?.(full) ?? "";
        } else {
          errors.push(errorAt(ypath, ERR_FILE_TYPE));
        }
      }
    };
    walk("", 0);
  }
  if (files.length > 0) storage.files = files;
  if (links.length > 0) storage.links = links;
}

function joinSlash(a: string, b: string): string {
  const parts: string[] = [];
  for (const seg of `${a}/${b}`.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return "/" + parts.join("/");
}
