/** The parts of an Ignition 3.x config the first-boot simulation reads, as plain JSON. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The list at config[section][key], or [] when absent. */
export function listAt(config: JsonObject, section: string, key: string): JsonObject[] {
  const part = config[section];
  if (!isObject(part)) return [];
  const list = part[key];
  return Array.isArray(list) ? list.filter(isObject) : [];
}

export function stringAt(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === "string" ? value : undefined;
}

/** A file of the config whose source ends in `/<name>`: its source and the hash Ignition checks. */
export function imageFileEntry(config: JsonObject, name: string): { source: string; hash: string } {
  for (const file of listAt(config, "storage", "files")) {
    const contents = file.contents;
    if (!isObject(contents)) continue;
    const source = stringAt(contents, "source") ?? "";
    if (!source.endsWith(`/${name}`)) continue;
    const verification = contents.verification;
    return {
      source,
      hash: isObject(verification) ? (stringAt(verification, "hash") ?? "") : "",
    };
  }
  return { source: "", hash: "" };
}
