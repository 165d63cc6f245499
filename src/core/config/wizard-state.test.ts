import { describe, expect, it } from "vitest";
import { caCertHashSchema, endpointSchema, hostnameSchema, joinTokenSchema } from "./wizard-state";

describe("field rules", () => {
  it.each(["node1", "worker-01.example.com", "a"])("accepts host name %s", (name) => {
    expect(hostnameSchema.safeParse(name).success).toBe(true);
  });
  it.each(["Node1", "-a", "a-", "a_b", "a..b", "x".repeat(64), "a\nb", "a b"])(
    "refuses host name %j",
    (name) => {
      expect(hostnameSchema.safeParse(name).success).toBe(false);
    },
  );
  it.each(["10.0.0.10:6443", "cp.example.com:6443", "[fd00::1]:6443", "cp:1"])(
    "accepts endpoint %s",
    (value) => {
      expect(endpointSchema.safeParse(value).success).toBe(true);
    },
  );
  it.each([
    "10.0.0.10",
    ":6443",
    "cp:0",
    "cp:65536",
    "300.1.1.1:6443",
    "cp:64 43",
    "a\n:1",
    "https://cp:6443",
  ])("refuses endpoint %j", (value) => {
    const result = endpointSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("host:port");
  });
  it("checks the join token and CA hash shapes", () => {
    expect(joinTokenSchema.safeParse("abcdef.0123456789abcdef").success).toBe(true);
    expect(joinTokenSchema.safeParse("ABCDEF.0123456789abcdef").success).toBe(false);
    expect(caCertHashSchema.safeParse(`sha256:${"f".repeat(64)}`).success).toBe(true);
    expect(caCertHashSchema.safeParse(`sha256:${"f".repeat(63)}`).success).toBe(false);
  });
});
