import { z } from "../zod-mini";

export type IpFamily = "ipv4" | "ipv6";

/** A parsed CIDR: the network address as a number of `bits` width, and its prefix length. */
export interface Cidr {
  family: IpFamily;
  network: bigint;
  prefix: number;
  /** The canonical text, e.g. "10.244.0.0/16". */
  text: string;
}

export type CidrResult = { ok: true; cidr: Cidr } | { ok: false; message: string };

export const cidrRule = "an IPv4 CIDR like 10.244.0.0/16, or an IPv6 CIDR like fd00:10:244::/56";

const familyBits: Record<IpFamily, number> = { ipv4: 32, ipv6: 128 };

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // No leading zeros: "010" reads as octal in some tools and as decimal in others.
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseGroups(text: string): number[] | undefined {
  if (text === "") return [];
  const groups: number[] = [];
  for (const group of text.split(":")) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    groups.push(parseInt(group, 16));
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? "");
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? "") : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  // "::" stands for at least one zero group; without it there must be exactly eight.
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const group of [...head, ...Array<number>(missing).fill(0), ...tail]) {
    value = (value << 16n) | BigInt(group);
  }
  return value;
}

function formatAddress(family: IpFamily, value: bigint): string {
  if (family === "ipv4") {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join(".");
  }
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) =>
    Number((value >> s) & 0xffffn),
  );
  // RFC 5952: compress the longest run (of two or more) of zero groups, the first if tied.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

function hostMask(family: IpFamily, prefix: number): bigint {
  return (1n << BigInt(familyBits[family] - prefix)) - 1n;
}

/** Parses a CIDR; the address must be the network address (no host bits set). */
export function parseCidr(input: string): CidrResult {
  const text = input.trim();
  const slash = text.indexOf("/");
  if (slash < 0) return { ok: false, message: `missing "/prefix": expected ${cidrRule}` };
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const family: IpFamily = address.includes(":") ? "ipv6" : "ipv4";
  const value = family === "ipv4" ? parseIpv4(address) : parseIpv6(address);
  if (value === undefined) {
    return { ok: false, message: `"${address}" is not an IP address: expected ${cidrRule}` };
  }
  const bits = familyBits[family];
  if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > bits) {
    return {
      ok: false,
      message: `the prefix length must be 0–${bits} for ${family === "ipv4" ? "IPv4" : "IPv6"}: expected ${cidrRule}`,
    };
  }
  const prefix = Number(prefixText);
  const network = value & ~hostMask(family, prefix);
  const canonical = `${formatAddress(family, network)}/${prefix}`;
  if (network !== value) {
    return { ok: false, message: `host bits are set: did you mean ${canonical}?` };
  }
  return { ok: true, cidr: { family, network, prefix, text: canonical } };
}

/** Whether two CIDRs share any address (always false across IPv4 and IPv6). */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  // Two aligned blocks overlap exactly when the wider one contains the other's network.
  const wider = a.prefix <= b.prefix ? a : b;
  const other = wider === a ? b : a;
  return (other.network & ~hostMask(wider.family, wider.prefix)) === wider.network;
}

/** A zod schema for one CIDR, with a message that says what is allowed. */
export const cidrSchema = z.string().check(
  z.superRefine((value, context) => {
    const result = parseCidr(value);
    if (!result.ok) context.addIssue({ code: "custom", message: result.message });
  }),
);
