import { describe, expect, it } from "vitest";
import { cidrSchema, cidrsOverlap, parseCidr, type Cidr } from "./cidr";

function cidr(text: string): Cidr {
  const result = parseCidr(text);
  if (!result.ok) throw new Error(result.message);
  return result.cidr;
}

describe("parseCidr", () => {
  it.each([
    ["10.244.0.0/16", "10.244.0.0/16"],
    ["192.168.0.0/16", "192.168.0.0/16"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["10.96.0.1/32", "10.96.0.1/32"],
    [" 10.0.0.0/8 ", "10.0.0.0/8"],
    ["fd00:10:244::/56", "fd00:10:244::/56"],
    ["FD00:0:0:0:0:0:0:0/8", "fd00::/8"],
    ["::/0", "::/0"],
    ["2001:db8:0:0:1:0:0:0/128", "2001:db8:0:0:1::/128"],
    ["2001:db8:0:0:1:0:0:1/128", "2001:db8::1:0:0:1/128"],
  ])("accepts %s as %s", (input, canonical) => {
    expect(cidr(input).text).toBe(canonical);
  });

  it.each([
    ["10.244.0.0", /missing "\/prefix"/],
    ["10.244.0/16", /not an IP address/],
    ["256.0.0.0/8", /not an IP address/],
    ["010.0.0.0/8", /not an IP address/],
    ["10.0.0.0/33", /prefix length must be 0–32/],
    ["10.0.0.0/-1", /prefix length/],
    ["fd00::/129", /prefix length must be 0–128/],
    ["fd00:::1/64", /not an IP address/],
    ["1:2:3:4:5:6:7:8::/64", /not an IP address/],
    ["10.244.1.0/16", /host bits are set: did you mean 10.244.0.0\/16\?/],
    ["hello", /an IPv4 CIDR like 10.244.0.0\/16/],
  ])("rejects %s", (input, message) => {
    const result = parseCidr(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe("cidrsOverlap", () => {
  it.each([
    ["10.244.0.0/16", "10.96.0.0/12", false],
    ["10.96.0.0/12", "10.100.0.0/16", true],
    ["10.0.0.0/8", "10.244.0.0/16", true],
    ["10.244.0.0/16", "10.0.0.0/8", true],
    ["192.168.0.0/16", "192.169.0.0/16", false],
    ["10.244.0.0/16", "10.244.0.0/16", true],
    ["0.0.0.0/0", "172.16.0.0/12", true],
    ["fd00::/8", "fd00:10:244::/56", true],
    ["fd00::/16", "fd01::/16", false],
    ["10.0.0.0/8", "::/0", false],
  ])("%s and %s: %s", (a, b, overlap) => {
    expect(cidrsOverlap(cidr(a), cidr(b))).toBe(overlap);
  });
});

describe("cidrSchema", () => {
  it("names what is allowed", () => {
    const result = cidrSchema.safeParse("10.244.0.0");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("an IPv4 CIDR like 10.244.0.0/16");
    expect(cidrSchema.safeParse("10.244.0.0/16").success).toBe(true);
  });
});
