import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { embeddedCatalogue } from "../core/catalogue/catalogue";
import { decodePreset } from "../core/config/preset";
import { mirrorList, mirrorNodes, type MirrorList } from "../core/mirror/mirror-list";
import { mirrorListText, mirrorScript } from "../core/mirror/mirror-script";
import { runMirrorCommand, type MirrorIo } from "./mirror-command";

const mirror = "https://mirror.example.com/flatcar";
const preset = `mode=cluster&workers=2&endpoint=10.0.0.10:6443&cni=flannel&mirror=${mirror}&registry=registry.example.com:5000`;
const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const encoder = new TextEncoder();

/** What each upstream URL serves: stand-in bytes, a manifest naming images, a SHA256SUMS. */
function upstream(overrides: Record<string, string> = {}): Map<string, string> {
  const served = new Map<string, string>();
  const image =
    "https://extensions.flatcar.org/extensions/kubernetes/kubernetes-v1.36.2-x86-64.raw";
  served.set(image, "stand-in image\n");
  served.set(
    "https://extensions.flatcar.org/extensions/kubernetes/SHA256SUMS",
    `${sha256("stand-in image\n")}  kubernetes-v1.36.2-x86-64.raw\n${"0".repeat(64)}  kubernetes-v1.36.1-x86-64.raw\n`,
  );
  served.set(
    "https://github.com/flannel-io/flannel/releases/download/v0.28.9/kube-flannel.yml",
    "spec:\n  containers:\n    - name: a\n      image: ghcr.io/flannel-io/flannel:v0.28.9\n  initContainers:\n  - image: flannel/flannel-cni-plugin:v1.7.1  # cni\n",
  );
  served.set(
    "https://github.com/kubereboot/kured/releases/download/1.23.0/kured-1.23.0-combined.yaml",
    "image: ghcr.io/kubereboot/kured:1.23.0\n",
  );
  for (const [url, text] of Object.entries(overrides)) served.set(url, text);
  return served;
}

async function run(argv: string[], served = upstream()) {
  const out = {
    stdout: "",
    stderr: "",
    files: new Map<string, string>(),
    fetched: [] as string[],
  };
  const io: MirrorIo = {
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    env: () => undefined,
    fetch: (async (url: string) => {
      out.fetched.push(url);
      const body = served.get(url.replace("http://from.example.com/m/", "https://"));
      return new Response(body ?? "not found", { status: body === undefined ? 404 : 200 });
    }) as typeof fetch,
    writeFile: (file, contents) => out.files.set(file, new TextDecoder().decode(contents)),
    listDirectory: (directory) =>
      [...out.files.keys()]
        .filter((file) => file.startsWith(`${directory}/`))
        .map((file) => file.slice(directory.length + 1))
        .filter((name) => !name.includes("/")),
    readFile: (file) => encoder.encode(out.files.get(file) ?? ""),
  };
  const code = await runMirrorCommand(argv, io);
  return { code, ...out };
}

const listFor = (query: string): MirrorList =>
  mirrorList(mirrorNodes(decodePreset(query, embeddedCatalogue()).state));

