/**
 * The host globals the core may use, declared by hand. The core's tsconfig leaves out the DOM
 * and Node types so that network, page and process globals (fetch, window, self, document,
 * XMLHttpRequest, localStorage, process, Buffer) do not type-check here; these few are pure
 * computation that every place the core runs has alike (browsers, workers, Node 20 and later):
 * text encoding, base64, structured clone, query strings, and Web Crypto (random bytes, and
 * the cluster CA's keys). Only what the core calls is declared; the shapes are the WHATWG and
 * W3C Web Crypto ones (lib.dom.d.ts), narrowed.
 */

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBuffer | ArrayBufferView): string;
}

declare function atob(data: string): string;
declare function btoa(data: string): string;
declare function structuredClone<T>(value: T): T;

declare class URLSearchParams {
  constructor(init?: string);
  append(name: string, value: string): void;
  get(name: string): string | null;
  toString(): string;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

type KeyUsage =
  "decrypt" | "deriveBits" | "deriveKey" | "encrypt" | "sign" | "unwrapKey" | "verify" | "wrapKey";
type KeyFormat = "jwk" | "pkcs8" | "raw" | "spki";

interface KeyAlgorithm {
  name: string;
}
interface EcKeyAlgorithm extends KeyAlgorithm {
  namedCurve: string;
}
interface RsaHashedKeyGenParams extends KeyAlgorithm {
  hash: string;
  modulusLength: number;
  publicExponent: Uint8Array<ArrayBuffer>;
}
interface RsaHashedImportParams extends KeyAlgorithm {
  hash: string;
}
interface EcKeyImportParams extends KeyAlgorithm {
  namedCurve: string;
}

interface CryptoKey {
  readonly algorithm: KeyAlgorithm;
  readonly extractable: boolean;
  readonly type: "private" | "public" | "secret";
  readonly usages: KeyUsage[];
}
interface CryptoKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

interface JsonWebKey {
  kty?: string;
  crv?: string;
  n?: string;
  e?: string;
  x?: string;
  y?: string;
  [member: string]: unknown;
}

interface SubtleCrypto {
  digest(algorithm: string, data: ArrayBuffer | ArrayBufferView): Promise<ArrayBuffer>;
  generateKey(
    algorithm: RsaHashedKeyGenParams,
    extractable: boolean,
    keyUsages: readonly KeyUsage[],
  ): Promise<CryptoKeyPair | CryptoKey>;
  exportKey(format: "jwk", key: CryptoKey): Promise<JsonWebKey>;
  exportKey(format: Exclude<KeyFormat, "jwk">, key: CryptoKey): Promise<ArrayBuffer>;
  importKey(
    format: Exclude<KeyFormat, "jwk">,
    keyData: ArrayBuffer | ArrayBufferView,
    algorithm: RsaHashedImportParams | EcKeyImportParams,
    extractable: boolean,
    keyUsages: readonly KeyUsage[],
  ): Promise<CryptoKey>;
}

interface Crypto {
  readonly subtle: SubtleCrypto;
  getRandomValues<T extends ArrayBufferView>(array: T): T;
}

// A var, as lib.dom.d.ts declares it: only a var is a property of globalThis.
// eslint-disable-next-line no-var
declare var crypto: Crypto;
