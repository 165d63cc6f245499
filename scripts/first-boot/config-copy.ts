/**
 * The copy of a node's config that Debian's Ignition applies. CI cannot reach the internet, so
 * every remote `source` is served from a local HTTP server instead; the copy differs from the
 * original only in those URLs, the `verification.hash` beside them, and (debianSpecVersion) the
 * name of spec 3.4.0 — and `unexpectedChanges` proves it.
 */
import { createHash } from "node:crypto";
import { isObject, type Json, type JsonObject } from "./ignition-json.ts";

/** data: URLs are inline contents; any other scheme (http, https, s3, tftp, gs, arn) is fetched. */
export function isRemoteSource(source: string): boolean {
  return !source.startsWith("data:");
}

export interface RemoteSource {
  url: string;
  /** The config says the bytes at the URL are gzip-compressed. */
  gzip: boolean;
}

/** Every remote source in the config, in document order, each once. */
export function remoteSources(config: Json): RemoteSource[] {
  const found: RemoteSource[] = [];
  const visit = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      const url = value.source;
      if (typeof url === "string" && isRemoteSource(url) && !found.some((s) => s.url === url))
        found.push({ url, gzip: value.compression === "gzip" });
      Object.values(value).forEach(visit);
    }
  };
  visit(config);
  return found;
}

/** Stand-ins are served only from this machine. */
export const localServerPrefix = "http://127.0.0.1:";

export interface StandIn {
  /** Where the local server serves it. */
  url: string;
  /** The bytes served (already compressed when the config says the source is). */
  bytes: Buffer;
}

export function sha512Hash(bytes: Buffer): string {
  return `sha512-${createHash("sha512").update(bytes).digest("hex")}`;
}

/**
 * Debian's Ignition (2.14) knows spec 3.4.0 only by its pre-release name "3.4.0-experimental",
 * which Butane 1.1.0's output (3.4.0, stable since Ignition 2.15) must be given under. The two
 * differ only in LUKS fields (discard, openOptions, tang advertisement: compare
 * config/v3_4_experimental/schema/ignition.json at v2.14.0 with config/v3_4 at v2.15.0), which
 * no generated node uses; a config that did would be refused, not misread.
 */
export const debianSpecVersion: Readonly<Record<string, string>> = {
  "3.4.0": "3.4.0-experimental",
};

/**
 * A copy of the config whose remote sources point at their stand-ins, with matching hashes, in
 * a spec version Debian's Ignition reads.
 */
export function withStandIns(config: Json, standIns: ReadonlyMap<string, StandIn>): Json {
  const rewrite = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!isObject(value)) return value;
    const copy: JsonObject = {};
    for (const [key, child] of Object.entries(value)) copy[key] = rewrite(child);
    const standIn = typeof value.source === "string" ? standIns.get(value.source) : undefined;
    if (standIn) {
      copy.source = standIn.url;
      const verification = copy.verification;
      if (isObject(verification) && typeof verification.hash === "string")
        copy.verification = { ...verification, hash: sha512Hash(standIn.bytes) };
    }
    return copy;
  };
  const copy = rewrite(config);
  if (isObject(copy) && isObject(copy.ignition) && typeof copy.ignition.version === "string") {
    const version = debianSpecVersion[copy.ignition.version];
    if (version) copy.ignition = { ...copy.ignition, version };
  }
  return copy;
}

/**
 * Paths (a.b[2].c) where the copy differs from the original, other than a remote source's URL,
 * the verification hash beside it and the spec version's Debian name.
 */
export function unexpectedChanges(original: Json, copy: Json, at = ""): string[] {
  if (
    at === "ignition.version" &&
    typeof original === "string" &&
    debianSpecVersion[original] === copy
  )
    return [];
  if (Array.isArray(original) || Array.isArray(copy)) {
    if (!Array.isArray(original) || !Array.isArray(copy) || original.length !== copy.length)
      return [at || "(root)"];
    return original.flatMap((item, index) =>
      unexpectedChanges(item, copy[index] ?? null, `${at}[${index}]`),
    );
  }
  if (isObject(original) && isObject(copy)) {
    const remote = typeof original.source === "string" && isRemoteSource(original.source);
    const keys = new Set([...Object.keys(original), ...Object.keys(copy)]);
    return [...keys].flatMap((key) => {
      const path = at ? `${at}.${key}` : key;
      if (!(key in original) || !(key in copy)) return [path];
      const before = original[key] as Json;
      const after = copy[key] as Json;
      if (remote && key === "source")
        return after === before ||
          (typeof after === "string" && after.startsWith(localServerPrefix))
          ? []
          : [path];
      if (remote && key === "verification" && isObject(before) && isObject(after)) {
        return unexpectedChanges(withoutHash(before), withoutHash(after), path);
      }
      return unexpectedChanges(before, after, path);
    });
  }
  return original === copy ? [] : [at || "(root)"];
}

function withoutHash(verification: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(verification).filter(([key]) => key !== "hash"));
}
