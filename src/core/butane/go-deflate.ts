/**
 * DEFLATE (RFC 1951) exactly as Go's compress/flate writes it at
 * BestCompression (level 9), the level Butane gzips inline contents with
 * (coreos/butane base/util/url.go). Go's encoder makes its own choices (hash
 * chains of 4-byte matches, lazy matching, its own Huffman length limiting,
 * block splitting every 16384 tokens, an empty final stored block), so the
 * bytes differ from zlib's or fflate's; Butane's gzip-or-not choice and its
 * data URLs depend on those exact bytes.
 *
 * Written from a reading of Go's src/compress/flate/deflate.go (matcher),
 * huffman_code.go (code lengths), huffman_bit_writer.go (block encoding) and
 * token.go (token and code tables).
 */

const WINDOW_SIZE = 1 << 15;
const WINDOW_MASK = WINDOW_SIZE - 1;
/** Go's shortest match is 4 bytes, though the format allows 3. */
const MIN_MATCH = 4;
const MAX_MATCH = 258;
const BASE_MATCH_LENGTH = 3;
const MAX_BLOCK_TOKENS = 1 << 14;
const MAX_STORED_BLOCK = 65535;
const HASH_BITS = 17;
const HASH_MASK = (1 << HASH_BITS) - 1;
const HASH_MUL = 0x1e35a7bd;
/** BestCompression's tuning: good, lazy, nice lengths and chain depth. */
const GOOD = 32;
const LAZY = 258;
const NICE = 258;
const CHAIN = 4096;

const MATCH_TYPE = 1 << 30;
const LENGTH_SHIFT = 22;
const OFFSET_MASK = (1 << LENGTH_SHIFT) - 1;
const END_BLOCK = 256;
const LENGTH_CODES_START = 257;
const NUM_LITERALS = 286;
const NUM_OFFSETS = 30;
const NUM_CODEGENS = 19;
const BAD_CODE = 255;
const MAX_INT32 = 0x7fffffff;

const LENGTH_EXTRA_BITS = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const LENGTH_BASE = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160,
  192, 224, 255,
];
const OFFSET_EXTRA_BITS = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
const OFFSET_BASE: number[] = [];
for (let code = 0, base = 0; code < NUM_OFFSETS; code++) {
  OFFSET_BASE.push(base);
  base += 1 << (OFFSET_EXTRA_BITS[code] ?? 0);
}
const CODEGEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Length code (0..28) of each match length minus 3. */
const LENGTH_CODE = new Uint8Array(256);
for (let code = 0; code < 29; code++) {
  const base = LENGTH_BASE[code] ?? 0;
  const next = code === 28 ? 256 : (LENGTH_BASE[code + 1] ?? 256);
  for (let l = base; l < next; l++) LENGTH_CODE[l] = code;
}

function offsetCode(offset: number): number {
  let code = 0;
  while (code + 1 < NUM_OFFSETS && (OFFSET_BASE[code + 1] ?? Infinity) <= offset) code++;
  return code;
}
/** Offset code of each offset below 256, and of each offset >> 7 below 256 (then + 14). */
const OFFSET_CODE_SMALL = new Uint8Array(256);
for (let o = 0; o < 256; o++) OFFSET_CODE_SMALL[o] = offsetCode(o);
function offsetCodeOf(offset: number): number {
  if (offset < 256) return OFFSET_CODE_SMALL[offset] ?? 0;
  if (offset >> 7 < 256) return (OFFSET_CODE_SMALL[offset >> 7] ?? 0) + 14;
  return (OFFSET_CODE_SMALL[offset >> 14] ?? 0) + 28;
}

function reverseBits(code: number, length: number): number {
  let out = 0;
  for (let i = 0; i < length; i++) {
    out = (out << 1) | ((code >> i) & 1);
  }
  return out;
}

/** A Huffman code: per symbol, the bit-reversed code and its length. */
class HuffmanCode {
  readonly code: Uint16Array;
  readonly len: Uint8Array;
  constructor(size: number) {
    this.code = new Uint16Array(size);
    this.len = new Uint8Array(size);
  }

  bitLength(freq: Int32Array): number {
    let total = 0;
    for (let i = 0; i < freq.length; i++) {
      const f = freq[i] ?? 0;
      if (f !== 0) total += f * (this.len[i] ?? 0);
    }
    return total;
  }

