import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runUpgradeCommand, upgradeQuery, type UpgradeIo } from "./upgrade-command";

const fixtures = path.resolve(__dirname, "../core/catalogue/fixtures");
const releases = "/repos/flatcar/sysext-bakery/releases";

/** GitHub's recorded answers through the command's own fetch: the metadata release and v1.37.0's. */
const recordedFetch = (requested: string[]): typeof fetch =>
  (async (input: string | URL | Request) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requested.push(url.pathname);
    const file = {
      [`${releases}/tags/kubernetes`]: "metadata-release.json",
      [`${releases}/tags/kubernetes-v1.37.0`]: "release-kubernetes-v1.37.0.json",
    }[url.pathname];
    return file
      ? new Response(readFileSync(path.join(fixtures, file)), {
          headers: { "content-type": "application/json" },
        })
      : new Response('{"message":"Not Found"}', { status: 404 });
  }) as typeof fetch;

async function run(argv: string[], recorded?: typeof globalThis.fetch) {
  const out = { stdout: "", stderr: "", files: new Map<string, string>() };
  const io: UpgradeIo = {
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    writeFile: (directory, name, contents) => out.files.set(`${directory}/${name}`, contents),
    env: () => undefined,
    ...(recorded ? { fetch: recorded } : {}),
  };
  return { code: await runUpgradeCommand(argv, io), ...out };
}

const cluster =
  "https://wizard.example/?mode=cluster&k8s=v1.35.2&workers=2&control-planes=3&endpoint=10.0.0.100:6443";

describe("cli upgrade", () => {
  it("writes the runbook and a folder per node in upgrade order", async () => {
    const result = await run(["--preset", cluster, "--to", "v1.36", "--out", "up"]);
    expect(result.code).toBe(0);
    expect([...result.files.keys()]).toEqual([
      "up/README.md",
      "up/01-cp-1/upgrade.sh",
      "up/01-cp-1/renew-certificates.sh",
      "up/02-cp-2/upgrade.sh",
      "up/02-cp-2/renew-certificates.sh",
      "up/03-cp-3/upgrade.sh",
      "up/03-cp-3/renew-certificates.sh",
      "up/04-worker-1/upgrade.sh",
      "up/05-worker-2/upgrade.sh",
    ]);
    expect(result.files.get("up/01-cp-1/upgrade.sh")).toContain("to_version='v1.36.2'");
    // The embedded snapshot has no digests: said, and the script reads the bakery's listing.
    expect(result.stderr).toContain("note: Upgrade to: the release list gives no sha256");
    expect(result.stderr).toContain("wrote 9 files to up: 5 nodes, v1.35.2 → v1.36.2\n");
  });

  it("prints the runbook without --out, and says which target it chose", async () => {
    const result = await run(["--preset", cluster, "--workers", "1"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '# Upgrade cluster "kubernetes" from Kubernetes v1.35 to v1.36.2',
    );
    expect(result.stdout).toContain("kubectl drain worker-1 ");
    expect(result.stdout).not.toContain("worker-2");
    expect(result.stderr).toContain("note: upgrading to v1.36.2 (--to VERSION chooses)");
  });

  it("refuses a skip, a downgrade and an unpublished target, naming both versions, and writes nothing", async () => {
    const cases = [
      ["v1.37.0", "v1.37.0 skips minor v1.36"],
      ["v1.34.1", "v1.34.1 is older than the cluster's v1.35.2"],
      ["v1.36.9", "the bakery publishes no v1.36.9, so a cluster at v1.35.2 cannot go there yet"],
    ];
    for (const [to, message] of cases) {
      const result = await run(["--preset", cluster, "--to", to as string, "--out", "up"]);
      expect(result.code, to).toBe(1);
      expect(result.stderr).toContain(`error: Upgrade to: ${message}`);
      expect(result.files.size).toBe(0);
    }
  });

  it("with --api, pins GitHub's digest of the target image", async () => {
    const requested: string[] = [];
    const preset = cluster.replace("v1.35.2", "v1.36.2");
    const result = await run(
      ["--preset", preset, "--api", "http://github.test", "--out", "up"],
      recordedFetch(requested),
    );
    expect(result.code).toBe(0);
    expect(result.files.get("up/04-worker-1/upgrade.sh")).toContain(
      `image_sha256='${"3f".repeat(32)}'`,
    );
    expect(requested).toContain(`${releases}/tags/kubernetes-v1.37.0`);
    expect(result.stderr).not.toContain("no sha256");
  });

  it("names bad arguments", async () => {
    expect((await run([])).stderr).toContain("--preset is required");
    expect((await run(["--preset", cluster, "--workers", "x"])).code).toBe(2);
    expect((await run(["--preset", cluster, "--control-planes", "2"])).stderr).toContain(
      "--control-planes takes 1, 3, 5",
    );
  });

  it("reads the cluster's link as an upgrade, whatever mode and target it had", () => {
    expect(upgradeQuery("https://x/?mode=cluster&k8s=v1.35.2&to=v1.36.0#top", "v1.36.1")).toBe(
      "k8s=v1.35.2&mode=upgrade&to=v1.36.1",
    );
    expect(upgradeQuery("mode=upgrade&to=v1.36.0", undefined)).toBe("to=v1.36.0&mode=upgrade");
  });
});
