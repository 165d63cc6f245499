import { goDeflate } from "./go-deflate.ts";

const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

/** CRC-32 (IEEE), as the gzip trailer carries it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The gzip member Go's compress/gzip writes with NewWriterLevel(w,
 * BestCompression) and no header fields set (src/compress/gzip/gzip.go): no
 * name, comment or mtime, XFL 2 for best compression, OS 255 (unknown), then
 * Go's deflate stream, CRC-32 and length, little-endian. Butane gzips inline
 * contents this way (coreos/butane base/util/url.go).
 */
export function goGzip(input: Uint8Array): Uint8Array {
  const body = goDeflate(input);
  const out = new Uint8Array(10 + body.length + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
  out.set(body, 10);
  const view = new DataView(out.buffer);
  view.setUint32(10 + body.length, crc32(input), true);
  view.setUint32(14 + body.length, input.length >>> 0, true);
  return out;
}
