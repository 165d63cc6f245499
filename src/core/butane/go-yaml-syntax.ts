/**
 * The syntax errors of Go's gopkg.in/yaml.v3 (v3.0.1, the YAML library of
 * Butane v0.25.1), with its wording and line numbers. yaml.v3 is a port of
 * libyaml; its scanner (scannerc.go) turns characters into tokens, keeping
 * a queue of tokens ahead and "simple key" candidates, and its parser
 * (parserc.go) turns tokens into events. yaml.Unmarshal pulls events only up
 * to the end of the first document (decode.go), so anything after it is never
 * looked at, and an error is reported as the first one met in that order.
 *
 * This is a TypeScript reimplementation of that scanning and parsing, written
 * from a reading of those files, which keeps only what decides whether and
 * where the input is refused: no values, no comments. The message is built as
 * yaml.go's parser.fail does: the line of the error's context mark, or else
 * of its problem mark (both 0-based; scanner errors add one).
 */

interface Mark {
  index: number;
  line: number;
  column: number;
}

const enum T {
  StreamStart,
  StreamEnd,
  VersionDirective,
  TagDirective,
  DocumentStart,
  DocumentEnd,
  BlockSequenceStart,
  BlockMappingStart,
  BlockEnd,
  FlowSequenceStart,
  FlowSequenceEnd,
  FlowMappingStart,
  FlowMappingEnd,
  BlockEntry,
  FlowEntry,
  Key,
  Value,
  Alias,
  Anchor,
  Tag,
  Scalar,
}

interface Token {
  type: T;
  start: Mark;
  end: Mark;
  /** Tag handle for Tag tokens, handle for TagDirective tokens. */
  handle?: string;
  plain?: boolean;
  major?: number;
  minor?: number;
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

/** A refusal: thrown inside, turned into the message by goYamlSyntaxError. */
class YamlFailure extends Error {
  constructor(
    readonly kind: "scanner" | "parser",
    readonly problem: string,
    readonly problemMark: Mark,
    readonly contextMark: Mark | undefined,
  ) {
    super(problem);
  }
}

const MAX_DEPTH = 10000;

const isBreakCode = (c: number): boolean =>
  c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlankCode = (c: number): boolean => c === 0x20 || c === 0x09;
const isAlphaCode = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x61 && c <= 0x7a) ||
  c === 0x5f ||
  c === 0x2d;
const isHexCode = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const hexValue = (c: number): number =>
  c <= 0x39 ? c - 0x30 : c <= 0x46 ? c - 0x41 + 10 : c - 0x61 + 10;

const ch = (s: string): number => s.charCodeAt(0);
const TAG_URI_CHARS = new Set(Array.from(";/?:@&=+$,.!~*'()[]%", ch));
const ANCHOR_END_CHARS = new Set(Array.from("?:,]}%@`", ch));
const PLAIN_START_EXCLUDED = new Set(Array.from("-?:,[]{}#&*!|>'\"%@`", ch));
const ESCAPES: Record<number, number> = {};
for (const c of "0abt\tnvfre \"'\\N_LP") ESCAPES[ch(c)] = 0;
ESCAPES[ch("x")] = 2;
ESCAPES[ch("u")] = 4;
ESCAPES[ch("U")] = 8;

class Scanner {
  private readonly buf: Int32Array;
  private pos = 0;
  private mark: Mark = { index: 0, line: 0, column: 0 };
  /** Line breaks since the last non-blank character (yaml.v3's parser.newlines). */
  private newlines = 0;
  private streamStartProduced = false;
  private streamEndProduced = false;
  private readonly tokens: Token[] = [];
  private head = 0;
  tokensParsed = 0;
  private tokenAvailable = false;
  private indent = -1;
  private readonly indents: number[] = [];
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  private readonly simpleKeysByToken = new Map<number, number>();
  private flowLevel = 0;

  constructor(text: string) {
    // Code points, as the reader decodes them; marks count characters.
    const buf = new Int32Array(text.length + 9);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        buf[n++] = ((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
        i++;
      } else buf[n++] = c;
    }
    // The reader drops a leading byte order mark without counting it.
    const start = buf[0] === 0xfeff ? 1 : 0;
    // yaml.v3 parses an empty input as a single line break.
    if (n === start) buf[n++] = 0x0a;
    this.buf = buf.subarray(start);
  }

  private at(k = 0): number {
    return this.buf[this.pos + k] ?? 0;
  }
  private is(s: string, k = 0): boolean {
    return this.at(k) === s.charCodeAt(0);
  }
  private isZ(k = 0): boolean {
    return this.at(k) === 0;
  }
  private isBreak(k = 0): boolean {
    return isBreakCode(this.at(k));
  }
  private isBreakZ(k = 0): boolean {
    return this.isBreak(k) || this.isZ(k);
  }
  private isBlank(k = 0): boolean {
    return isBlankCode(this.at(k));
  }
  private isBlankZ(k = 0): boolean {
    return this.isBlank(k) || this.isBreakZ(k);
  }
  private copyMark(): Mark {
    return { ...this.mark };
  }

