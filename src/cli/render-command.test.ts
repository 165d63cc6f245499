import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRenderCommand, type RenderIo } from "./render-command";

async function run(argv: string[], env: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "", files: new Map<string, string>() };
  const io: RenderIo = {
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    writeFile: (directory, name, contents) => out.files.set(`${directory}/${name}`, contents),
    env: (name) => env[name],
  };
  const code = await runRenderCommand(argv, io);
  return { code, ...out };
}

describe("cli render", () => {
  it("writes config.bu and the sysupdate files for a preset", async () => {
    const result = await run(["--preset", "k8s=v1.33.2&arch=arm64", "--out", "out"]);
    expect(result.code).toBe(0);
    expect([...result.files.keys()]).toEqual([
      "out/config.bu",
      "out/kubernetes-v1.33.conf",
      "out/noop.conf",
      "out/config.ign",
      "out/README.md",
      "out/cluster-secrets.json",
    ]);
    expect(result.stderr).toContain("wrote out/cluster-secrets.json: keep it secret");
    expect(result.files.get("out/config.bu")).toContain("kubernetes-v1.33.2-arm64.raw");
    expect(result.files.get("out/kubernetes-v1.33.conf")).toContain(
      "MatchPattern=kubernetes-v1.33.@v-%a.raw\n",
    );
  });

  it("prints the Butane to stdout without --out, with the page's defaults", async () => {
    const result = await run(["--preset", "https://example.org/?updates=off"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("kubernetes-v1.36.2-x86-64.raw");
    expect(result.stdout).not.toContain("sysupdate");
  });

  it("refuses a worker whose join values are missing: names them, writes nothing, exits 1", async () => {
    const preset = "bootstrap=manual&role=worker&endpoint=10.0.0.10:6443";
    const result = await run(["--preset", preset, "--out", "out"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "error: Join token is not set: the worker has no kubeadm join until it is. [config.bu, config.ign]\n",
    );
    expect(result.stderr).toContain("error: CA cert hash is not set");
    expect(result.stderr).toContain("error: not ready to boot (2 problems); nothing written.");
    expect(result.files.size).toBe(0);
    expect(result.stdout).toBe("");
  });

  it("--allow-incomplete writes them anyway, with the problems at the top of README.md", async () => {
    const preset = "bootstrap=manual&role=worker&endpoint=10.0.0.10:6443";
    const result = await run(["--preset", preset, "--out", "out", "--allow-incomplete"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: writing files that are not ready to boot");
    const readme = result.files.get("out/README.md") ?? "";
    expect(readme).toContain("## NOT READY TO BOOT");
    expect(readme).toContain("- Join token is not set");
    expect(result.files.get("out/config.bu")).not.toContain("kubeadm");
    expect((await run(["--preset", preset, "--allow-incomplete", "--strict"])).code).toBe(1);
  });

  it("prints notes as warnings, and fails on them with --strict", async () => {
    const result = await run(["--preset", "cni=none&endpoint=10.0.0.10:6443"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: No pod network is installed");
    const strict = await run(["--preset", "cni=none&endpoint=10.0.0.10:6443", "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("error: No pod network is installed");
  });

  it("refuses a pod CIDR the CNI cannot use, naming the field", async () => {
    const result = await run([
      "--preset",
      "cni=flannel&pod-cidr=10.42.0.0/25&endpoint=10.0.0.10:6443",
      "--workers",
      "2",
      "--out",
      "out",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: Flannel gives each node a \/24 from the pod CIDR: 10\.42\.0\.0\/25/,
    );
    expect(result.files.size).toBe(0);
  });

  it("names an ignored parameter, and fails on it with --strict", async () => {
    expect((await run(["--preset", "arch=i386"])).stderr).toContain(
      "warning: preset parameter arch=i386 ignored: Allowed: x86-64, arm64.",
    );
    expect((await run(["--preset", "arch=i386", "--strict"])).code).toBe(1);
    expect((await run(["--preset", "", "--join-token", "nope"])).stderr).toContain(
      "error: Join token: 6 then 16",
    );
    expect((await run([])).code).toBe(2);
  });
});

/** Recorded GitHub answers on 127.0.0.1: no test ever reaches github.com. */
const fixtures = path.resolve(__dirname, "../core/catalogue/fixtures");
const releases = "/repos/flatcar/sysext-bakery/releases";
let server: Server;
let api = "";
let mode: "live" | "rate-limit" = "live";
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? "");
    if (mode === "rate-limit") {
      response.writeHead(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1784210700" });
      response.end('{"message":"API rate limit exceeded"}');
      return;
    }
    const file =
      request.url === `${releases}/tags/kubernetes`
        ? "metadata-release.json"
        : request.url === `${releases}/tags/kubernetes-v1.37.0`
          ? "release-kubernetes-v1.37.0.json"
          : null;
    if (!file) {
      response.writeHead(404).end('{"message":"Not Found"}');
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(readFileSync(path.join(fixtures, file)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("cli render --api", () => {
  it("uses the live list and the chosen version's own release, in two requests", async () => {
    mode = "live";
    requested.length = 0;
    const result = await run(["--preset", "bootstrap=manual", "--api", api]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("kubernetes-v1.37.0-x86-64.raw");
    // The image is pinned to the digest GitHub gives its asset.
    expect(result.stdout).toContain(`hash: sha256-${"3f".repeat(32)}`);
    expect(requested).toEqual([
      `${releases}/tags/kubernetes`,
      `${releases}/tags/kubernetes-v1.37.0`,
    ]);
  });

  it("accepts a live version the snapshot does not know", async () => {
    mode = "live";
    const result = await run(["--preset", "k8s=v1.37", "--api", `${api}/`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("kubernetes-v1.37.0-x86-64.raw");
    expect((await run(["--preset", "k8s=v1.37"])).stderr).toContain("k8s=v1.37 ignored");
  });

  it("warns and uses the snapshot when rate limited; --strict makes it an error", async () => {
    mode = "rate-limit";
    const result = await run(["--preset", "bootstrap=manual", "--api", api]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `warning: live catalogue at ${api} unavailable (GitHub rate limit, retry at 2026-07-16T14:05:00.000Z); using the snapshot from 2026-07-16\n`,
    );
    expect(result.stdout).toContain("kubernetes-v1.36.2-x86-64.raw");
    expect((await run(["--preset", "", "--api", api, "--strict"])).code).toBe(1);
  });

  it("warns when the API cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await run(["--preset", "", "--api", `http://127.0.0.1:${port}`]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("(GitHub unreachable); using the snapshot from 2026-07-16");
  });
});

describe("cli render, Butane's word", () => {
  it("reports Butane's messages about the extra Butane and exits 1 when it does not compile", async () => {
    const bad = encodeURIComponent("storage:\n  files:\n    - path: etc/x\n");
    const result = await run(["--preset", `extra=${bad}`, "--out", "out"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error at \$\.storage\.files\.\d+\.path, line \d+ col \d+: path not absolute/,
    );
    expect([...result.files.keys()]).not.toContain("out/config.ign");
  });
});

describe("cli render, clusters", () => {
  const secretsOf = (files: Map<string, string>) => files.get("out/cluster-secrets.json") ?? "";

  it("--workers N writes a folder per node, the secrets and the README; secrets are generated", async () => {
    const result = await run([
      "--preset",
      "endpoint=10.0.0.10:6443&cni=none",
      "--workers",
      "2",
      "--out",
      "out",
    ]);
    expect(result.code).toBe(0);
    expect([...result.files.keys()]).toEqual([
      "out/control-plane/config.bu",
      "out/control-plane/config.ign",
      "out/worker-1/config.bu",
      "out/worker-1/config.ign",
      "out/worker-2/config.bu",
      "out/worker-2/config.ign",
      "out/cluster-secrets.json",
      "out/README.md",
    ]);
    const secrets = JSON.parse(secretsOf(result.files));
    expect(result.files.get("out/worker-2/config.bu")).toContain(secrets.bootstrapToken);
    expect(result.files.get("out/worker-2/config.bu")).toContain(secrets.discoveryHash);
  });

  it("--secrets FILE reuses a cluster's secrets, so later workers join the same cluster", async () => {
    const first = await run([
      "--preset",
      "endpoint=10.0.0.10:6443",
      "--workers",
      "1",
      "--out",
      "out",
    ]);
    const text = secretsOf(first.files);
    const io: RenderIo = {
      stdout: () => undefined,
      stderr: () => undefined,
      writeFile: (directory, name, contents) => files.set(`${directory}/${name}`, contents),
      env: () => undefined,
      readFile: (file) => {
        if (file !== "secrets.json") throw new Error("ENOENT: no such file");
        return text;
      },
    };
    const files = new Map<string, string>();
    const code = await runRenderCommand(
      ["--preset", "role=worker&hostname=worker-9", "--secrets", "secrets.json", "--out", "later"],
      io,
    );
    expect(code).toBe(0);
    const secrets = JSON.parse(text);
    expect(files.get("later/config.bu")).toContain(`token: ${secrets.bootstrapToken}`);
    expect(files.get("later/config.bu")).toContain("apiServerEndpoint: 10.0.0.10:6443");
    expect(files.has("later/cluster-secrets.json")).toBe(false);

    const broken = await runRenderCommand(["--preset", "", "--secrets", "missing.json"], io);
    expect(broken).toBe(1);
  });

  it("names a bad secrets file's field", async () => {
    const messages: string[] = [];
    const code = await runRenderCommand(["--preset", "", "--secrets", "s.json"], {
      stdout: () => undefined,
      stderr: (text) => messages.push(text),
      writeFile: () => undefined,
      env: () => undefined,
      readFile: () =>
        JSON.stringify({
          kind: "FlatcarKubernetesWizardClusterSecrets",
          version: 1,
          clusterName: "x",
        }),
    });
    expect(code).toBe(1);
    expect(messages.join("")).toMatch(/^error: --secrets s\.json: controlPlaneEndpoint: /);
  });

  it("--workers N without endpoint is an error: the workers could not join", async () => {
    const result = await run(["--preset", "", "--workers", "3", "--out", "out"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "error: Control plane endpoint is not set: the workers cannot join without the control plane's host:port. [every worker]",
    );
    expect(result.files.size).toBe(0);
  });

  it("refuses --workers without --out, or out of range", async () => {
    expect((await run(["--preset", "", "--workers", "2"])).stderr).toContain(
      "--workers needs --out DIR",
    );
    expect((await run(["--preset", "", "--workers", "1001", "--out", "o"])).code).toBe(2);
  });
});
