import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import embeddedSchedule from "../src/core/catalogue/support-schedule.json";
import embeddedSnapshot from "../src/core/catalogue/snapshot.json";
import { body, catalogueDiff, isEmpty, title } from "./catalogue-diff";

const release = (version: string, digest: string | null = null) => ({
  tag_name: `kubernetes-${version}`,
  name: `kubernetes-${version}`,
  draft: false,
  prerelease: false,
  published_at: "2026-01-01T00:00:00Z",
  assets: [
    { name: `kubernetes-${version}-x86-64.raw`, digest },
    { name: "kubernetes.conf", digest: null },
  ],
});
const row = (minor: string, endOfLifeDate = "2027-01-01") => ({
  minor,
  releaseDate: "2026-01-01",
  maintenanceModeStartDate: "2026-11-01",
  endOfLifeDate,
});
const snapshot = (date: string, ...releases: ReturnType<typeof release>[]) => ({ date, releases });
const schedule = (date: string, ...minors: ReturnType<typeof row>[]) => ({
  date,
  source: "schedule.yaml",
  minors,
});

describe("catalogue-diff", () => {
  it("finds nothing when only the dates moved", () => {
    const diff = catalogueDiff(
      snapshot("2026-01-01", release("v1.36.1")),
      snapshot("2026-02-01", release("v1.36.1")),
      schedule("2026-01-01", row("1.36")),
      schedule("2026-02-01", row("1.36")),
    );
    expect(isEmpty(diff)).toBe(true);
    expect(title(diff)).toBe("");
  });

  it("names added and removed releases in version order, changed digests and schedule rows", () => {
    const diff = catalogueDiff(
      snapshot("d", release("v1.27.3"), release("v1.36.1"), release("v1.36.2", null)),
      snapshot(
        "d",
        release("v1.36.1"),
        release("v1.36.2", "sha256:aa"),
        release("v1.37.10"),
        release("v1.37.2"),
      ),
      schedule("d", row("1.27"), row("1.36")),
      schedule("d", row("1.36", "2027-03-01"), row("1.37")),
    );
    expect(diff.added).toEqual(["v1.37.2", "v1.37.10"]);
    expect(diff.removed).toEqual(["v1.27.3"]);
    expect(diff.digests).toEqual([
      {
        version: "v1.36.2",
        asset: "kubernetes-v1.36.2-x86-64.raw",
        before: null,
        after: "sha256:aa",
      },
    ]);
    expect(title(diff)).toBe(
      "catalogue: +v1.37.2, +v1.37.10, -v1.27.3, 1 digest changed, schedule: +1.37, -1.27, 1.36 rescheduled",
    );
    expect(body(diff).split("\n")).toEqual([
      "- releases added: v1.37.2, v1.37.10",
      "- releases removed: v1.27.3",
      "- v1.36.2 `kubernetes-v1.36.2-x86-64.raw`: (none) → sha256:aa",
      "- schedule: minors added: 1.37",
      "- schedule: minors removed: 1.27",
      "- schedule: 1.36 changed endOfLifeDate",
    ]);
  });

  it("titles a release-only refresh as the issue asks", () => {
    const diff = catalogueDiff(
      snapshot("d", release("v1.37.1")),
      snapshot("d", release("v1.37.1"), release("v1.37.2")),
      schedule("d"),
      schedule("d"),
    );
    expect(title(diff)).toBe("catalogue: +v1.37.2");
  });

  it("runs as a command: silent for the embedded files against themselves, a title otherwise", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "catalogue-diff-"));
    const write = (name: string, value: unknown) => {
      const file = path.join(work, name);
      writeFileSync(file, JSON.stringify(value));
      return file;
    };
    const snap = write("snapshot.json", embeddedSnapshot);
    const sched = write("schedule.json", embeddedSchedule);
    const run = (...args: string[]) =>
      promisify(execFile)("npx", ["tsx", path.join(__dirname, "catalogue-diff.ts"), ...args]);
    expect((await run(snap, snap, sched, sched)).stdout).toBe("");
    const grown = write("grown.json", {
      ...embeddedSnapshot,
      releases: [...embeddedSnapshot.releases, release("v9.99.1")],
    });
    const { stdout } = await run(snap, grown, sched, sched);
    expect(stdout.split("\n").slice(0, 3)).toEqual([
      "catalogue: +v9.99.1",
      "",
      "- releases added: v9.99.1",
    ]);
  });
});