  private skip(): void {
    if (!this.isBlank()) this.newlines = 0;
    this.mark.index++;
    this.mark.column++;
    this.pos++;
  }
  private skipLine(): void {
    if (this.is("\r") && this.is("\n", 1)) {
      this.mark.index += 2;
      this.pos += 2;
    } else if (this.isBreak()) {
      this.mark.index++;
      this.pos++;
    } else return;
    this.mark.column = 0;
    this.mark.line++;
    this.newlines++;
  }

  private scannerError(contextMark: Mark | undefined, problem: string): never {
    throw new YamlFailure("scanner", problem, this.copyMark(), contextMark);
  }

  // ------------------------------------------------------------ token queue

  peekToken(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    const t = this.tokens[this.head];
    if (t === undefined) throw new Error("token queue empty");
    return t;
  }

  skipToken(): void {
    const t = this.tokens[this.head];
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = t?.type === T.StreamEnd;
    this.head++;
  }

  get streamEnded(): boolean {
    return this.streamEndProduced;
  }

  private insertToken(pos: number, token: Token): void {
    if (pos < 0) this.tokens.push(token);
    else this.tokens.splice(this.head + pos, 0, token);
  }

  /** yaml.v3 keeps two tokens beyond the head, and more while the head may start a simple key. */
  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head < this.tokens.length - 2) {
        const idx = this.simpleKeysByToken.get(this.tokensParsed);
        if (idx === undefined) break;
        const key = this.simpleKeys[idx];
        if (key === undefined || !this.simpleKeyIsValid(key)) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.mark.line || key.mark.index + 1024 < this.mark.index) {
      if (key.required) this.scannerError(key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = {
      possible: true,
      required,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.head),
      mark: this.copyMark(),
    };
    this.removeSimpleKey();
    const last = this.simpleKeys.length - 1;
    this.simpleKeys[last] = key;
    this.simpleKeysByToken.set(key.tokenNumber, last);
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key?.possible) {
      if (key.required) this.scannerError(key.mark, "could not find expected ':'");
      key.possible = false;
      this.simpleKeysByToken.delete(key.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.head),
      mark: this.copyMark(),
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_DEPTH) {
      this.scannerError(
        this.simpleKeys[this.simpleKeys.length - 1]?.mark,
        `exceeded max depth of ${MAX_DEPTH}`,
      );
    }
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const key = this.simpleKeys.pop();
      if (key !== undefined) this.simpleKeysByToken.delete(key.tokenNumber);
    }
  }

  private rollIndent(column: number, number: number, type: T, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_DEPTH) {
        this.scannerError(
          this.simpleKeys[this.simpleKeys.length - 1]?.mark,
          `exceeded max depth of ${MAX_DEPTH}`,
        );
      }
      this.insertToken(number > -1 ? number - this.tokensParsed : -1, {
        type,
        start: mark,
        end: mark,
      });
    }
  }

  private unrollIndent(column: number, scanMark: Mark): void {
    if (this.flowLevel > 0) return;
    const blockMark = { ...scanMark, index: scanMark.index - 1 };
    while (this.indent > column) {
      this.insertToken(-1, { type: T.BlockEnd, start: blockMark, end: blockMark });
      this.indent = this.indents.pop() ?? -1;
    }
  }

  private simple(type: T): void {
    const start = this.copyMark();
    this.skip();
    this.insertToken(-1, { type, start, end: this.copyMark() });
  }

  // ------------------------------------------------------------ fetching

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.indent = -1;
      this.simpleKeys.push({
        possible: false,
        required: false,
        tokenNumber: 0,
        mark: this.copyMark(),
      });
      this.simpleKeyAllowed = true;
      this.streamStartProduced = true;
      const m = this.copyMark();
      this.insertToken(-1, { type: T.StreamStart, start: m, end: m });
      return;
    }
    const scanMark = this.copyMark();
    this.scanToNextToken();
    this.unrollIndent(this.mark.column, scanMark);

    if (this.isZ()) {
      if (this.mark.column !== 0) {
        this.mark.column = 0;
        this.mark.line++;
      }
      this.unrollIndent(-1, this.mark);
      this.removeSimpleKey();
      this.simpleKeyAllowed = false;
      const m = this.copyMark();
      this.insertToken(-1, { type: T.StreamEnd, start: m, end: m });
      return;
    }
    if (this.mark.column === 0 && this.is("%")) {
      this.unrollIndent(-1, this.mark);
      this.removeSimpleKey();
      this.simpleKeyAllowed = false;
      this.insertToken(-1, this.scanDirective());
      return;
    }
    if (this.mark.column === 0 && this.isBlankZ(3)) {
      const dashes = this.is("-") && this.is("-", 1) && this.is("-", 2);
      const dots = this.is(".") && this.is(".", 1) && this.is(".", 2);
      if (dashes || dots) {
        this.unrollIndent(-1, this.mark);
        this.removeSimpleKey();
        this.simpleKeyAllowed = false;
        const start = this.copyMark();
        this.skip();
        this.skip();
        this.skip();
        this.insertToken(-1, {
          type: dashes ? T.DocumentStart : T.DocumentEnd,
          start,
          end: this.copyMark(),
        });
        return;
      }
    }
    this.fetchContentToken();
    const last = this.tokens[this.tokens.length - 1];
    if (last?.type !== T.BlockEntry) this.skipLineComment();
  }

  private fetchContentToken(): void {
    const c = this.at();
    if (this.is("[") || this.is("{")) {
      this.saveSimpleKey();
      this.increaseFlowLevel();
      this.simpleKeyAllowed = true;
      this.simple(this.is("[") ? T.FlowSequenceStart : T.FlowMappingStart);
      return;
    }
    if (this.is("]") || this.is("}")) {
      this.removeSimpleKey();
      this.decreaseFlowLevel();
      this.simpleKeyAllowed = false;
      this.simple(this.is("]") ? T.FlowSequenceEnd : T.FlowMappingEnd);
      return;
    }
    if (this.is(",")) {
      this.removeSimpleKey();
      this.simpleKeyAllowed = true;
      this.simple(T.FlowEntry);
      return;
    }
    if (this.is("-") && this.isBlankZ(1)) {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) {
          this.scannerError(
            this.copyMark(),
            "block sequence entries are not allowed in this context",
          );
        }
        this.rollIndent(this.mark.column, -1, T.BlockSequenceStart, this.copyMark());
      }
      this.removeSimpleKey();
      this.simpleKeyAllowed = true;
      this.simple(T.BlockEntry);
      return;
    }
    if (this.is("?") && (this.flowLevel > 0 || this.isBlankZ(1))) {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) {
          this.scannerError(this.copyMark(), "mapping keys are not allowed in this context");
        }
        this.rollIndent(this.mark.column, -1, T.BlockMappingStart, this.copyMark());
      }
      this.removeSimpleKey();
      this.simpleKeyAllowed = this.flowLevel === 0;
      this.simple(T.Key);
      return;
    }
    if (this.is(":") && (this.flowLevel > 0 || this.isBlankZ(1))) {
      this.fetchValue();
      return;
    }
    if (this.is("*") || this.is("&")) {
      this.saveSimpleKey();
      this.simpleKeyAllowed = false;
      this.scanAnchor(this.is("*") ? T.Alias : T.Anchor);
      return;
    }
    if (this.is("!")) {
      this.saveSimpleKey();
      this.simpleKeyAllowed = false;
      this.scanTag();
      return;
    }
    if ((this.is("|") || this.is(">")) && this.flowLevel === 0) {
      this.removeSimpleKey();
      this.simpleKeyAllowed = true;
      this.scanBlockScalar();
      return;
    }
    if (this.is("'") || this.is('"')) {
      this.saveSimpleKey();
      this.simpleKeyAllowed = false;
      this.scanFlowScalar(this.is("'"));
      return;
    }
    if (
      !(this.isBlankZ() || PLAIN_START_EXCLUDED.has(c)) ||
      (this.is("-") && !this.isBlank(1)) ||
      (this.flowLevel === 0 && (this.is("?") || this.is(":")) && !this.isBlankZ(1))
    ) {
      this.saveSimpleKey();
      this.simpleKeyAllowed = false;
      this.scanPlainScalar();
      return;
    }
    this.scannerError(this.copyMark(), "found character that cannot start any token");
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key !== undefined && this.simpleKeyIsValid(key)) {
      this.insertToken(key.tokenNumber - this.tokensParsed, {
        type: T.Key,
        start: key.mark,
        end: key.mark,
      });
      this.rollIndent(key.mark.column, key.tokenNumber, T.BlockMappingStart, key.mark);
      key.possible = false;
      this.simpleKeysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) {
          this.scannerError(this.copyMark(), "mapping values are not allowed in this context");
        }
        this.rollIndent(this.mark.column, -1, T.BlockMappingStart, this.copyMark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.simple(T.Value);
  }

  /** A comment on the rest of a token's line is consumed with it, tabs before it included. */
  private skipLineComment(): void {
    if (this.newlines > 0) return;
    let peek = 0;
    while (peek < 512 && this.isBlank(peek)) peek++;
    if (!this.is("#", peek)) return;
    while (!this.isBreakZ()) this.skip();
  }

  private scanToNextToken(): void {
    for (;;) {
      if (this.mark.column === 0 && this.at() === 0xfeff) this.skip();
      while (this.is(" ") || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.is("\t"))) {
        this.skip();
      }
      if (this.is("#")) {
        while (!this.isBreakZ()) this.skip();
      }
      if (this.isBreak()) {
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else break;
    }
  }

  // ------------------------------------------------------------ scanning

  private scanDirective(): Token {
    const start = this.copyMark();
    this.skip();
    let name = "";
    while (isAlphaCode(this.at())) {
      name += String.fromCodePoint(this.at());
      this.skip();
    }
    if (name === "") this.scannerError(start, "could not find expected directive name");
    if (!this.isBlankZ()) this.scannerError(start, "found unexpected non-alphabetical character");
    let token: Token;
    if (name === "YAML") {
      while (this.isBlank()) this.skip();
      const major = this.scanVersionNumber(start);
      if (!this.is(".")) this.scannerError(start, "did not find expected digit or '.' character");
      this.skip();
      const minor = this.scanVersionNumber(start);
      token = { type: T.VersionDirective, start, end: this.copyMark(), major, minor };
    } else if (name === "TAG") {
      while (this.isBlank()) this.skip();
      const handle = this.scanTagHandle(true, start);
      if (!this.isBlank()) this.scannerError(start, "did not find expected whitespace");
      while (this.isBlank()) this.skip();
      this.scanTagUri("", start);
      if (!this.isBlankZ()) {
        this.scannerError(start, "did not find expected whitespace or line break");
      }
      token = { type: T.TagDirective, start, end: this.copyMark(), handle };
    } else {
      this.scannerError(start, "found unknown directive name");
    }
    while (this.isBlank()) this.skip();
    if (this.is("#")) while (!this.isBreakZ()) this.skip();
    if (!this.isBreakZ()) {
      this.scannerError(start, "did not find expected comment or line break");
    }
    if (this.isBreak()) this.skipLine();
    return token;
  }

  private scanVersionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (this.at() >= 0x30 && this.at() <= 0x39) {
      length++;
      if (length > 2) this.scannerError(start, "found extremely long version number");
      value = value * 10 + (this.at() - 0x30);
      this.skip();
    }
    if (length === 0) this.scannerError(start, "did not find expected version number");
    return value;
  }

  private scanAnchor(type: T): void {
    const start = this.copyMark();
    this.skip();
    let length = 0;
    while (isAlphaCode(this.at())) {
      this.skip();
      length++;
    }
    const end = this.copyMark();
    if (length === 0 || !(this.isBlankZ() || ANCHOR_END_CHARS.has(this.at()))) {
      this.scannerError(start, "did not find expected alphabetic or numeric character");
    }
    this.insertToken(-1, { type, start, end });
  }

  private scanTag(): void {
    const start = this.copyMark();
    let handle = "";
    if (this.is("<", 1)) {
      this.skip();
      this.skip();
      this.scanTagUri("", start);
      if (!this.is(">")) this.scannerError(start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.startsWith("!") && handle.endsWith("!")) {
        this.scanTagUri("", start);
      } else {
        const suffix = this.scanTagUri(handle, start);
        handle = suffix === "" ? "" : "!";
      }
    }
    if (!this.isBlankZ()) {
      this.scannerError(start, "did not find expected whitespace or line break");
    }
    this.insertToken(-1, { type: T.Tag, start, end: this.copyMark(), handle });
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    if (!this.is("!")) this.scannerError(start, "did not find expected '!'");
    let s = "!";
    this.skip();
    while (isAlphaCode(this.at())) {
      s += String.fromCodePoint(this.at());
      this.skip();
    }
    if (this.is("!")) {
      s += "!";
      this.skip();
    } else if (directive && s !== "!") {
      this.scannerError(start, "did not find expected '!'");
    }
    return s;
  }

  /** Returns the URI text (with `head` minus its first character in front). */
  private scanTagUri(head: string, start: Mark): string {
    let s = head.length > 1 ? head.slice(1) : "";
    let hasTag = head.length > 0;
    while (isAlphaCode(this.at()) || TAG_URI_CHARS.has(this.at())) {
      if (this.is("%")) {
        this.scanUriEscapes(start);
        s += "%";
      } else {
        s += String.fromCodePoint(this.at());
        this.skip();
      }
      hasTag = true;
    }
    if (!hasTag) this.scannerError(start, "did not find expected tag URI");
    return s;
  }

  private scanUriEscapes(start: Mark): void {
    let width = 1024;
    while (width > 0) {
      if (!(this.is("%") && isHexCode(this.at(1)) && isHexCode(this.at(2)))) {
        this.scannerError(start, "did not find URI escaped octet");
      }
      const octet = (hexValue(this.at(1)) << 4) + hexValue(this.at(2));
      if (width === 1024) {
        width =
          (octet & 0x80) === 0
            ? 1
            : (octet & 0xe0) === 0xc0
              ? 2
              : (octet & 0xf0) === 0xe0
                ? 3
                : (octet & 0xf8) === 0xf0
                  ? 4
                  : 0;
        if (width === 0) this.scannerError(start, "found an incorrect leading UTF-8 octet");
      } else if ((octet & 0xc0) !== 0x80) {
        this.scannerError(start, "found an incorrect trailing UTF-8 octet");
      }
      this.skip();
      this.skip();
      this.skip();
      width--;
    }
  }

  private scanBlockScalar(): void {
    const start = this.copyMark();
    this.skip();
    let increment = 0;
    const zeroIndent = (): never =>
      this.scannerError(start, "found an indentation indicator equal to 0");
    if (this.is("+") || this.is("-")) {
      this.skip();
      if (this.at() >= 0x30 && this.at() <= 0x39) {
        if (this.is("0")) zeroIndent();
        increment = this.at() - 0x30;
        this.skip();
      }
    } else if (this.at() >= 0x30 && this.at() <= 0x39) {
      if (this.is("0")) zeroIndent();
      increment = this.at() - 0x30;
      this.skip();
      if (this.is("+") || this.is("-")) this.skip();
    }
    while (this.isBlank()) this.skip();
    if (this.is("#")) while (!this.isBreakZ()) this.skip();
    if (!this.isBreakZ()) {
      this.scannerError(start, "did not find expected comment or line break");
    }
    if (this.isBreak()) this.skipLine();
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;
    indent = this.scanBlockScalarBreaks(indent, start);
    while (this.mark.column === indent && !this.isZ()) {
      while (!this.isBreakZ()) this.skip();
      this.skipLine();
      indent = this.scanBlockScalarBreaks(indent, start);
    }
    this.insertToken(-1, { type: T.Scalar, start, end: this.copyMark() });
  }

  private scanBlockScalarBreaks(indentIn: number, start: Mark): number {
    let indent = indentIn;
    let maxIndent = 0;
    for (;;) {
      while ((indent === 0 || this.mark.column < indent) && this.is(" ")) this.skip();
      if (this.mark.column > maxIndent) maxIndent = this.mark.column;
      if ((indent === 0 || this.mark.column < indent) && this.is("\t")) {
        this.scannerError(start, "found a tab character where an indentation space is expected");
      }
      if (!this.isBreak()) break;
      this.skipLine();
    }
    if (indent === 0) {
      indent = Math.max(maxIndent, this.indent + 1, 1);
    }
    return indent;
  }

  private atDocumentIndicator(): boolean {
    return (
      this.mark.column === 0 &&
      ((this.is("-") && this.is("-", 1) && this.is("-", 2)) ||
        (this.is(".") && this.is(".", 1) && this.is(".", 2))) &&
      this.isBlankZ(3)
    );
  }

  private scanFlowScalar(single: boolean): void {
    const start = this.copyMark();
    this.skip();
    for (;;) {
      if (this.atDocumentIndicator()) {
        this.scannerError(start, "found unexpected document indicator");
      }
      if (this.isZ()) this.scannerError(start, "found unexpected end of stream");
      while (!this.isBlankZ()) {
        if (single && this.is("'") && this.is("'", 1)) {
          this.skip();
          this.skip();
        } else if (single && this.is("'")) break;
        else if (!single && this.is('"')) break;
        else if (!single && this.is("\\") && this.isBreak(1)) {
          this.skip();
          this.skipLine();
          break;
        } else if (!single && this.is("\\")) {
          const codeLength = ESCAPES[this.at(1)];
          if (codeLength === undefined) {
            this.scannerError(start, "found unknown escape character");
          }
          this.skip();
          this.skip();
          if (codeLength > 0) {
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              if (!isHexCode(this.at(k))) {
                this.scannerError(start, "did not find expected hexdecimal number");
              }
              value = value * 16 + hexValue(this.at(k));
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
              this.scannerError(start, "found invalid Unicode character escape code");
            }
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else this.skip();
      }
      if (single ? this.is("'") : this.is('"')) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) this.skip();
        else this.skipLine();
      }
    }
    this.skip();
    this.insertToken(-1, { type: T.Scalar, start, end: this.copyMark() });
  }

  private scanPlainScalar(): void {
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = this.copyMark();
    let end = this.copyMark();
    for (;;) {
      if (this.atDocumentIndicator()) break;
      if (this.is("#")) break;
      while (!this.isBlankZ()) {
        if (
          (this.is(":") && this.isBlankZ(1)) ||
          (this.flowLevel > 0 &&
            (this.is(",") ||
              this.is("?") ||
              this.is("[") ||
              this.is("]") ||
              this.is("{") ||
              this.is("}")))
        ) {
          break;
        }
        leadingBlanks = false;
        this.skip();
        end = this.copyMark();
      }
      if (!(this.isBlank() || this.isBreak())) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (leadingBlanks && this.mark.column < indent && this.is("\t")) {
            this.scannerError(start, "found a tab character that violates indentation");
          }
          this.skip();
        } else {
          this.skipLine();
          leadingBlanks = true;
        }
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    this.insertToken(-1, { type: T.Scalar, start, end, plain: true });
    if (leadingBlanks) this.simpleKeyAllowed = true;
  }
}

