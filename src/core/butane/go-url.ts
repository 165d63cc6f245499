/**
 * Just enough of Go's net/url.Parse to tell whether Ignition accepts a URL
 * and which scheme it has.
 */
export function parseGoUrl(
  raw: string,
): { scheme: string; opaque: string; query: string } | undefined {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return undefined; // invalid control character in URL
  }
  let rest = raw;
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    if (!validEscapes(rest.slice(hash + 1))) return undefined;
    rest = rest.slice(0, hash);
  }
  let scheme = "";
  const m = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(rest);
  if (m) {
    scheme = (m[1] ?? "").toLowerCase();
    rest = rest.slice((m[1] ?? "").length + 1);
  } else if (rest.startsWith(":")) return undefined; // missing protocol scheme
  let query = "";
  const q = rest.indexOf("?");
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (scheme !== "" && !rest.startsWith("/")) {
    return { scheme, opaque: rest, query };
  }
  if (scheme === "" && !rest.startsWith("/")) {
    const colon = rest.indexOf(":");
    const slash = rest.indexOf("/");
    if (colon >= 0 && (slash < 0 || colon < slash)) return undefined; // first path segment contains colon
  }
  if (rest.startsWith("//")) {
    const end = rest.indexOf("/", 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    const path = end < 0 ? "" : rest.slice(end);
    const at = authority.lastIndexOf("@");
    const host = at >= 0 ? authority.slice(at + 1) : authority;
    if (!validHost(host)) return undefined;
    if (!validEscapes(path)) return undefined;
  } else if (!validEscapes(rest)) return undefined;
  return { scheme, opaque: "", query };
}

function validEscapes(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "%") {
      if (!/^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) return false;
      i += 2;
    }
  }
  return true;
}

function validHost(host: string): boolean {
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    if (close < 0) return false;
    const after = host.slice(close + 1);
    return after === "" || /^:[0-9]*$/.test(after);
  }
  const colon = host.lastIndexOf(":");
  if (colon >= 0) {
    const port = host.slice(colon + 1);
    if (!/^[0-9]*$/.test(port)) return false;
    host = host.slice(0, colon);
  }
  if (!validEscapes(host)) return false;
  return !/[ <>"{}|\\^`]/.test(host);
}

/** url.Query()["versionId"] presence and first value. */
export function queryValues(query: string, name: string): string[] | undefined {
  let found: string[] | undefined;
  for (const part of query.split(/[&]/)) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? "" : part.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(k.replace(/\+/g, " "));
      value = decodeURIComponent(v.replace(/\+/g, " "));
    } catch {
      continue;
    }
    if (key === name) (found ??= []).push(value);
  }
  return found;
}