  /**
   * Length-limited code for the frequencies, as Go builds it: symbols sorted
   * by (frequency, symbol), bit counts per length from a package-merge-like
   * walk over levels, then codes handed out in symbol order within a length.
   */
  generate(freq: Int32Array, maxBits: number): void {
    const symbols: number[] = [];
    for (let i = 0; i < freq.length; i++) {
      if ((freq[i] ?? 0) !== 0) symbols.push(i);
      else this.len[i] = 0;
    }
    if (symbols.length <= 2) {
      symbols.forEach((s, i) => {
        this.code[s] = i;
        this.len[s] = 1;
      });
      return;
    }
    symbols.sort((a, b) => (freq[a] ?? 0) - (freq[b] ?? 0) || a - b);
    const bitCount = countBits(
      symbols.map((s) => freq[s] ?? 0),
      maxBits,
    );
    let code = 0;
    let remaining = symbols.length;
    for (let n = 0; n < bitCount.length; n++) {
      code <<= 1;
      const count = bitCount[n] ?? 0;
      if (n === 0 || count === 0) continue;
      // The `count` most frequent symbols left get `n` bits, coded in symbol order.
      const chunk = symbols.slice(remaining - count, remaining).sort((a, b) => a - b);
      for (const s of chunk) {
        this.code[s] = reverseBits(code, n);
        this.len[s] = n;
        code++;
      }
      remaining -= count;
    }
  }
}

/**
 * Number of symbols per code length (index = length) for frequencies sorted
 * ascending, at most maxBits long; Go's huffmanEncoder.bitCounts.
 */
function countBits(sortedFreq: number[], maxBitsIn: number): number[] {
  const n = sortedFreq.length;
  const freqAt = (i: number): number => (i < n ? (sortedFreq[i] ?? MAX_INT32) : MAX_INT32);
  const maxBits = Math.min(maxBitsIn, n - 1);
  const lastFreq = new Array<number>(maxBits + 2).fill(0);
  const nextCharFreq = new Array<number>(maxBits + 2).fill(0);
  const nextPairFreq = new Array<number>(maxBits + 2).fill(0);
  const needed = new Array<number>(maxBits + 2).fill(0);
  const leafCounts: number[][] = Array.from({ length: maxBits + 2 }, () =>
    new Array<number>(maxBits + 2).fill(0),
  );
  for (let level = 1; level <= maxBits; level++) {
    lastFreq[level] = freqAt(1);
    nextCharFreq[level] = freqAt(2);
    nextPairFreq[level] = level === 1 ? MAX_INT32 : freqAt(0) + freqAt(1);
    (leafCounts[level] as number[])[level] = 2;
  }
  needed[maxBits] = 2 * n - 4;
  let level = maxBits;
  for (;;) {
    if (nextPairFreq[level] === MAX_INT32 && nextCharFreq[level] === MAX_INT32) {
      needed[level] = 0;
      nextPairFreq[level + 1] = MAX_INT32;
      level++;
      continue;
    }
    const prevFreq = lastFreq[level] ?? 0;
    const counts = leafCounts[level] as number[];
    if ((nextCharFreq[level] ?? 0) < (nextPairFreq[level] ?? 0)) {
      const next = (counts[level] ?? 0) + 1;
      lastFreq[level] = nextCharFreq[level] ?? 0;
      counts[level] = next;
      nextCharFreq[level] = freqAt(next);
    } else {
      lastFreq[level] = nextPairFreq[level] ?? 0;
      const below = leafCounts[level - 1] as number[];
      for (let j = 0; j < level; j++) counts[j] = below[j] ?? 0;
      needed[level - 1] = 2;
    }
    needed[level] = (needed[level] ?? 0) - 1;
    if (needed[level] === 0) {
      if (level === maxBits) break;
      nextPairFreq[level + 1] = prevFreq + (lastFreq[level] ?? 0);
      level++;
    } else {
      while ((needed[level - 1] ?? 0) > 0) level--;
    }
  }
  const top = leafCounts[maxBits] as number[];
  const bitCount = new Array<number>(maxBits + 1).fill(0);
  let bits = 1;
  for (let l = maxBits; l > 0; l--) {
    bitCount[bits] = (top[l] ?? 0) - (top[l - 1] ?? 0);
    bits++;
  }
  return bitCount;
}