const enum S {
  StreamStart,
  ImplicitDocumentStart,
  DocumentStart,
  DocumentContent,
  DocumentEnd,
  BlockNode,
  BlockNodeOrIndentlessSequence,
  FlowNode,
  BlockSequenceFirstEntry,
  BlockSequenceEntry,
  IndentlessSequenceEntry,
  BlockMappingFirstKey,
  BlockMappingKey,
  BlockMappingValue,
  FlowSequenceFirstEntry,
  FlowSequenceEntry,
  FlowSequenceEntryMappingKey,
  FlowSequenceEntryMappingValue,
  FlowSequenceEntryMappingEnd,
  FlowMappingFirstKey,
  FlowMappingKey,
  FlowMappingValue,
  FlowMappingEmptyValue,
  End,
}

const enum E {
  StreamStart,
  StreamEnd,
  DocumentStart,
  DocumentEnd,
  Alias,
  Scalar,
  SequenceStart,
  SequenceEnd,
  MappingStart,
  MappingEnd,
}

class Parser {
  private state = S.StreamStart;
  private readonly states: S[] = [];
  private readonly marks: Mark[] = [];
  private tagHandles = new Set<string>();

  constructor(private readonly scanner: Scanner) {}

  private error(problem: string, problemMark: Mark, contextMark?: Mark): never {
    throw new YamlFailure("parser", problem, problemMark, contextMark);
  }

