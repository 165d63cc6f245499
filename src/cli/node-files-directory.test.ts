import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileButane } from "../core/butane/compile";
import { nodeFilesDirectory } from "./node-files-directory";

describe("butane --files-dir on disk", () => {
  it("embeds local files and trees with their modes and links", () => {
    const root = mkdtempSync(path.join(tmpdir(), "files-dir-"));
    mkdirSync(path.join(root, "etc/app"), { recursive: true });
    writeFileSync(path.join(root, "etc/app/a.conf"), "hi\n");
    writeFileSync(path.join(root, "etc/app/run.sh"), "#!/bin/sh\n");
    chmodSync(path.join(root, "etc/app/run.sh"), 0o755);
    symlinkSync("a.conf", path.join(root, "etc/app/link"));
    const source = `variant: flatcar
version: 1.0.0
storage:
  trees:
    - local: etc
      path: /etc
`;
    const result = compileButane(source, { filesDir: nodeFilesDirectory(root) });
    expect(result.stderr).toBe("");
    const storage = JSON.parse(result.ignition ?? "{}").storage;
    expect(storage.files).toEqual([
      {
        path: "/etc/app/a.conf",
        contents: { compression: "", source: "data:,hi%0A" },
        mode: 0o644,
      },
      {
        path: "/etc/app/run.sh",
        contents: { compression: "", source: "data:,%23!%2Fbin%2Fsh%0A" },
        mode: 0o755,
      },
    ]);
    expect(storage.links).toEqual([{ path: "/etc/app/link", target: "a.conf" }]);
    expect(nodeFilesDirectory(root).readFile("missing")).toBeUndefined();
  });
});
