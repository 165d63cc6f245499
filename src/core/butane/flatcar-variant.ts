/**
 * The Flatcar variant (upstream's config/flatcar/v1_x): which Butane versions exist, the base
 * schema and Ignition version each writes, and the fields Flatcar filters out. Flatcar 1.2.0
 * would be one more line here, over a base v0_6 table (schema.ts) and an Ignition 3.5.0 layout
 * (ignition-layout.ts).
 */
import type { IgnObject } from "./ignition-layout.ts";
import { isObj, list } from "./json-values.ts";
import { ERR_CLEVIS_UNSUPPORTED } from "./messages.ts";
import { errorAt, type Finding } from "./report.ts";
import { BASE_V0_4, BASE_V0_5, buildSpec, type SpecVersion } from "./schema.ts";

export const FLATCAR_VERSIONS: readonly SpecVersion[] = [
  buildSpec("1.0.0", "3.3.0", "v0_4", "v1_0", BASE_V0_4),
  buildSpec("1.1.0", "3.4.0", "v0_5", "v1_1", BASE_V0_5),
];

/** Flatcar's field filter (config/flatcar/v1_x): clevis is not available on Flatcar. */
export function checkFieldFilters(config: IgnObject): Finding[] {
  const out: Finding[] = [];
  const storage = isObj(config.storage) ? config.storage : {};
  list(storage.luks).forEach((l, i) => {
    if (isObj(l) && isObj(l.clevis) && !isEmpty(l.clevis)) {
      out.push(errorAt(["storage", "luks", i, "clevis"], ERR_CLEVIS_UNSUPPORTED));
    }
  });
  return out;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObj(v)) return Object.values(v).every(isEmpty);
  return false;
}