  private pop(): S {
    return this.states.pop() ?? S.End;
  }

  next(): E {
    const sc = this.scanner;
    switch (this.state) {
      case S.StreamStart: {
        const t = sc.peekToken();
        if (t.type !== T.StreamStart) this.error("did not find expected <stream-start>", t.start);
        this.state = S.ImplicitDocumentStart;
        sc.skipToken();
        return E.StreamStart;
      }
      case S.ImplicitDocumentStart:
      case S.DocumentStart:
        return this.documentStart(this.state === S.ImplicitDocumentStart);
      case S.DocumentContent: {
        const t = sc.peekToken();
        if (
          t.type === T.VersionDirective ||
          t.type === T.TagDirective ||
          t.type === T.DocumentStart ||
          t.type === T.DocumentEnd ||
          t.type === T.StreamEnd
        ) {
          this.state = this.pop();
          return E.Scalar;
        }
        return this.node(true, false);
      }
      case S.DocumentEnd: {
        const t = sc.peekToken();
        if (t.type === T.DocumentEnd) sc.skipToken();
        this.tagHandles = new Set();
        this.state = S.DocumentStart;
        return E.DocumentEnd;
      }
      case S.BlockNode:
        return this.node(true, false);
      case S.BlockNodeOrIndentlessSequence:
        return this.node(true, true);
      case S.FlowNode:
        return this.node(false, false);
      case S.BlockSequenceFirstEntry:
      case S.BlockSequenceEntry:
        return this.blockSequenceEntry(this.state === S.BlockSequenceFirstEntry);
      case S.IndentlessSequenceEntry:
        return this.indentlessSequenceEntry();
      case S.BlockMappingFirstKey:
      case S.BlockMappingKey:
        return this.blockMappingKey(this.state === S.BlockMappingFirstKey);
      case S.BlockMappingValue:
        return this.blockMappingValue();
      case S.FlowSequenceFirstEntry:
      case S.FlowSequenceEntry:
        return this.flowSequenceEntry(this.state === S.FlowSequenceFirstEntry);
      case S.FlowSequenceEntryMappingKey: {
        const t = sc.peekToken();
        if (t.type !== T.Value && t.type !== T.FlowEntry && t.type !== T.FlowSequenceEnd) {
          this.states.push(S.FlowSequenceEntryMappingValue);
          return this.node(false, false);
        }
        sc.skipToken();
        this.state = S.FlowSequenceEntryMappingValue;
        return E.Scalar;
      }
      case S.FlowSequenceEntryMappingValue: {
        const t = sc.peekToken();
        if (t.type === T.Value) {
          sc.skipToken();
          const n = sc.peekToken();
          if (n.type !== T.FlowEntry && n.type !== T.FlowSequenceEnd) {
            this.states.push(S.FlowSequenceEntryMappingEnd);
            return this.node(false, false);
          }
        }
        this.state = S.FlowSequenceEntryMappingEnd;
        return E.Scalar;
      }
      case S.FlowSequenceEntryMappingEnd:
        sc.peekToken();
        this.state = S.FlowSequenceEntry;
        return E.MappingEnd;
      case S.FlowMappingFirstKey:
      case S.FlowMappingKey:
        return this.flowMappingKey(this.state === S.FlowMappingFirstKey);
      case S.FlowMappingValue:
      case S.FlowMappingEmptyValue: {
        const t = sc.peekToken();
        if (this.state === S.FlowMappingEmptyValue) {
          this.state = S.FlowMappingKey;
          return E.Scalar;
        }
        if (t.type === T.Value) {
          sc.skipToken();
          const n = sc.peekToken();
          if (n.type !== T.FlowEntry && n.type !== T.FlowMappingEnd) {
            this.states.push(S.FlowMappingKey);
            return this.node(false, false);
          }
        }
        this.state = S.FlowMappingKey;
        return E.Scalar;
      }
      case S.End:
        return E.StreamEnd;
    }
  }

