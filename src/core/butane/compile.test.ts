import { describe, expect, it } from "vitest";
import { compileButane, formatReport, MAX_INPUT_BYTES } from "./compile.ts";

const head = "variant: flatcar\nversion: 1.0.0\n";

describe("compileButane", () => {
  it("formats reports like Butane", () => {
    expect(formatReport({ level: "error", path: "$.a", line: 5, column: 13, message: "m" })).toBe(
      "error at $.a, line 5 col 13: m",
    );
    expect(formatReport({ level: "error", path: "", line: 1, column: 1, message: "m" })).toBe(
      "error at line 1 col 1: m",
    );
  });
  it("reports positions of values and of unknown keys", () => {
    const r = compileButane(`${head}storage:\n  files:\n    - path: rel\n      contnets: {}\n`);
    expect(r.exitCode).toBe(1);
    expect(r.reports.map(formatReport)).toEqual([
      "warning at $.storage.files.0.contnets, line 6 col 7: unused key contnets",
      "error at $.storage.files.0.path, line 5 col 13: path not absolute",
    ]);
  });
  it("reads mode 0644 as octal and keeps explicit false values", () => {
    const r = compileButane(
      `${head}storage:\n  files:\n    - path: /a\n      mode: 0644\n      overwrite: false\n`,
    );
    expect(JSON.parse(r.ignition ?? "{}")).toEqual({
      ignition: { version: "3.3.0" },
      storage: { files: [{ overwrite: false, path: "/a", mode: 420 }] },
    });
  });
  it("reports Go's type errors", () => {
    const r = compileButane(
      `${head}systemd:\n  units:\n    - name: a.service\n      enabled: maybe\n`,
    );
    expect(r.stderr).toBe(
      "Error translating config: yaml: unmarshal errors:\n  line 6: cannot unmarshal !!str `maybe` into bool\n",
    );
  });
  it("fails with --strict on warnings", () => {
    const r = compileButane(`${head}foo: 1\n`, { strict: true });
    expect(r.exitCode).toBe(1);
    expect(r.ignition).toBeUndefined();
    expect(r.stderr).toContain("Config produced warnings and --strict was specified");
  });
  it("reads local contents through the files directory", () => {
    const src = `${head}storage:\n  files:\n    - path: /a\n      contents:\n        local: x.txt\n`;
    const files = {
      readFile: (p: string) => (p === "x.txt" ? new TextEncoder().encode("hi") : undefined),
    };
    const r = compileButane(src, { filesDir: files });
    expect(r.ignition).toContain('"source":"data:,hi"');
  });
  it("refuses inputs over the size limit", () => {
    const r = compileButane(" ".repeat(MAX_INPUT_BYTES + 1));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("larger than the limit");
  });
  it("survives alias bombs", () => {
    let src = `${head}a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n`;
    for (let i = 1; i < 9; i++)
      src += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(", ")}]\n`;
    const r = compileButane(src);
    expect([0, 1]).toContain(r.exitCode);
  });
});
