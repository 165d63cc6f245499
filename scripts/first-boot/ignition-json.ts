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