  private processDirectives(): void {
    const sc = this.scanner;
    let t = sc.peekToken();
    let version = false;
    const handles = new Set<string>();
    while (t.type === T.VersionDirective || t.type === T.TagDirective) {
      if (t.type === T.VersionDirective) {
        if (version) this.error("found duplicate %YAML directive", t.start);
        if (t.major !== 1 || t.minor !== 1) this.error("found incompatible YAML document", t.start);
        version = true;
      } else {
        const handle = t.handle ?? "";
        if (handles.has(handle)) this.error("found duplicate %TAG directive", t.start);
        handles.add(handle);
      }
      sc.skipToken();
      t = sc.peekToken();
    }
    this.tagHandles = new Set([...handles, "!", "!!"]);
  }

  private documentStart(implicit: boolean): E {
    const sc = this.scanner;
    let t = sc.peekToken();
    if (!implicit) {
      while (t.type === T.DocumentEnd) {
        sc.skipToken();
        t = sc.peekToken();
      }
    }
    if (
      implicit &&
      t.type !== T.VersionDirective &&
      t.type !== T.TagDirective &&
      t.type !== T.DocumentStart &&
      t.type !== T.StreamEnd
    ) {
      this.processDirectives();
      this.states.push(S.DocumentEnd);
      this.state = S.BlockNode;
      return E.DocumentStart;
    }
    if (t.type !== T.StreamEnd) {
      this.processDirectives();
      t = sc.peekToken();
      if (t.type !== T.DocumentStart) this.error("did not find expected <document start>", t.start);
      this.states.push(S.DocumentEnd);
      this.state = S.DocumentContent;
      sc.skipToken();
      return E.DocumentStart;
    }
    this.state = S.End;
    sc.skipToken();
    return E.StreamEnd;
  }

