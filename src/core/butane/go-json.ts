/**
 * A JSON writer that escapes as Go's encoding/json does (as vendored by
 * Butane): `<`, `>`, `&`, U+2028 and U+2029 become \u003c etc., control
 * characters other than \n \r \t become \u00XX.
 */
export function goQuoteJson(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s.charAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || ch === "<" || ch === ">" || ch === "&" || c === 0x2028 || c === 0x2029) {
      out += "\\u" + c.toString(16).padStart(4, "0");
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + s.charAt(i + 1);
        i++;
      } else out += "\ufffd";
    } else if (c >= 0xdc00 && c <= 0xdfff) out += "\ufffd";
    else out += ch;
  }
  return out + '"';
}

/** A JSON value whose object keys are already in output order. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Marshals like Go's json.Marshal (compact) or json.MarshalIndent(v, "", "  ") (pretty). */
export function marshalGo(v: JsonValue, pretty: boolean): string {
  const out: string[] = [];
  const write = (x: JsonValue, indent: string): void => {
    if (x === null) out.push("null");
    else if (typeof x === "string") out.push(goQuoteJson(x));
    else if (typeof x === "number") out.push(Number.isFinite(x) ? String(x) : "0");
    else if (typeof x === "boolean") out.push(x ? "true" : "false");
    else if (Array.isArray(x)) container("[", "]", x, indent, (item) => write(item, indent + "  "));
    else {
      container("{", "}", Object.keys(x), indent, (key) => {
        out.push(goQuoteJson(key) + (pretty ? ": " : ":"));
        write(x[key] as JsonValue, indent + "  ");
      });
    }
  };
  /** One array or object: Go writes an empty one on one line, else one entry per line. */
  const container = <T>(
    open: string,
    close: string,
    entries: readonly T[],
    indent: string,
    writeEntry: (entry: T) => void,
  ): void => {
    if (entries.length === 0) {
      out.push(open + close);
      return;
    }
    out.push(open);
    entries.forEach((entry, i) => {
      if (i > 0) out.push(",");
      if (pretty) out.push("\n" + indent + "  ");
      writeEntry(entry);
    });
    if (pretty) out.push("\n" + indent);
    out.push(close);
  };
  write(v, "");
  return out.join("");
}
