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
import { embeddedSupportSchedule } from "../src/core/catalogue/support-schedule";
import { buildSnapshot, buildSupportSchedule, supportScheduleFromYaml } from "./snapshot";

/** Two recorded pages of the release list, linked as GitHub links them. */
const fixtures = path.resolve(__dirname, "../src/core/catalogue/fixtures");
const list = "/repos/flatcar/sysext-bakery/releases";
let server: Server;
let api = "";
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? "");
    if (request.url === "/schedule.yaml") {
      response.writeHead(200, { "content-type": "text/plain" });
      response.end(readFileSync(path.join(fixtures, "schedule.yaml")));
      return;
    }
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
    const directory = mkdtempSync(path.join(tmpdir(), "fkw-snapshot-"));
    const out = path.join(directory, "snapshot.json");
    const scheduleOut = path.join(directory, "support-schedule.json");
    // Asynchronously: a blocking spawn would stop this process's server from answering.
    const run = await promisify(execFile)(
      "npx",
      [
        "tsx",
        path.join(__dirname, "snapshot.ts"),
        "--api",
        api,
        "--out",
        out,
        "--schedule-url",
        `${api}/schedule.yaml`,
        "--schedule-out",
        scheduleOut,
      ],
      { encoding: "utf8", timeout: 30_000 },
    );
    expect(run.stdout).toContain("wrote 3 releases (1 with digests)");
    expect(run.stdout).toContain("wrote the support schedule of 11 minors");
    const schedule = JSON.parse(readFileSync(scheduleOut, "utf8")) as {
      minors: { minor: string }[];
    };
    expect(schedule.minors.at(-1)?.minor).toBe("1.37");
    const written = JSON.parse(readFileSync(out, "utf8")) as { date: string; releases: unknown[] };
    expect(written.releases).toHaveLength(3);
    expect(written.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // What refresh-catalogue.yml does next: the diff against the embedded files titles the PR.
    const diff = await promisify(execFile)(
      "npx",
      [
        "tsx",
        path.join(__dirname, "catalogue-diff.ts"),
        path.join(__dirname, "../src/core/catalogue/snapshot.json"),
        out,
        path.join(__dirname, "../src/core/catalogue/support-schedule.json"),
        scheduleOut,
      ],
      { encoding: "utf8", timeout: 30_000 },
    );
    expect(diff.stdout.split("\n")[0]).toMatch(/^catalogue: \+v1\.37\.0\b/);
    expect(diff.stdout).toContain("- releases added: v1.37.0");
  }, 60_000);

  it("refuses to write an empty snapshot", async () => {
    await expect(
      buildSnapshot({ apiBase: `${api}/nothing`, date: "2026-08-01" }),
    ).rejects.toThrow();
  });
});

describe("npm run snapshot: the support schedule", () => {
  it("reads schedule.yaml, keeps minors that left it, and dates the result", async () => {
    const previous = {
      ...embeddedSupportSchedule,
      minors: embeddedSupportSchedule.minors.filter((row) => row.minor !== "1.37"),
    };
    const schedule = await buildSupportSchedule({
      url: `${api}/schedule.yaml`,
      previous,
      date: "2026-12-02",
    });
    expect(schedule.date).toBe("2026-12-02");
    expect(schedule.minors.map((row) => row.minor)).toEqual(
      embeddedSupportSchedule.minors.map((row) => row.minor),
    );
    expect(schedule.minors.at(-1)).toEqual({
      minor: "1.37",
      releaseDate: "2026-08-26",
      maintenanceModeStartDate: "2027-08-28",
      endOfLifeDate: "2027-10-28",
    });
    // An unquoted release (1.35, a YAML number) still names the minor "1.35".
    expect(schedule.minors.find((row) => row.minor === "1.35")?.endOfLifeDate).toBe("2027-02-28");
  });

  it("reads 1.30 written as a YAML number as 1.30, never 1.3", () => {
    const text =
      'schedules:\n- release: 1.30\n  releaseDate: "2024-04-17"\n  maintenanceModeStartDate: "2025-04-28"\n  endOfLifeDate: "2025-06-28"\n';
    const schedule = supportScheduleFromYaml(text, embeddedSupportSchedule, "2026-12-02");
    expect(schedule.minors.filter((row) => row.minor === "1.30")).toHaveLength(1);
    expect(schedule.minors.some((row) => row.minor === "1.3")).toBe(false);
  });

  it("refuses a schedule with no release", () => {
    expect(() =>
      supportScheduleFromYaml("schedules: []\n", embeddedSupportSchedule, "2026-12-02"),
    ).toThrow("listed no release");
  });
});