  private node(block: boolean, indentlessSequence: boolean): E {
    const sc = this.scanner;
    let t = sc.peekToken();
    if (t.type === T.Alias) {
      this.state = this.pop();
      sc.skipToken();
      return E.Alias;
    }
    const start = t.start;
    let tagHandle: string | undefined;
    let tagMark = start;
    let anchor = false;
    if (t.type === T.Anchor) {
      anchor = true;
      sc.skipToken();
      t = sc.peekToken();
      if (t.type === T.Tag) {
        tagHandle = t.handle ?? "";
        tagMark = t.start;
        sc.skipToken();
        t = sc.peekToken();
      }
    } else if (t.type === T.Tag) {
      tagHandle = t.handle ?? "";
      tagMark = t.start;
      sc.skipToken();
      t = sc.peekToken();
      if (t.type === T.Anchor) {
        anchor = true;
        sc.skipToken();
        t = sc.peekToken();
      }
    }
    if (tagHandle !== undefined && tagHandle !== "" && !this.tagHandles.has(tagHandle)) {
      this.error("found undefined tag handle", tagMark, start);
    }
    if (indentlessSequence && t.type === T.BlockEntry) {
      this.state = S.IndentlessSequenceEntry;
      return E.SequenceStart;
    }
    if (t.type === T.Scalar) {
      this.state = this.pop();
      sc.skipToken();
      return E.Scalar;
    }
    if (t.type === T.FlowSequenceStart) {
      this.state = S.FlowSequenceFirstEntry;
      return E.SequenceStart;
    }
    if (t.type === T.FlowMappingStart) {
      this.state = S.FlowMappingFirstKey;
      return E.MappingStart;
    }
    if (block && t.type === T.BlockSequenceStart) {
      this.state = S.BlockSequenceFirstEntry;
      return E.SequenceStart;
    }
    if (block && t.type === T.BlockMappingStart) {
      this.state = S.BlockMappingFirstKey;
      return E.MappingStart;
    }
    if (anchor || tagHandle !== undefined) {
      this.state = this.pop();
      return E.Scalar;
    }
    this.error("did not find expected node content", t.start, start);
  }

