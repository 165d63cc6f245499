import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar } from "yaml";
import type { Node as YamlLibNode } from "yaml";
import { goYamlSyntaxError } from "./go-yaml-syntax.ts";

/**
 * The YAML reader: turns Butane source text into a small node tree with
 * 1-based line and column positions, the way Go's yaml.v3 sees it.
 * Scalars stay text here; their types are resolved when they are decoded
 * (see yaml-scalars.ts), because yaml.v3 decides per target field.
 */
export type YNode = YScalar | YMap | YSeq;

interface YBase {
  line: number;
  column: number;
  /** true when this node was reached through an alias (*name). */
  viaAlias?: boolean;
  tag?: string;
}
export interface YScalar extends YBase {
  kind: "scalar";
  value: string;
  /** plain scalars are resolved (null/bool/int/float); quoted and block ones are strings. */
  plain: boolean;
  /** true when the value is absent (`key:` with nothing after it). */
  empty?: boolean;
}
export interface YMap extends YBase {
  kind: "map";
  entries: { key: YScalar; keyNode: YNode; value: YNode }[];
}
export interface YSeq extends YBase {
  kind: "seq";
  items: YNode[];
}

export type ReadResult = { ok: true; root: YNode | null } | { ok: false; message: string };

/** Text positions: offsets to 1-based line and code-point column. */
class Positions {
  private readonly lc = new LineCounter();
  constructor(private readonly src: string) {
    // libyaml counts \r, \r\n, NEL, LS and PS as line breaks, like \n.
    this.lc.addNewLine(0);
    for (let i = 0; i < src.length; i++) {
      const c = src.charAt(i);
      if (c === "\r" && src.charAt(i + 1) === "\n") continue;
      if (c === "\n" || c === "\r" || c === "\u0085" || c === "\u2028" || c === "\u2029")
        this.lc.addNewLine(i + 1);
    }
  }
  at(offset: number): { line: number; column: number } {
    const pos = this.lc.linePos(offset);
    const start = this.lc.lineStarts[pos.line - 1] ?? 0;
    let column = 1;
    for (let i = start; i < offset && i < this.src.length; i++) {
      const c = this.src.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff && i > start) continue; // low surrogate
      column++;
    }
    return { line: pos.line, column };
  }
}

/**
 * Characters libyaml's reader refuses (go-yaml v3 readerc.go): everything
 * but tab, line feed, carriage return, printable ASCII, NEL, and the
 * printable BMP and astral ranges (surrogate pairs are astral characters).
 */
const NOT_ALLOWED = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ud800-\udfff\ue000-\ufffd]/;

export function readYaml(src: string): ReadResult {
  if (NOT_ALLOWED.test(src))
    return { ok: false, message: "yaml: control characters are not allowed" };
  const positions = new Positions(src);
  let docs;
  try {
    docs = parseAllDocuments(src, { schema: "failsafe", uniqueKeys: false, strict: false });
  } catch {
    return { ok: false, message: "yaml: unknown problem parsing YAML content" };
  }
  const list = Array.isArray(docs) ? docs : [];
  const doc = list[0];
  if (doc === undefined) return { ok: true, root: null };
  // Go's yaml.v3 decides what is a syntax error, and reads only the first
  // document: what the yaml library finds beyond that is not an error here.
  const goError = goYamlSyntaxError(src);
  if (goError !== undefined) return { ok: false, message: goError };
  const anchors = new Map<string, YamlLibNode>();
  const cache = new Map<YamlLibNode, YNode>();
  const convert = (n: unknown, fallbackOffset: number, depth: number): YNode => {
    if (depth > 500) throw new TooDeep();
    if (n === null || n === undefined) {
      const p = positions.at(fallbackOffset);
      return { kind: "scalar", value: "", plain: true, empty: true, ...p };
    }
    if (isAlias(n)) {
      const target = anchors.get(n.source);
      const p = positions.at(n.range?.[0] ?? fallbackOffset);
      if (target === undefined) throw new UnknownAnchor(n.source, p.line);
      const inner = cache.get(target);
      if (inner === undefined) throw new UnknownAnchor(n.source, p.line);
      return { ...inner, ...p, viaAlias: true } as YNode;
    }
    const node = n as YamlLibNode;
    const start = node.range?.[0] ?? fallbackOffset;
    const p = positions.at(start);
    const tag = typeof node.tag === "string" ? node.tag : undefined;
    let out: YNode;
    if (isScalar(node)) {
      const plain = node.type === Scalar.PLAIN || node.type === undefined;
      out = { kind: "scalar", value: scalarText(node, src), plain, ...p };
    } else if (isMap(node)) {
      const m: YMap = { kind: "map", entries: [], ...p };
      out = m;
      if (node.anchor) anchors.set(node.anchor, node);
      cache.set(node, out);
      for (const pair of node.items) {
        const keyOffset = (pair.key as YamlLibNode | null)?.range?.[0] ?? start;
        const keyNode = convert(pair.key, keyOffset, depth + 1);
        const valueOffset = (pair.key as YamlLibNode | null)?.range?.[1] ?? keyOffset;
        const value = convert(pair.value, valueOffset, depth + 1);
        const key: YScalar =
          keyNode.kind === "scalar"
            ? keyNode
            : {
                kind: "scalar",
                value: "",
                plain: false,
                line: keyNode.line,
                column: keyNode.column,
              };
        m.entries.push({ key, keyNode, value });
      }
    } else if (isSeq(node)) {
      const s: YSeq = { kind: "seq", items: [], ...p };
      out = s;
      if (node.anchor) anchors.set(node.anchor, node);
      cache.set(node, out);
      for (const item of node.items) s.items.push(convert(item, start, depth + 1));
    } else {
      out = { kind: "scalar", value: "", plain: true, empty: true, ...p };
    }
    if (tag !== undefined) out.tag = tag;
    if (node.anchor && !isMap(node) && !isSeq(node)) anchors.set(node.anchor, node);
    cache.set(node, out);
    return out;
  };
  try {
    if (doc.contents === null) return { ok: true, root: null };
    return { ok: true, root: convert(doc.contents, 0, 0) };
  } catch (e) {
    if (e instanceof UnknownAnchor) {
      return { ok: false, message: `yaml: unknown anchor '${e.anchor}' referenced` };
    }
    if (e instanceof TooDeep) return { ok: false, message: "yaml: exceeded max depth of 10000" };
    return { ok: false, message: "yaml: unknown problem parsing YAML content" };
  }
}

class UnknownAnchor extends Error {
  constructor(
    readonly anchor: string,
    readonly line: number,
  ) {
    super(anchor);
  }
}
class TooDeep extends Error {}

function scalarText(node: Scalar, src: string): string {
  const v: unknown = node.value;
  if (typeof v === "string") {
    // libyaml treats a raw LS or PS as a line break: kept, with the spaces around it folded away.
    const raw = src.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
    if (/[\u2028\u2029]/.test(raw)) return v.replace(/[ \t]*([\u2028\u2029])[ \t]*/g, "$1");
    return v;
  }
  if (v === null || v === undefined) return "";
  return String(v);
}