describe("cli mirror", () => {
  it("prints the list the core makes for the preset's nodes, and its notes on stderr", async () => {
    const result = await run(["--preset", preset]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(mirrorListText(listFor(preset)));
    expect(result.stdout).toContain(
      `${mirror}/github.com/flannel-io/flannel/releases/download/v0.28.9/kube-flannel.yml  -  https://github.com/flannel-io/flannel/releases/download/v0.28.9/kube-flannel.yml`,
    );
    expect(result.stderr).toMatch(/^note: Flannel v0\.28\.9's manifest names its images/m);
  });

  it("prints JSON or the script on request", async () => {
    const json = await run(["--preset", preset, "--json"]);
    expect(JSON.parse(json.stdout)).toEqual(listFor(preset));
    const script = await run(["--preset", preset, "--script"]);
    expect(script.stdout).toBe(mirrorScript(listFor(preset)));
  });

  it("lists the whole cluster with --workers, one node without", async () => {
    const one = "endpoint=10.0.0.10:6443&role=worker&mirror=https://m.example.com";
    const single = await run(["--preset", one]);
    expect(single.stdout).not.toContain("install-cni");
    expect(single.stdout.split("\n")[0]).toMatch(/^https:\/\/m\.example\.com\/kubernetes\//);
    const cluster = await run(["--preset", one, "--workers", "1"]);
    expect(cluster.stdout).toContain("registry.k8s.io/kube-apiserver:");
  });

  it("refuses a preset value that is not valid, naming its field", async () => {
    const result = await run(["--preset", "mirror=ftp://mirror.example.com"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: Download mirror: an http:\/\/ or https:\/\/ address/m);
  });

  it("refuses --from without --download and a --from that is not a URL", async () => {
    expect((await run(["--preset", "", "--from", "https://x.example.com"])).code).toBe(2);
    const bad = await run(["--preset", "", "--download", "d", "--from", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --from takes an http:\/\/ or https:\/\/ base URL/);
  });
});

describe("cli mirror --download", () => {
  it("lays the files out as the mirror serves them, with its own SHA256SUMS and images.txt", async () => {
    const result = await run(["--preset", preset, "--download", "out"]);
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    expect([...result.files.keys()].sort()).toEqual([
      "out/github.com/flannel-io/flannel/releases/download/v0.28.9/kube-flannel.yml",
      "out/github.com/kubereboot/kured/releases/download/1.23.0/kured-1.23.0-combined.yaml",
      "out/images.txt",
      "out/kubernetes/SHA256SUMS",
      "out/kubernetes/kubernetes-v1.36.2-x86-64.raw",
    ]);
    // Only the images this mirror holds, each checked against upstream's line.
    expect(result.files.get("out/kubernetes/SHA256SUMS")).toBe(
      `${sha256("stand-in image\n")}  kubernetes-v1.36.2-x86-64.raw\n`,
    );
    const images = result.files.get("out/images.txt") ?? "";
    expect(images).toContain(
      "registry.k8s.io/kube-proxy:v1.36.2 registry.example.com:5000/registry.k8s.io/kube-proxy:v1.36.2\n",
    );
    expect(images).toContain(
      "# named in github.com/flannel-io/flannel/releases/download/v0.28.9/kube-flannel.yml\n" +
        "ghcr.io/flannel-io/flannel:v0.28.9 registry.example.com:5000/ghcr.io/flannel-io/flannel:v0.28.9\n" +
        "docker.io/flannel/flannel-cni-plugin:v1.7.1 registry.example.com:5000/docker.io/flannel/flannel-cni-plugin:v1.7.1\n",
    );
    // kured's image is listed already: not again under its manifest.
    expect(images).not.toContain("# named in github.com/kubereboot");
  });

  it("writes the files the wizard makes, and copies from another mirror with --from", async () => {
    const query = `${preset}&sysupdate=bakery`;
    const result = await run([
      "--preset",
      query,
      "--download",
      "out",
      "--from",
      "http://from.example.com/m/extensions.flatcar.org/extensions",
    ]);
    expect(result.files.get("out/kubernetes/kubernetes-v1.36.conf")).toContain(
      `Path=${mirror}/kubernetes/\n`,
    );
    expect(result.files.get("out/noop.conf")).toContain("MatchPattern=invalid@v.raw");
    expect(result.fetched).toContain(
      "http://from.example.com/m/extensions.flatcar.org/extensions/kubernetes/kubernetes-v1.36.2-x86-64.raw",
    );
    expect(result.fetched.every((url) => url.startsWith("http://from.example.com/m/"))).toBe(true);
  });

  it("fails on a file whose bytes are not what upstream's SHA256SUMS says", async () => {
    const result = await run(
      ["--preset", preset, "--download", "out"],
      upstream({
        "https://extensions.flatcar.org/extensions/kubernetes/SHA256SUMS": `${"1".repeat(64)}  kubernetes-v1.36.2-x86-64.raw\n`,
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: kubernetes\/kubernetes-v1\.36\.2-x86-64\.raw: sha256 [0-9a-f]{64}, but .* says 1{64}$/m,
    );
    expect(result.files.get("out/kubernetes/SHA256SUMS")).toBe("\n");
  });

  it("fails on a missing file and says which", async () => {
    const served = upstream();
    served.delete(
      "https://github.com/flannel-io/flannel/releases/download/v0.28.9/kube-flannel.yml",
    );
    const result = await run(["--preset", preset, "--download", "out"], served);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "error: https://github.com/flannel-io/flannel/releases/download/v0.28.9/kube-flannel.yml: HTTP 404",
    );
  });
});