  private blockSequenceEntry(first: boolean): E {
    const sc = this.scanner;
    if (first) {
      this.marks.push(sc.peekToken().start);
      sc.skipToken();
    }
    const t = sc.peekToken();
    if (t.type === T.BlockEntry) {
      sc.skipToken();
      const n = sc.peekToken();
      if (n.type !== T.BlockEntry && n.type !== T.BlockEnd) {
        this.states.push(S.BlockSequenceEntry);
        return this.node(true, false);
      }
      this.state = S.BlockSequenceEntry;
      return E.Scalar;
    }
    if (t.type === T.BlockEnd) {
      this.state = this.pop();
      this.marks.pop();
      sc.skipToken();
      return E.SequenceEnd;
    }
    this.error("did not find expected '-' indicator", t.start, this.marks.pop());
  }

  private indentlessSequenceEntry(): E {
    const sc = this.scanner;
    const t = sc.peekToken();
    if (t.type === T.BlockEntry) {
      sc.skipToken();
      const n = sc.peekToken();
      if (
        n.type !== T.BlockEntry &&
        n.type !== T.Key &&
        n.type !== T.Value &&
        n.type !== T.BlockEnd
      ) {
        this.states.push(S.IndentlessSequenceEntry);
        return this.node(true, false);
      }
      this.state = S.IndentlessSequenceEntry;
      return E.Scalar;
    }
    this.state = this.pop();
    return E.SequenceEnd;
  }