function fixedLiteralCode(): HuffmanCode {
  const h = new HuffmanCode(NUM_LITERALS);
  for (let ch = 0; ch < NUM_LITERALS; ch++) {
    let bits: number;
    let size: number;
    if (ch < 144) [bits, size] = [ch + 48, 8];
    else if (ch < 256) [bits, size] = [ch + 400 - 144, 9];
    else if (ch < 280) [bits, size] = [ch - 256, 7];
    else [bits, size] = [ch + 192 - 280, 8];
    h.code[ch] = reverseBits(bits, size);
    h.len[ch] = size;
  }
  return h;
}
function fixedOffsetCode(): HuffmanCode {
  const h = new HuffmanCode(NUM_OFFSETS);
  for (let i = 0; i < NUM_OFFSETS; i++) {
    h.code[i] = reverseBits(i, 5);
    h.len[i] = 5;
  }
  return h;
}
const FIXED_LITERALS = fixedLiteralCode();
const FIXED_OFFSETS = fixedOffsetCode();

/** LSB-first bit writer into a growing byte buffer. */
class BitWriter {
  private out = new Uint8Array(1024);
  private n = 0;
  private bits = 0;
  private nbits = 0;

  private push(byte: number): void {
    if (this.n === this.out.length) {
      const grown = new Uint8Array(this.out.length * 2);
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.n++] = byte;
  }

  writeBits(value: number, count: number): void {
    this.bits |= value << this.nbits;
    this.nbits += count;
    while (this.nbits >= 8) {
      this.push(this.bits & 0xff);
      this.bits >>>= 8;
      this.nbits -= 8;
    }
  }

  /** Pads to a byte boundary with zero bits. */
  flush(): void {
    if (this.nbits > 0) this.push(this.bits & 0xff);
    this.bits = 0;
    this.nbits = 0;
  }

  writeBytes(bytes: Uint8Array): void {
    for (const b of bytes) this.push(b);
  }

  bytes(): Uint8Array {
    return this.out.slice(0, this.n);
  }
}

/** Go's huffmanBitWriter: chooses stored, fixed or dynamic coding per block. */
class BlockWriter {
  readonly w = new BitWriter();
  private readonly literalFreq = new Int32Array(NUM_LITERALS);
  private readonly offsetFreq = new Int32Array(NUM_OFFSETS);
  private readonly codegenFreq = new Int32Array(NUM_CODEGENS);
  private codegen: number[] = [];
  private readonly literals = new HuffmanCode(NUM_LITERALS);
  private readonly offsets = new HuffmanCode(NUM_OFFSETS);
  private readonly codegenCode = new HuffmanCode(NUM_CODEGENS);

  writeStoredHeader(length: number, eof: boolean): void {
    this.w.writeBits(eof ? 1 : 0, 3);
    this.w.flush();
    this.w.writeBits(length, 16);
    this.w.writeBits(~length & 0xffff, 16);
  }

  /** Run-length coded code lengths of both alphabets (RFC 1951 3.2.7), with their frequencies. */
  private generateCodegen(numLiterals: number, numOffsets: number): void {
    this.codegenFreq.fill(0);
    const sizes: number[] = [];
    for (let i = 0; i < numLiterals; i++) sizes.push(this.literals.len[i] ?? 0);
    for (let i = 0; i < numOffsets; i++) sizes.push(this.offsets.len[i] ?? 0);
    sizes.push(BAD_CODE);
    const out: number[] = [];
    const freq = this.codegenFreq;
    let size = sizes[0] ?? BAD_CODE;
    let count = 1;
    for (let i = 1; size !== BAD_CODE; i++) {
      const next = sizes[i] ?? BAD_CODE;
      if (next === size) {
        count++;
        continue;
      }
      if (size !== 0) {
        out.push(size);
        freq[size] = (freq[size] ?? 0) + 1;
        count--;
        while (count >= 3) {
          const run = Math.min(6, count);
          out.push(16, run - 3);
          freq[16] = (freq[16] ?? 0) + 1;
          count -= run;
        }
      } else {
        while (count >= 11) {
          const run = Math.min(138, count);
          out.push(18, run - 11);
          freq[18] = (freq[18] ?? 0) + 1;
          count -= run;
        }
        if (count >= 3) {
          out.push(17, count - 3);
          freq[17] = (freq[17] ?? 0) + 1;
          count = 0;
        }
      }
      for (; count > 0; count--) {
        out.push(size);
        freq[size] = (freq[size] ?? 0) + 1;
      }
      size = next;
      count = 1;
    }
    this.codegen = out;
  }

