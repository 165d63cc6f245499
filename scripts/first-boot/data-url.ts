/** Reads an RFC 2397 data URL (data:[<media type>][;base64],<data>) back into its bytes. */
export function decodeDataUrl(url: string): Buffer {
  if (!url.startsWith("data:")) throw new Error(`not a data URL: ${url.slice(0, 40)}`);
  const comma = url.indexOf(",");
  if (comma < 0) throw new Error(`data URL without a comma: ${url.slice(0, 40)}`);
  const header = url.slice("data:".length, comma);
  const data = url.slice(comma + 1);
  if (header.split(";").includes("base64")) return Buffer.from(decodeURIComponent(data), "base64");
  return Buffer.from(
    data.replace(/%([0-9A-Fa-f]{2})|[^%]+/g, (match, hex: string | undefined) =>
      hex === undefined
        ? Buffer.from(match, "utf8").toString("latin1")
        : String.fromCharCode(parseInt(hex, 16)),
    ),
    "latin1",
  );
}
