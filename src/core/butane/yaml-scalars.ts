/**
 * Resolution of YAML scalars as Go's yaml.v3 does it: YAML 1.2 core names
 * for null and booleans, Go's strconv rules for integers (so `0644` is
 * octal, `0x1F` hex, `1_000` allowed), YAML-style floats, timestamps.
 */
export type Resolved =
  | { tag: "!!null" }
  | { tag: "!!bool"; value: boolean }
  | { tag: "!!int"; value: bigint }
  | { tag: "!!float"; value: number }
  | { tag: "!!timestamp" }
  | { tag: "!!str"; value: string };

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUE = new Set(["true", "True", "TRUE"]);
const FALSE = new Set(["false", "False", "FALSE"]);
const SPECIAL_FLOATS: Record<string, number> = {
  ".inf": Infinity,
  ".Inf": Infinity,
  ".INF": Infinity,
  "+.inf": Infinity,
  "+.Inf": Infinity,
  "+.INF": Infinity,
  "-.inf": -Infinity,
  "-.Inf": -Infinity,
  "-.INF": -Infinity,
  ".nan": NaN,
  ".NaN": NaN,
  ".NAN": NaN,
};
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint, without underscores. */
export function parseGoInt(s: string): bigint | undefined {
  let t = s;
  let neg = false;
  if (t.startsWith("+") || t.startsWith("-")) {
    neg = t.startsWith("-");
    t = t.slice(1);
  }
  if (t === "") return undefined;
  let base = 10;
  let digits = t;
  const lower = t.toLowerCase();
  if (lower.startsWith("0x")) {
    base = 16;
    digits = t.slice(2);
  } else if (lower.startsWith("0o")) {
    base = 8;
    digits = t.slice(2);
  } else if (lower.startsWith("0b")) {
    base = 2;
    digits = t.slice(2);
  } else if (t.startsWith("0") && t.length > 1) {
    base = 8;
    digits = t.slice(1);
  }
  if (digits === "") return undefined;
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
  if (valid === undefined || !valid.test(digits)) return undefined;
  if (digits.length > 70) return undefined;
  let v = 0n;
  for (const ch of digits) v = v * BigInt(base) + BigInt(parseInt(ch, 16));
  if (neg) v = -v;
  if (v > UINT64_MAX || v < -(INT64_MAX + 1n)) return undefined;
  return v;
}

export function resolvePlain(text: string): Resolved {
  if (NULLS.has(text)) return { tag: "!!null" };
  if (TRUE.has(text)) return { tag: "!!bool", value: true };
  if (FALSE.has(text)) return { tag: "!!bool", value: false };
  const special = SPECIAL_FLOATS[text];
  if (special !== undefined) return { tag: "!!float", value: special };
  const c = text.charAt(0);
  if (!/[-+.0-9]/.test(c)) return { tag: "!!str", value: text };
  if (/^[0-9]/.test(c) && TIMESTAMP.test(text)) return { tag: "!!timestamp" };
  const plain = text.replace(/_/g, "");
  const i = parseGoInt(plain);
  if (i !== undefined) return { tag: "!!int", value: i };
  if (YAML_FLOAT.test(plain)) {
    const f = Number(plain);
    if (!Number.isNaN(f)) return { tag: "!!float", value: f };
  }
  return { tag: "!!str", value: text };
}

/** Resolves a scalar node: explicit tags win, quoted and block scalars are strings. */
export function resolveScalar(text: string, plain: boolean, tag?: string): Resolved {
  if (tag !== undefined) {
    const short = tag.replace(/^tag:yaml\.org,2002:/, "!!");
    if (short === "!!str") return { tag: "!!str", value: text };
    if (short === "!!int" || short === "!!float" || short === "!!bool" || short === "!!null") {
      const r = resolvePlain(text);
      if (r.tag === short) return r;
      if (short === "!!float" && r.tag === "!!int")
        return { tag: "!!float", value: Number(r.value) };
      return { tag: "!!str", value: text };
    }
    return { tag: "!!str", value: text };
  }
  if (!plain) return { tag: "!!str", value: text };
  return resolvePlain(text);
}
