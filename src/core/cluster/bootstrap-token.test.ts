import { describe, expect, it } from "vitest";
import { bootstrapTokenPattern, generateBootstrapToken } from "./bootstrap-token";
import { joinTokenSchema } from "../config/wizard-state";

describe("generateBootstrapToken", () => {
  it("matches kubeadm's token form and the wizard's join token schema", () => {
    for (let i = 0; i < 200; i++) {
      const token = generateBootstrapToken();
      expect(token).toMatch(bootstrapTokenPattern);
      expect(joinTokenSchema.safeParse(token).success).toBe(true);
    }
  });

  it("differs between generations", () => {
    const tokens = new Set(Array.from({ length: 100 }, () => generateBootstrapToken()));
    expect(tokens.size).toBe(100);
  });

  it("uses every character of the alphabet, roughly evenly", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 20000; i++) {
      for (const c of generateBootstrapToken().replace(".", "")) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    }
    expect(counts.size).toBe(36);
    // 440,000 draws over 36 characters: ~12,222 each, σ ≈ 109; a modulo bias would push a-d to
    // ~13,750 (8/256 vs 7/256). Six σ either side: a fair generator fails about once in 10⁷ runs.
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(11570);
      expect(n).toBeLessThan(12880);
    }
  });
});
