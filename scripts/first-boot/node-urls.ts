/**
 * Every http(s) URL a compiled node refers to: the remote sources Ignition fetches, and the URLs
 * inside what it writes (files' contents, gzipped or not, units and drop-ins), so a download a
 * unit or a transfer file makes later is seen as well as Ignition's own.
 */
import { gunzipSync } from "node:zlib";
import { decodeDataUrl } from "./data-url.ts";
import { isObject, listAt, stringAt, type JsonObject } from "./ignition-json.ts";

export interface NodeText {
  /** Where it lands on the node (a file's path, a unit's name). */
  at: string;
  text: string;
}

/** Each file's path, contents source and compression. */
function fileSources(config: JsonObject) {
  return listAt(config, "storage", "files").map((file) => {
    const contents = isObject(file.contents) ? file.contents : {};
    return {
      path: stringAt(file, "path") ?? "",
      source: stringAt(contents, "source"),
      gzip: contents.compression === "gzip",
    };
  });
}

/** The texts a config writes: each file's contents, each unit and drop-in. */
export function writtenTexts(config: JsonObject): NodeText[] {
  const texts: NodeText[] = [];
  for (const file of fileSources(config)) {
    if (!file.source?.startsWith("data:")) continue;
    const bytes = decodeDataUrl(file.source);
    const plain = file.gzip ? gunzipSync(bytes) : bytes;
    texts.push({ at: file.path, text: plain.toString("utf8") });
  }
  for (const unit of listAt(config, "systemd", "units")) {
    const name = stringAt(unit, "name") ?? "";
    const contents = stringAt(unit, "contents");
    if (contents) texts.push({ at: name, text: contents });
    const dropins = Array.isArray(unit.dropins) ? unit.dropins.filter(isObject) : [];
    for (const dropin of dropins) {
      const text = stringAt(dropin, "contents");
      if (text) texts.push({ at: `${name}.d/${stringAt(dropin, "name") ?? ""}`, text });
    }
  }
  return texts;
}

export interface NodeUrl {
  url: string;
  /** "source" for what Ignition fetches, else the file or unit whose text names it. */
  at: string;
}

/** The http(s) URLs the config fetches or names. */
export function nodeUrls(config: JsonObject): NodeUrl[] {
  const urls: NodeUrl[] = [];
  for (const { source } of fileSources(config)) {
    if (source && /^https?:\/\//.test(source)) urls.push({ url: source, at: "source" });
  }
  for (const { at, text } of writtenTexts(config)) {
    for (const match of text.matchAll(/https?:\/\/[^\s'"<>\\]+/g)) urls.push({ url: match[0], at });
  }
  return urls;
}
