/**
 * The syntax error Go's encoding/json reports for a document (json.Unmarshal
 * checks the whole input first), as Ignition's parser returns it for a child
 * config. Written from a reading of Go's src/encoding/json/scanner.go: a
 * byte-at-a-time state machine whose errors read "invalid character C
 * <context>", or "unexpected end of JSON input".
 */

/** Go's quoteChar: the byte as a rune in single quotes, escaped as strconv.Quote does. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  const named: Record<number, string> = {
    0x07: "\\a",
    0x08: "\\b",
    0x0c: "\\f",
    0x0a: "\\n",
    0x0d: "\\r",
    0x09: "\\t",
    0x0b: "\\v",
    0x5c: "\\\\",
  };
  const n = named[c];
  if (n !== undefined) return `'${n}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, "0")}'`;
  // A byte above 0x7f is shown as the rune of that number (Latin-1).
  if ((c >= 0x80 && c <= 0xa0) || c === 0xad) return `'\\u${c.toString(16).padStart(4, "0")}'`;
  return `'${String.fromCharCode(c)}'`;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean =>
  isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

class JsonSyntax extends Error {}

/** Go's message for the first syntax error of `text`, or undefined when it is valid JSON. */
export function goJsonSyntaxError(text: string): string | undefined {
  const b = new TextEncoder().encode(text);
  let i = 0;
  const fail = (context: string): never => {
    throw new JsonSyntax(`invalid character ${quoteChar(b[i] ?? 0)} ${context}`);
  };
  const eof = (): boolean => i >= b.length;
  const need = (): number => {
    if (eof()) throw new JsonSyntax("unexpected end of JSON input");
    return b[i] ?? 0;
  };
  const skipSpace = (): void => {
    while (!eof() && isSpace(b[i] ?? 0)) i++;
  };
  const literal = (word: string): void => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (need() !== word.charCodeAt(k)) fail(`in literal ${word} (expecting '${word[k]}')`);
    }
    i++;
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      const c = need();
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        i++;
        const e = need();
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!isHex(need())) fail("in \\u hexadecimal character escape");
          }
        } else if (!'bfnrt\\/"'.includes(String.fromCharCode(e))) {
          fail("in string escape code");
        }
        i++;
        continue;
      }
      if (c < 0x20) fail("in string literal");
      i++;
    }
  };
  /** After a member or element: "," means another follows (true), `close` ends the value. */
  const separatorOrEnd = (close: number, context: string): boolean => {
    skipSpace();
    const d = need();
    if (d !== 0x2c && d !== close) fail(context);
    i++;
    return d === 0x2c;
  };
  const number = (): void => {
    if (need() === 0x2d) {
      i++;
      if (!isDigit(need())) fail("in numeric literal");
    }
    if (need() === 0x30) i++;
    else while (!eof() && isDigit(b[i] ?? 0)) i++;
    if (!eof() && b[i] === 0x2e) {
      i++;
      if (!isDigit(need())) fail("after decimal point in numeric literal");
      while (!eof() && isDigit(b[i] ?? 0)) i++;
    }
    if (!eof() && (b[i] === 0x65 || b[i] === 0x45)) {
      i++;
      if (need() === 0x2b || need() === 0x2d) i++;
      if (!isDigit(need())) fail("in exponent of numeric literal");
      while (!eof() && isDigit(b[i] ?? 0)) i++;
    }
  };
  const value = (depth: number): void => {
    skipSpace();
    const c = need();
    // Go's scanner refuses the 10001st open bracket (maxNestingDepth).
    if ((c === 0x7b || c === 0x5b) && depth + 1 > 10000) fail("exceeded max depth");
    if (c === 0x7b) {
      i++;
      skipSpace();
      if (need() === 0x7d) {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (need() !== 0x22) fail("looking for beginning of object key string");
        string();
        skipSpace();
        if (need() !== 0x3a) fail("after object key");
        i++;
        value(depth + 1);
        if (!separatorOrEnd(0x7d, "after object key:value pair")) return;
      }
    }
    if (c === 0x5b) {
      i++;
      skipSpace();
      if (need() === 0x5d) {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        if (!separatorOrEnd(0x5d, "after array element")) return;
      }
    }
    if (c === 0x22) return string();
    if (c === 0x2d || isDigit(c)) return number();
    if (c === 0x74) return literal("true");
    if (c === 0x66) return literal("false");
    if (c === 0x6e) return literal("null");
    fail("looking for beginning of value");
  };
  try {
    value(0);
    skipSpace();
    if (!eof()) fail("after top-level value");
    return undefined;
  } catch (e) {
    if (e instanceof JsonSyntax) return e.message;
    throw e;
  }
}