  private dynamicSize(extraBits: number): { size: number; numCodegens: number } {
    let numCodegens = NUM_CODEGENS;
    while (numCodegens > 4 && this.codegenFreq[CODEGEN_ORDER[numCodegens - 1] ?? 0] === 0) {
      numCodegens--;
    }
    const header =
      3 +
      5 +
      5 +
      4 +
      3 * numCodegens +
      this.codegenCode.bitLength(this.codegenFreq) +
      (this.codegenFreq[16] ?? 0) * 2 +
      (this.codegenFreq[17] ?? 0) * 3 +
      (this.codegenFreq[18] ?? 0) * 7;
    const size =
      header +
      this.literals.bitLength(this.literalFreq) +
      this.offsets.bitLength(this.offsetFreq) +
      extraBits;
    return { size, numCodegens };
  }

  private indexTokens(
    tokens: Uint32Array,
    count: number,
  ): { numLiterals: number; numOffsets: number } {
    this.literalFreq.fill(0);
    this.offsetFreq.fill(0);
    for (let i = 0; i < count; i++) {
      const t = tokens[i] ?? 0;
      if (t < MATCH_TYPE) {
        this.literalFreq[t] = (this.literalFreq[t] ?? 0) + 1;
        continue;
      }
      const lc = LENGTH_CODES_START + (LENGTH_CODE[(t - MATCH_TYPE) >>> LENGTH_SHIFT] ?? 0);
      const oc = offsetCodeOf(t & OFFSET_MASK);
      this.literalFreq[lc] = (this.literalFreq[lc] ?? 0) + 1;
      this.offsetFreq[oc] = (this.offsetFreq[oc] ?? 0) + 1;
    }
    this.literalFreq[END_BLOCK] = (this.literalFreq[END_BLOCK] ?? 0) + 1;
    let numLiterals = NUM_LITERALS;
    while (this.literalFreq[numLiterals - 1] === 0) numLiterals--;
    let numOffsets = NUM_OFFSETS;
    while (numOffsets > 0 && this.offsetFreq[numOffsets - 1] === 0) numOffsets--;
    if (numOffsets === 0) {
      // An offset alphabet with no code cannot be described: Go counts one.
      this.offsetFreq[0] = 1;
      numOffsets = 1;
    }
    this.literals.generate(this.literalFreq, 15);
    this.offsets.generate(this.offsetFreq, 15);
    return { numLiterals, numOffsets };
  }

  /** Writes tokens (plus an end-of-block) in the smallest of stored, fixed and dynamic coding. */
  writeBlock(tokens: Uint32Array, count: number, eof: boolean, input: Uint8Array | null): void {
    const { numLiterals, numOffsets } = this.indexTokens(tokens, count);
    const storable = input !== null && input.length <= MAX_STORED_BLOCK;
    const storedSize = storable ? (input.length + 5) * 8 : 0;
    let extraBits = 0;
    if (storable) {
      for (let lc = LENGTH_CODES_START + 8; lc < numLiterals; lc++) {
        extraBits +=
          (this.literalFreq[lc] ?? 0) * (LENGTH_EXTRA_BITS[lc - LENGTH_CODES_START] ?? 0);
      }
      for (let oc = 4; oc < numOffsets; oc++) {
        extraBits += (this.offsetFreq[oc] ?? 0) * (OFFSET_EXTRA_BITS[oc] ?? 0);
      }
    }
    let size =
      3 +
      FIXED_LITERALS.bitLength(this.literalFreq) +
      FIXED_OFFSETS.bitLength(this.offsetFreq) +
      extraBits;
    let dynamic = false;
    this.generateCodegen(numLiterals, numOffsets);
    this.codegenCode.generate(this.codegenFreq, 7);
    const dyn = this.dynamicSize(extraBits);
    if (dyn.size < size) {
      size = dyn.size;
      dynamic = true;
    }
    if (storable && storedSize < size) {
      this.writeStoredHeader(input.length, eof);
      this.w.writeBytes(input);
      return;
    }
    if (dynamic) {
      this.writeDynamicHeader(numLiterals, numOffsets, dyn.numCodegens, eof);
      this.writeTokens(tokens, count, this.literals, this.offsets);
    } else {
      this.w.writeBits(eof ? 3 : 2, 3);
      this.writeTokens(tokens, count, FIXED_LITERALS, FIXED_OFFSETS);
    }
  }

