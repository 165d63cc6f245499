import { describe, expect, it } from "vitest";
import { compileButane } from "../../core/butane/compile";
import { secretFileSources as secretSources } from "../../core/render/secret-files";
import { maskSecrets } from "./mask-secrets";

const key =
  "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n";

describe("maskSecrets", () => {
  it("masks a token wherever it appears, keeping the text's length and lines", () => {
    const text = "token: abcdef.0123456789abcdef\nother: abcdef.0123456789abcdef\n";
    const shown = maskSecrets(text, ["abcdef.0123456789abcdef"]);
    expect(shown).toBe(`token: ${"•".repeat(23)}\nother: ${"•".repeat(23)}\n`);
  });

  it("masks a key's body but keeps its armour, also when indented in a block scalar", () => {
    const butane = `inline: |\n  ${key.trimEnd().split("\n").join("\n  ")}\n`;
    const shown = maskSecrets(butane, [key]);
    expect(shown).toContain("  -----BEGIN PRIVATE KEY-----\n  ••••");
    expect(shown).not.toContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
    expect(shown).not.toContain("BKcwggSjAgEAAoIBAQC7");
    expect(shown.split("\n")).toHaveLength(butane.split("\n").length);
  });
});

describe("secretSources", () => {
  it("finds the contents of the 0600 files of a compiled config, however they are encoded", () => {
    const { ignition } = compileButane(
      [
        "variant: flatcar",
        "version: 1.0.0",
        "storage:",
        "  files:",
        "    - path: /etc/kubeadm.yml",
        "      mode: 0600",
        "      contents:",
        `        inline: "${"token: abcdef.0123456789abcdef\\n".repeat(20)}"`,
        "    - path: /etc/motd",
        "      mode: 0644",
        "      contents:",
        "        inline: hello",
        "",
      ].join("\n"),
      { pretty: true },
    );
    const sources = secretSources(ignition ?? "");
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatch(/^data:/);
    expect(maskSecrets(ignition ?? "", sources)).not.toContain(sources[0]);
    expect(maskSecrets(ignition ?? "", sources)).toContain("data:,hello");
    expect(secretSources("not json")).toEqual([]);
  });
});
