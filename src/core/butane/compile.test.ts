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

  it("names Butane's first-pass struct when the document is not a mapping", () => {
    expect(compileButane("- a\n- b\n").stderr).toBe(
      "Error translating config: Error unmarshaling yaml: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into config.commonFields\n",
    );
  });
  it("refuses control characters as libyaml's reader does", () => {
    for (const c of ["\u0001", "\u0000", "\u007f"]) {
      expect(compileButane(`${head}a: "x${c}y"\n`).stderr).toBe(
        "Error translating config: Error unmarshaling yaml: yaml: control characters are not allowed\n",
      );
    }
  });
  it("warns where a struct's YAML node is null, so --strict fails", () => {
    const src = `${head}storage:\n  files:\n    - path: /a\n      contents:\n`;
    const warning =
      "warning at $.storage.files.0.contents, line 6 col 16: context tree does not match content tree at $.storage.files.0.contents. Line and column reporting may be inconsistent. Unused keys may not be reported\n";
    expect(compileButane(src).stderr).toBe(warning);
    expect(compileButane(src, { strict: true }).exitCode).toBe(1);
  });
  it("lets a local path leave the files directory when it comes back in, as Go's join does", () => {
    const files = {
      displayPath: "in",
      readFile: (p: string) => (p === "x" ? new TextEncoder().encode("hi") : undefined),
      stat: (p: string) =>
        p === "d" || p === "x"
          ? ({ kind: p === "d" ? "directory" : "file", executable: false } as const)
          : undefined,
    };
    const local = (path: string) =>
      compileButane(
        `${head}storage:\n  files:\n    - path: /f\n      contents:\n        local: ${path}\n`,
        {
          filesDir: files,
        },
      );
    expect(local("../in/x").ignition).toContain('"source":"data:,hi"');
    expect(local("../out/x").stderr).toContain(
      "local file path traverses outside the files directory",
    );
    expect(local("d").stderr).toContain(
      "error at $.storage.files.0.contents.local, line 7 col 16: read in/d: is a directory\n",
    );
  });
  it("applies merge keys as yaml.v3 does, and still warns that << is unused", () => {
    const src = `base: &base\n  variant: flatcar\n  version: 1.0.0\n<<: *base\nstorage:\n  files:\n    - &f\n      path: /a\n      mode: 0644\n    - <<: *f\n      path: /b\n`;
    const r = compileButane(src);
    expect(r.stderr).toBe(
      "warning at $.base, line 1 col 1: unused key base\nwarning at $.<<, line 4 col 1: unused key <<\nwarning at $.storage.files.1.<<, line 10 col 7: unused key <<\n",
    );
    expect(JSON.parse(r.ignition ?? "{}")).toEqual({
      ignition: { version: "3.3.0" },
      storage: {
        files: [
          { path: "/a", mode: 420 },
          { path: "/b", mode: 420 },
        ],
      },
    });
    expect(compileButane(`${head}storage:\n  <<: [1]\n`).stderr).toBe(
      "Error translating config: yaml: map merge requires map or sequence of maps as the value\n",
    );
  });
  it("refuses a tree listed twice and a tree whose root is a file, with Butane's words", () => {
    const files = {
      displayPath: "files",
      readFile: (p: string) =>
        p === "t/a" || p === "f" ? new TextEncoder().encode("x") : undefined,
      stat: (p: string) =>
        p === "t"
          ? ({ kind: "directory", executable: false } as const)
          : p === "t/a" || p === "f"
            ? ({ kind: "file", executable: false } as const)
            : undefined,
      list: (p: string) => (p === "t" ? ["a"] : undefined),
    };
    const trees = (locals: string[]) =>
      compileButane(
        `variant: flatcar\nversion: 1.1.0\nstorage:\n  trees:\n${locals.map((l) => `    - local: ${l}\n`).join("")}`,
        { filesDir: files },
      ).reports.map((r) => `${r.path}: ${r.message}`);
    expect(trees(["t"])).toEqual([]);
    expect(trees(["t", "t"])).toEqual([
      "$.storage.trees.1: matching filesystem node has existing contents or different type",
    ]);
    expect(trees(["f"])).toEqual(["$.storage.trees.0: root of tree must be a directory"]);
  });
});