  private writeDynamicHeader(
    numLiterals: number,
    numOffsets: number,
    numCodegens: number,
    eof: boolean,
  ): void {
    const w = this.w;
    w.writeBits(eof ? 5 : 4, 3);
    w.writeBits(numLiterals - 257, 5);
    w.writeBits(numOffsets - 1, 5);
    w.writeBits(numCodegens - 4, 4);
    for (let i = 0; i < numCodegens; i++) {
      w.writeBits(this.codegenCode.len[CODEGEN_ORDER[i] ?? 0] ?? 0, 3);
    }
    const cg = this.codegen;
    for (let i = 0; i < cg.length; i++) {
      const sym = cg[i] ?? 0;
      w.writeBits(this.codegenCode.code[sym] ?? 0, this.codegenCode.len[sym] ?? 0);
      if (sym === 16) w.writeBits(cg[++i] ?? 0, 2);
      else if (sym === 17) w.writeBits(cg[++i] ?? 0, 3);
      else if (sym === 18) w.writeBits(cg[++i] ?? 0, 7);
    }
  }

  private writeTokens(
    tokens: Uint32Array,
    count: number,
    lit: HuffmanCode,
    off: HuffmanCode,
  ): void {
    const w = this.w;
    for (let i = 0; i < count; i++) {
      const t = tokens[i] ?? 0;
      if (t < MATCH_TYPE) {
        w.writeBits(lit.code[t] ?? 0, lit.len[t] ?? 0);
        continue;
      }
      const length = (t - MATCH_TYPE) >>> LENGTH_SHIFT;
      const lc = LENGTH_CODE[length] ?? 0;
      w.writeBits(lit.code[lc + LENGTH_CODES_START] ?? 0, lit.len[lc + LENGTH_CODES_START] ?? 0);
      const lExtra = LENGTH_EXTRA_BITS[lc] ?? 0;
      if (lExtra > 0) w.writeBits(length - (LENGTH_BASE[lc] ?? 0), lExtra);
      const offset = t & OFFSET_MASK;
      const oc = offsetCodeOf(offset);
      w.writeBits(off.code[oc] ?? 0, off.len[oc] ?? 0);
      const oExtra = OFFSET_EXTRA_BITS[oc] ?? 0;
      if (oExtra > 0) w.writeBits(offset - (OFFSET_BASE[oc] ?? 0), oExtra);
    }
    w.writeBits(lit.code[END_BLOCK] ?? 0, lit.len[END_BLOCK] ?? 0);
  }
}

/*
 * Hash tables shared by all calls, so a compression does not allocate and
 * clear 640 KB. Positions are stored plus a per-call offset that only grows,
 * so entries left by earlier calls read as negative positions, which Go's
 * matcher treats exactly like its empty (zero) entries.
 */
const hashHead = new Uint32Array(1 << HASH_BITS);
const hashPrev = new Uint32Array(WINDOW_SIZE);
// Also shared: only bytes below the window's end and tokens below the count are read.
const slidingWindow = new Uint8Array(2 * WINDOW_SIZE);
const tokens = new Uint32Array(MAX_BLOCK_TOKENS + 1);
let nextHashOffset = 1;
const OFFSET_LIMIT = 2 ** 30;

function hash4(win: Uint8Array, i: number): number {
  const v =
    ((win[i] ?? 0) << 24) |
    ((win[i + 1] ?? 0) << 16) |
    ((win[i + 2] ?? 0) << 8) |
    (win[i + 3] ?? 0);
  return (Math.imul(v, HASH_MUL) >>> (32 - HASH_BITS)) & HASH_MASK;
}

