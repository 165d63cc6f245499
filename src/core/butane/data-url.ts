import { goGzip } from "./go-gzip.ts";

/** Each byte as the dataurl Go package writes it: RFC 2396 unreserved characters kept, the rest %XX. */
const ESCAPED = Array.from({ length: 256 }, (_, b) => {
  const ch = String.fromCharCode(b);
  return /[A-Za-z0-9\-_.!~*'()]/.test(ch)
    ? ch
    : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
});

/** Percent-encodes bytes as the dataurl Go package does (RFC 2396 unreserved kept). */
export function escapeDataUrl(bytes: Uint8Array): string {
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = ESCAPED[bytes[i] ?? 0] ?? "";
  return parts.join("");
}

export function base64(bytes: Uint8Array): string {
  return btoa(latin1(bytes));
}

export interface DataUrl {
  source: string;
  /** "" or "gzip" when Butane sets the compression field, undefined to leave it alone. */
  compression: string | undefined;
}

/**
 * Butane's rule for inline and local contents: the shortest of a
 * percent-encoded data URL, a base64 one, and (when the user did not set a
 * compression) a gzipped base64 one, which must win by more than the length
 * of the word "gzip".
 */
export function makeDataUrl(contents: Uint8Array, currentCompression: string | undefined): DataUrl {
  // The wizard compiles the same files (CA, kubeadm, CNI units) on every edit: gzip, base64
  // and escaping were a quarter of a render (profiled), so recent answers are kept.
  if (contents.length < memoMinBytes || contents.length > memoMaxBytes)
    return dataUrlOf(contents, currentCompression);
  const key = `${currentCompression ?? "\u0000"}\u0000${latin1(contents)}`;
  const known = memo.get(key);
  if (known) {
    memo.delete(key); // most recently used last
    memo.set(key, known);
    return { ...known };
  }
  const url = dataUrlOf(contents, currentCompression);
  memo.set(key, url);
  if (memo.size > memoEntries) memo.delete(memo.keys().next().value ?? "");
  return { ...url };
}

/** Recent makeDataUrl answers by compression and contents, least recently used first. */
const memo = new Map<string, DataUrl>();
const memoEntries = 128;
/** Small contents cost less to encode than to look up; large ones would hold memory. */
const memoMinBytes = 64;
const memoMaxBytes = 256 * 1024;

/** The bytes as a string, one character each: a Map key. */
function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return text;
}

function dataUrlOf(contents: Uint8Array, currentCompression: string | undefined): DataUrl {
  const userCompressed = currentCompression !== undefined && currentCompression !== "";
  let compression: string | undefined = userCompressed ? undefined : "";
  let opaque = "," + escapeDataUrl(contents);
  const b64 = ";base64," + base64(contents);
  if (b64.length < opaque.length) opaque = b64;
  if (!userCompressed) {
    const gz = ";base64," + base64(goGzip(contents));
    // Butane counts the length of the word "gzip" in the compression field.
    if (gz.length + "gzip".length < opaque.length) {
      opaque = gz;
      compression = "gzip";
    }
  }
  return { source: "data:" + opaque, compression };
}
