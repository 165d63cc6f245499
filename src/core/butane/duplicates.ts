/**
 * Ignition's duplicate check (config/validate/validate.go ValidateDups): in every keyed list,
 * and across lists that share keys, no key twice. Which lists, their keys and groups all come
 * from the Ignition layout table (keyedLists), walked in Go's order (walkStructs).
 */
import { keyedLists, walkStructs, type IgnObject } from "./ignition-layout.ts";
import { ERR_DUPLICATE } from "./messages.ts";
import { errorAt, type Finding } from "./report.ts";

export function findDuplicates(config: IgnObject, ignitionVersion: string): Finding[] {
  const out: Finding[] = [];
  walkStructs(ignitionVersion, config, (type, o, path) => {
    const seen = new Map<string, Set<string>>();
    for (const { field, group, key } of keyedLists(ignitionVersion, type)) {
      const keys = seen.get(group) ?? new Set<string>();
      seen.set(group, keys);
      const items = o[field];
      if (!Array.isArray(items)) continue;
      items.forEach((item, i) => {
        const k = key(item);
        if (keys.has(k)) out.push(errorAt([...path, field, i], ERR_DUPLICATE));
        keys.add(k);
      });
    }
  });
  return out;
}