  private blockMappingKey(first: boolean): E {
    const sc = this.scanner;
    if (first) {
      this.marks.push(sc.peekToken().start);
      sc.skipToken();
    }
    const t = sc.peekToken();
    if (t.type === T.Key) {
      sc.skipToken();
      const n = sc.peekToken();
      if (n.type !== T.Key && n.type !== T.Value && n.type !== T.BlockEnd) {
        this.states.push(S.BlockMappingValue);
        return this.node(true, true);
      }
      this.state = S.BlockMappingValue;
      return E.Scalar;
    }
    if (t.type === T.BlockEnd) {
      this.state = this.pop();
      this.marks.pop();
      sc.skipToken();
      return E.MappingEnd;
    }
    this.error("did not find expected key", t.start, this.marks.pop());
  }

  private blockMappingValue(): E {
    const sc = this.scanner;
    const t = sc.peekToken();
    if (t.type === T.Value) {
      sc.skipToken();
      const n = sc.peekToken();
      if (n.type !== T.Key && n.type !== T.Value && n.type !== T.BlockEnd) {
        this.states.push(S.BlockMappingKey);
        return this.node(true, true);
      }
    }
    this.state = S.BlockMappingKey;
    return E.Scalar;
  }

  private flowSequenceEntry(first: boolean): E {
    const sc = this.scanner;
    if (first) {
      this.marks.push(sc.peekToken().start);
      sc.skipToken();
    }
    let t = sc.peekToken();
    if (t.type !== T.FlowSequenceEnd) {
      if (!first) {
        if (t.type === T.FlowEntry) {
          sc.skipToken();
          t = sc.peekToken();
        } else {
          this.error("did not find expected ',' or ']'", t.start, this.marks.pop());
        }
      }
      if (t.type === T.Key) {
        this.state = S.FlowSequenceEntryMappingKey;
        sc.skipToken();
        return E.MappingStart;
      }
      if (t.type !== T.FlowSequenceEnd) {
        this.states.push(S.FlowSequenceEntry);
        return this.node(false, false);
      }
    }
    this.state = this.pop();
    this.marks.pop();
    sc.skipToken();
    return E.SequenceEnd;
  }

  private flowMappingKey(first: boolean): E {
    const sc = this.scanner;
    if (first) {
      this.marks.push(sc.peekToken().start);
      sc.skipToken();
    }
    let t = sc.peekToken();
    if (t.type !== T.FlowMappingEnd) {
      if (!first) {
        if (t.type === T.FlowEntry) {
          sc.skipToken();
          t = sc.peekToken();
        } else {
          this.error("did not find expected ',' or '}'", t.start, this.marks.pop());
        }
      }
      if (t.type === T.Key) {
        sc.skipToken();
        const n = sc.peekToken();
        if (n.type !== T.Value && n.type !== T.FlowEntry && n.type !== T.FlowMappingEnd) {
          this.states.push(S.FlowMappingValue);
          return this.node(false, false);
        }
        this.state = S.FlowMappingValue;
        return E.Scalar;
      }
      if (t.type !== T.FlowMappingEnd) {
        this.states.push(S.FlowMappingEmptyValue);
        return this.node(false, false);
      }
    }
    this.state = this.pop();
    this.marks.pop();
    sc.skipToken();
    return E.MappingEnd;
  }
}

/**
 * The error yaml.Unmarshal reports for the syntax of `text` ("yaml: line N:
 * problem"), or undefined when its first document parses.
 */
export function goYamlSyntaxError(text: string): string | undefined {
  const scanner = new Scanner(text);
  const parser = new Parser(scanner);
  try {
    // decode.go: stream start, then (unless the stream is empty) one document.
    parser.next();
    let event = parser.next();
    if (event === E.StreamEnd) return undefined;
    do {
      event = parser.next();
    } while (event !== E.DocumentEnd);
    return undefined;
  } catch (e) {
    if (!(e instanceof YamlFailure)) throw e;
    const scannerError = e.kind === "scanner";
    let line = 0;
    if (e.contextMark !== undefined && e.contextMark.line !== 0) {
      line = e.contextMark.line + (scannerError ? 1 : 0);
    } else if (e.problemMark.line !== 0) {
      line = e.problemMark.line + (scannerError ? 1 : 0);
    }
    return line !== 0 ? `yaml: line ${line}: ${e.problem}` : `yaml: ${e.problem}`;
  }
}
