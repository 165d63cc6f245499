import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogueFrom } from "../src/core/catalogue/catalogue";
import { kubernetesReleases } from "../src/core/catalogue/releases";
import { buildSnapshot } from "./snapshot";

/** Two recorded pages of the release list, linked as GitHub links them. */
const fixtures = path.resolve(__dirname, "../src/core/catalogue/fixtures");
const list = "/repos/flatcar/sysext-bakery/releases";
let server: Server;
let api = "";
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? "");
    const page =
      request.url === `${list}?per_page=100`
        ? 1
        : request.url === `${list}?per_page=100&page=2`
          ? 2
          : 0;
    if (page === 0) {
      response.writeHead(404).end("{}");
      return;
    }
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (page === 1) headers.link = `<${api}${list}?per_page=100&page=2>; rel="next"`;
    response.writeHead(200, headers);
    response.end(readFileSync(path.join(fixtures, `release-list-page-${page}.json`)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("npm run snapshot", () => {
  it("reads every page and keeps only published kubernetes-vX.Y.Z releases, with digests", async () => {
    requested.length = 0;
    const snapshot = await buildSnapshot({ apiBase: api, date: "2026-08-01" });
    expect(requested).toEqual([`${list}?per_page=100`, `${list}?per_page=100&page=2`]);
    expect(snapshot.date).toBe("2026-08-01");
    expect(snapshot.releases.map((r) => r.tag_name)).toEqual([
      "kubernetes-v1.32.2",
      "kubernetes-v1.36.2",
      "kubernetes-v1.37.0",
    ]);
    const v137 = snapshot.releases[2];
    expect(v137?.assets).toEqual([
      { name: "kubernetes-v1.37.0-x86-64.raw", digest: null },
      { name: "kubernetes-v1.37.0-arm64.raw", digest: `sha256:${"3f".repeat(32)}` },
    ]);
    // The app reads what the script writes.
    const catalogue = catalogueFrom(kubernetesReleases(snapshot.releases), {
      kind: "snapshot",
      date: snapshot.date,
    });
    expect(catalogue.newest).toMatchObject({
      version: "v1.37.0",
      sha256: { arm64: "3f".repeat(32) },
    });
  });

  it("writes the file from the command line", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "fkw-snapshot-")), "snapshot.json");
    // Asynchronously: a blocking spawn would stop this process's server from answering.
    const run = await promisify(execFile)(
      "npx",
      ["tsx", path.join(__dirname, "snapshot.ts"), "--api", api, "--out", out],
      { encoding: "utf8", timeout: 30_000 },
    );
    expect(run.stdout).toContain("wrote 3 releases (1 with digests)");
    const written = JSON.parse(readFileSync(out, "utf8")) as { date: string; releases: unknown[] };
    expect(written.releases).toHaveLength(3);
    expect(written.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }, 30_000);

  it("refuses to write an empty snapshot", async () => {
    await expect(
      buildSnapshot({ apiBase: `${api}/nothing`, date: "2026-08-01" }),
    ).rejects.toThrow();
  });
});
