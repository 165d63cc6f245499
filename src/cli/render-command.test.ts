import { describe, expect, it } from "vitest";
import { runRenderCommand, type RenderIo } from "./render-command";

function run(argv: string[], env: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "", files: new Map<string, string>() };
  const io: RenderIo = {
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    writeFile: (directory, name, contents) => out.files.set(`${directory}/${name}`, contents),
    env: (name) => env[name],
  };
  return { code: runRenderCommand(argv, io), ...out };
}

describe("cli render", () => {
  it("writes config.bu and the sysupdate files for a preset", () => {
    const result = run(["--preset", "k8s=v1.33.2&arch=arm64", "--out", "out"]);
    expect(result.code).toBe(0);
    expect([...result.files.keys()]).toEqual([
      "out/config.bu",
      "out/kubernetes-v1.33.conf",
      "out/noop.conf",
    ]);
    expect(result.files.get("out/config.bu")).toContain("kubernetes-v1.33.2-arm64.raw");
    expect(result.files.get("out/kubernetes-v1.33.conf")).toContain(
      "MatchPattern=kubernetes-v1.33.@v-%a.raw\n",
    );
  });

  it("prints the Butane to stdout without --out, with the page's defaults", () => {
    const result = run(["--preset", "https://example.org/?updates=off"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("kubernetes-v1.36.2-x86-64.raw");
    expect(result.stdout).not.toContain("sysupdate");
  });

  it("warns on stderr when a worker's join values are missing, and leaves the join out", () => {
    const result = run(["--preset", "role=worker&endpoint=10.0.0.10:6443"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: Join token is not set yet");
    expect(result.stdout).not.toContain("kubeadm");
  });

  it("takes the join token from the environment, never from the preset", () => {
    const hash = `sha256:${"1".repeat(64)}`;
    const result = run(["--preset", `role=worker&endpoint=10.0.0.10:6443&ca-hash=${hash}`], {
      FKW_JOIN_TOKEN: "abcdef.0123456789abcdef",
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("--token abcdef.0123456789abcdef");
  });

  it("names an ignored parameter, and fails on it with --strict", () => {
    expect(run(["--preset", "arch=amd64"]).stderr).toContain(
      "warning: preset parameter arch=amd64 ignored: Allowed: x86-64, arm64.",
    );
    expect(run(["--preset", "arch=amd64", "--strict"]).code).toBe(1);
    expect(run(["--preset", "", "--join-token", "nope"]).stderr).toContain(
      "error: Join token: 6 then 16",
    );
    expect(run([]).code).toBe(2);
  });
});
