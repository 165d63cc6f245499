import { gzipSync } from "fflate";

const UNRESERVED = /[A-Za-z0-9\-_.!~*'()]/;

/** Percent-encodes bytes as the dataurl Go package does (RFC 2396 unreserved kept). */
export function escapeDataUrl(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    out +=
      b < 0x80 && UNRESERVED.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

export function base64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** Gzip at best compression with a header like Go's compress/gzip (no mtime, OS unknown). */
export function gzipLikeGo(bytes: Uint8Array): Uint8Array {
  const gz = gzipSync(bytes, { level: 9, mtime: 0 });
  gz[8] = 2;
  gz[9] = 0xff;
  return gz;
}

/** Bytes Go's compress/flate adds after the data: its closing empty stored block. */
export const GO_DEFLATE_EXTRA = 5;

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
  const userCompressed = currentCompression !== undefined && currentCompression !== "";
  let compression: string | undefined = userCompressed ? undefined : "";
  let opaque = "," + escapeDataUrl(contents);
  const b64 = ";base64," + base64(contents);
  if (b64.length < opaque.length) opaque = b64;
  if (!userCompressed) {
    const bytes = gzipLikeGo(contents);
    const gz = ";base64," + base64(bytes);
    // Go's deflate ends with an empty stored block that fflate does not write:
    // judge the length Go's stream would have.
    const goLength = ";base64,".length + Math.ceil((bytes.length + GO_DEFLATE_EXTRA) / 3) * 4;
    if (goLength + 4 < opaque.length) {
      opaque = gz;
      compression = "gzip";
    }
  }
  return { source: "data:" + opaque, compression };
}
