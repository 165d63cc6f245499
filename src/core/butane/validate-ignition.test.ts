import { describe, expect, it } from "vitest";
import { compileButane, formatReport } from "./compile.ts";
import { cleanPath } from "./go-path.ts";

const head = "variant: flatcar\nversion: 1.1.0\n";

/** The report lines (without positions) a config produces. */
function messages(body: string): string[] {
  return compileButane(head + body).reports.map((r) =>
    formatReport({ ...r, line: undefined, column: undefined }),
  );
}

describe("Go's path.Clean", () => {
  it("cleans lexically as Go does", () => {
    expect(cleanPath("/etc/../f")).toBe("/f");
    expect(cleanPath("/var/d/")).toBe("/var/d");
    expect(cleanPath("//x")).toBe("/x");
    expect(cleanPath("/..")).toBe("/");
    expect(cleanPath("a/../../b")).toBe("../b");
    expect(cleanPath("")).toBe(".");
  });
});

describe("Ignition validations (ignition v2.23.0 config/v3_4/types)", () => {
  it("rejects paths that are not clean", () => {
    for (const p of ["/etc/../f", "/var/d/", "//x", "/a/./b"]) {
      expect(messages(`storage:\n  files:\n    - path: "${p}"\n`)).toEqual([
        "error at $.storage.files.0.path: path is not fully simplified",
      ]);
    }
  });

  it("limits filesystem labels per format, in bytes", () => {
    const fs = (format: string, label: string) =>
      messages(
        `storage:\n  filesystems:\n    - device: /dev/vdb\n      format: ${format}\n      label: "${label}"\n`,
      );
    const limits: [string, number][] = [
      ["ext4", 16],
      ["xfs", 12],
      ["vfat", 11],
      ["swap", 15],
      ["btrfs", 256],
    ];
    for (const [format, limit] of limits) {
      expect(fs(format, "L".repeat(limit))).toEqual([]);
      expect(fs(format, "L".repeat(limit + 1))).toEqual([
        `error at $.storage.filesystems.0.label: filesystem labels cannot be longer than ${limit} characters when using ${format}`,
      ]);
    }
    // 6 two-byte characters are 12 bytes: too long for vfat's 11.
    expect(fs("vfat", "éééééé")).toHaveLength(1);
  });

  it("says a filesystem without device has no path, and wants a format with a label", () => {
    expect(messages(`storage:\n  filesystems:\n    - label: data\n`)).toEqual([
      "error at $.storage.filesystems.0.device: path not specified",
      "error at $.storage.filesystems.0.format: format cannot be empty when path, label, uuid, wipeFilesystem, options, or mountOptions is specified",
      "error at $.storage.filesystems.0.label: filesystem must specify format if label is specified",
    ]);
  });

  it("checks partition labels, numbers and GUIDs", () => {
    const disk = (parts: string) =>
      messages(`storage:\n  disks:\n    - device: /dev/vdb\n      partitions:\n${parts}`);
    expect(disk(`        - label: "${"p".repeat(37)}"\n`)).toEqual([
      "error at $.storage.disks.0.partitions.0.label: partition labels may not exceed 36 characters",
    ]);
    expect(disk(`        - label: "a:b"\n`)).toEqual([
      "error at $.storage.disks.0.partitions.0.label: partition label will be truncated to text before the colon",
    ]);
    expect(disk(`        - number: 1\n        - number: 1\n`)).toEqual([
      "error at $.storage.disks.0.partitions.1: duplicate entry defined",
      "error at $.storage.disks.0.partitions.1: partition numbers collide",
    ]);
    expect(disk(`        - number: 1\n          type_guid: not-a-guid\n`)).toEqual([
      'error at $.storage.disks.0.partitions.0.type_guid: doesn\'t match the form "01234567-89AB-CDEF-EDCB-A98765432101"',
    ]);
    expect(disk(`        - size_mib: 10\n`)).toEqual([
      "error at $.storage.disks.0.partitions.0: a partition number >= 1 or a label must be specified",
    ]);
    expect(
      disk(
        `        - number: 1\n          start_mib: 10\n          size_mib: 10\n        - number: 2\n          start_mib: 15\n          size_mib: 10\n`,
      ),
    ).toEqual(["error at $.storage.disks.0.partitions.1: partitions overlap"]);
  });

  it("rejects HTTP headers named twice", () => {
    expect(
      messages(
        `storage:\n  files:\n    - path: /f\n      contents:\n        source: https://example.com/f\n        http_headers:\n          - name: A\n            value: "1"\n          - name: A\n            value: "2"\n`,
      ),
    ).toEqual(["error at $.storage.files.0.contents.http_headers.1: duplicate entry defined"]);
  });

  it("requires RAID levels and devices", () => {
    expect(messages(`storage:\n  raid:\n    - name: md0\n`)).toEqual([
      "error at $.storage.raid.0.level: raid level is required",
      "error at $.storage.raid.0.devices: raid devices required",
    ]);
  });
});