/** Raw DEFLATE of `input`, byte for byte what Go's flate.NewWriter(w, 9) writes in one Write and Close. */
export function goDeflate(input: Uint8Array): Uint8Array {
  if (nextHashOffset + input.length + 4 * WINDOW_SIZE > OFFSET_LIMIT) {
    hashHead.fill(0);
    hashPrev.fill(0);
    nextHashOffset = 1;
  }
  const out = new BlockWriter();
  let tokenCount = 0;
  let hashOffset = nextHashOffset;
  let index = 0;
  let windowEnd = 0;
  let blockStart = 0;
  let byteAvailable = false;
  let chainHead = -1;
  let length = MIN_MATCH - 1;
  let offset = 0;
  let sync = false;

  const writeBlock = (end: number): void => {
    if (end > 0) {
      const slice = blockStart <= end ? slidingWindow.subarray(blockStart, end) : null;
      blockStart = end;
      out.writeBlock(tokens, tokenCount, false, slice);
    }
    tokenCount = 0;
  };

  const findMatch = (
    pos: number,
    prevHead: number,
    prevLength: number,
    lookahead: number,
  ): { length: number; offset: number } | null => {
    const minMatchLook = Math.min(MAX_MATCH, lookahead);
    const winLen = pos + minMatchLook;
    const nice = Math.min(NICE, winLen - pos);
    let tries = CHAIN;
    let best = prevLength;
    if (best >= GOOD) tries >>= 2;
    let found: { length: number; offset: number } | null = null;
    let wEnd = slidingWindow[pos + best] ?? 0;
    const minIndex = pos - WINDOW_SIZE;
    for (let i = prevHead; tries > 0; tries--) {
      if (wEnd === slidingWindow[i + best]) {
        let n = 0;
        while (n < minMatchLook && slidingWindow[i + n] === slidingWindow[pos + n]) n++;
        if (n > best && (n > MIN_MATCH || pos - i <= 4096)) {
          best = n;
          found = { length: n, offset: pos - i };
          if (n >= nice) break;
          wEnd = slidingWindow[pos + n] ?? 0;
        }
      }
      if (i === minIndex) break;
      i = (hashPrev[i & WINDOW_MASK] ?? 0) - hashOffset;
      if (i < minIndex || i < 0) break;
    }
    return found;
  };

  const insertHash = (at: number): number => {
    const h = hash4(slidingWindow, at);
    const head = hashHead[h] ?? 0;
    hashPrev[at & WINDOW_MASK] = head;
    hashHead[h] = at + hashOffset;
    return head;
  };

  const step = (): void => {
    if (windowEnd - index < MIN_MATCH + MAX_MATCH && !sync) return;
    const maxInsertIndex = windowEnd - (MIN_MATCH - 1);
    for (;;) {
      const lookahead = windowEnd - index;
      if (lookahead < MIN_MATCH + MAX_MATCH) {
        if (!sync) return;
        if (lookahead === 0) {
          if (byteAvailable) {
            tokens[tokenCount++] = slidingWindow[index - 1] ?? 0;
            byteAvailable = false;
          }
          if (tokenCount > 0) writeBlock(index);
          return;
        }
      }
      // Past the last insertable position Go keeps the previous chain head.
      if (index < maxInsertIndex) chainHead = insertHash(index);
      const prevLength = length;
      const prevOffset = offset;
      length = MIN_MATCH - 1;
      offset = 0;
      const minIndex = Math.max(index - WINDOW_SIZE, 0);
      if (chainHead - hashOffset >= minIndex && lookahead > prevLength && prevLength < LAZY) {
        const m = findMatch(index, chainHead - hashOffset, MIN_MATCH - 1, lookahead);
        if (m) {
          length = m.length;
          offset = m.offset;
        }
      }
      if (prevLength >= MIN_MATCH && length <= prevLength) {
        // The previous position's match is at least as good: emit it.
        tokens[tokenCount++] =
          MATCH_TYPE + ((prevLength - BASE_MATCH_LENGTH) << LENGTH_SHIFT) + (prevOffset - 1);
        const newIndex = index + prevLength - 1;
        for (index++; index < newIndex; index++) {
          if (index < maxInsertIndex) insertHash(index);
        }
        byteAvailable = false;
        length = MIN_MATCH - 1;
        if (tokenCount === MAX_BLOCK_TOKENS) writeBlock(index);
      } else {
        if (byteAvailable) {
          tokens[tokenCount++] = slidingWindow[index - 1] ?? 0;
          if (tokenCount === MAX_BLOCK_TOKENS) writeBlock(index);
        }
        index++;
        byteAvailable = true;
      }
    }
  };

  const fill = (b: Uint8Array): number => {
    if (index >= 2 * WINDOW_SIZE - (MIN_MATCH + MAX_MATCH)) {
      slidingWindow.copyWithin(0, WINDOW_SIZE, 2 * WINDOW_SIZE);
      index -= WINDOW_SIZE;
      windowEnd -= WINDOW_SIZE;
      blockStart = blockStart >= WINDOW_SIZE ? blockStart - WINDOW_SIZE : MAX_INT32;
      hashOffset += WINDOW_SIZE;
    }
    const n = Math.min(b.length, slidingWindow.length - windowEnd);
    slidingWindow.set(b.subarray(0, n), windowEnd);
    windowEnd += n;
    return n;
  };

  let rest = input;
  while (rest.length > 0) {
    step();
    rest = rest.subarray(fill(rest));
  }
  sync = true;
  step();
  out.writeStoredHeader(0, true);
  out.w.flush();
  nextHashOffset = hashOffset + windowEnd + 1;
  return out.w.bytes();
}
