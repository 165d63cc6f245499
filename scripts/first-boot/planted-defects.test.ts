import { describe, expect, it } from "vitest";
import { unexpectedChanges } from "./config-copy.ts";
import type { JsonObject } from "./ignition-json.ts";
import { plantedDefects, withServiceLine } from "./planted-defects.ts";

const key = "-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n";
const config: JsonObject = {
  ignition: { version: "3.3.0" },
  storage: {
    files: [
      {
        path: "/opt/image.raw",
        contents: { source: "https://example.com/image.raw", verification: { hash: "sha256-00" } },
      },
      { path: "/etc/motd", contents: { source: "data:,hello" } },
      {
        path: "/etc/pki/ca.key",
        mode: 0o600,
        contents: { source: `data:;base64,${Buffer.from(key).toString("base64")}` },
      },
    ],
  },
  systemd: {
    units: [{ name: "a.service", contents: "[Unit]\n[Service]\nExecStart=/usr/bin/true\n" }],
  },
};

const byKind = (kind: string, name?: RegExp) => {
  const defect = plantedDefects.find((d) => d.kind === kind && (!name || name.test(d.name)));
  if (!defect) throw new Error(`no ${kind} defect`);
  return defect;
};

describe("planted defects", () => {
  it("plant one of each kind the simulation checks", () => {
    expect(new Set(plantedDefects.map((d) => d.kind))).toEqual(
      new Set(["ignition", "units", "shell", "secrets"]),
    );
  });

  it("change exactly what they name", () => {
    expect(unexpectedChanges(config, byKind("ignition", /downloaded/).plant(config, []))).toEqual(
      [],
    );
    expect(byKind("ignition", /downloaded/).options).toEqual({ tamperServedFiles: true });
    expect(unexpectedChanges(config, byKind("ignition", /inline/).plant(config, []))).toEqual([
      "storage.files[1].contents.verification",
    ]);
    expect(unexpectedChanges(config, byKind("units").plant(config, []))).toEqual([
      "systemd.units[0].contents",
    ]);
    expect(unexpectedChanges(config, byKind("secrets").plant(config, []))).toEqual([
      "storage.files[2].mode",
    ]);
    expect(byKind("secrets").plant(config, [])).toMatchObject({
      storage: { files: [{}, {}, { mode: 0o644 }] },
    });
  });

  it("say so when the config has nothing to plant them in", () => {
    const bare: JsonObject = { ignition: { version: "3.3.0" } };
    for (const defect of plantedDefects)
      expect(() => defect.plant(bare, [])).toThrow(/the config has no/);
  });

  it("add a line at the top of [Service]", () => {
    expect(withServiceLine("[Unit]\n[Service]\nType=oneshot\n", "Restart=sometimes")).toBe(
      "[Unit]\n[Service]\nRestart=sometimes\nType=oneshot\n",
    );
    expect(() => withServiceLine("[Unit]\n", "X=1")).toThrow(/no \[Service\]/);
  });
});
