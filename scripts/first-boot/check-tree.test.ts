import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkTree } from "./check-tree.ts";
import { expectedTree, presetPath, readOnlyPaths, type Expectation } from "./expected-tree.ts";
import type { JsonObject } from "./ignition-json.ts";

// Owners are this test's own uid/gid, so the tree can be made without root.
const uid = process.getuid?.() ?? 0;
const gid = process.getgid?.() ?? 0;
const remote = "https://example.com/tool";

const config: JsonObject = {
  ignition: { version: "3.3.0" },
  storage: {
    files: [
      {
        path: "/etc/app.conf",
        mode: 0o640,
        user: { id: uid },
        group: { id: gid },
        contents: { source: "data:,key%3Dvalue%0A" },
        append: [{ source: "data:;base64,bW9yZQo=" }],
      },
      {
        path: "/opt/bin/tool",
        mode: 0o755,
        user: { id: uid },
        group: { id: gid },
        contents: { source: remote },
      },
    ],
    directories: [{ path: "/var/lib/app", mode: 0o700, user: { id: uid }, group: { id: gid } }],
    links: [
      { path: "/etc/app-link", target: "/etc/app.conf", user: { id: uid }, group: { id: gid } },
    ],
  },
  systemd: {
    units: [
      { name: "app.service", enabled: true, contents: "[Service]\nExecStart=/opt/bin/tool\n" },
      { name: "old.service", mask: true },
      {
        name: "containerd.service",
        enabled: false,
        dropins: [{ name: "10-x.conf", contents: "[Service]\n" }],
      },
    ],
  },
};

let root: string;
const at = (file: string) => path.join(root, file);
function write(file: string, contents: string, mode = 0o644) {
  mkdirSync(path.dirname(at(file)), { recursive: true });
  writeFileSync(at(file), contents);
  chmodSync(at(file), mode);
}

/** The tree Ignition would write for `config` (unit files as root, here as this user). */
function writeGoodTree() {
  write("/etc/passwd", `root:x:0:0::/root:/bin/sh\nme:x:${uid}:${gid}::/home/me:/bin/sh\n`);
  write("/etc/group", `root:x:0:\nme:x:${gid}:\n`);
  write("/etc/app.conf", "key=value\nmore\n", 0o640);
  write("/opt/bin/tool", "stand-in\n", 0o755);
  mkdirSync(at("/var/lib/app"), { recursive: true });
  chmodSync(at("/var/lib/app"), 0o700);
  symlinkSync("/etc/app.conf", at("/etc/app-link"));
  write("/etc/systemd/system/app.service", "[Service]\nExecStart=/opt/bin/tool\n");
  symlinkSync("/dev/null", at("/etc/systemd/system/old.service"));
  write("/etc/systemd/system/containerd.service.d/10-x.conf", "[Service]\n");
  write(presetPath, "disable containerd.service\nenable app.service\n");
}

/** Expectations with unit files and the preset owned by this user rather than root. */
function expectations() {
  return expectedTree(config, () => Buffer.from("stand-in\n")).map((expectation) =>
    expectation.kind === "file" && expectation.user.id === undefined
      ? { ...expectation, user: { id: uid }, group: { id: gid } }
      : expectation.kind === "symlink" && expectation.user.id === undefined
        ? { ...expectation, user: { id: uid }, group: { id: gid } }
        : expectation,
  );
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "check-tree-"));
  writeGoodTree();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("expectedTree", () => {
  it("lists files with appended contents and fetched bytes, directories, links, units, masks and presets", () => {
    const list = expectedTree(config, () => Buffer.from("stand-in\n"));
    expect(list.map((e) => `${e.kind} ${"path" in e ? e.path : ""}`)).toEqual([
      "file /etc/app.conf",
      "file /opt/bin/tool",
      "directory /var/lib/app",
      "symlink /etc/app-link",
      "file /etc/systemd/system/app.service",
      "symlink /etc/systemd/system/old.service",
      "file /etc/systemd/system/containerd.service.d/10-x.conf",
      `lines ${presetPath}`,
    ]);
    const file = list[0];
    expect(file?.kind === "file" && file.contents.toString()).toBe("key=value\nmore\n");
    expect(list.at(-1)).toMatchObject({
      lines: ["enable app.service", "disable containerd.service"],
    });
  });

  it("gives Ignition's default modes and root ownership when the config names none", () => {
    const list = expectedTree(
      { storage: { files: [{ path: "/a" }], directories: [{ path: "/d" }] } },
      () => Buffer.alloc(0),
    );
    expect(list).toEqual([
      { kind: "file", path: "/a", mode: 0o644, user: {}, group: {}, contents: Buffer.alloc(0) },
      { kind: "directory", path: "/d", mode: 0o755, user: {}, group: {} },
    ]);
  });

  it("names paths under /usr, which Flatcar mounts read-only", () => {
    expect(
      readOnlyPaths({ storage: { files: [{ path: "/usr/local/bin/x" }, { path: "/opt/x" }] } }),
    ).toEqual(["/usr/local/bin/x"]);
  });
});

describe("checkTree", () => {
  it("accepts a tree that holds everything the config asks", () => {
    expect(checkTree(root, expectations())).toEqual([]);
  });

  it("reports a wrong mode, wrong contents, a missing entry, a wrong link and a wrong preset", () => {
    chmodSync(at("/etc/app.conf"), 0o644);
    write("/opt/bin/tool", "something else\n", 0o755);
    rmSync(at("/var/lib/app"), { recursive: true });
    rmSync(at("/etc/app-link"));
    symlinkSync("/etc/elsewhere", at("/etc/app-link"));
    rmSync(at("/etc/systemd/system/old.service"));
    write(presetPath, "enable app.service\n");
    expect(checkTree(root, expectations())).toEqual([
      "/etc/app.conf: mode 0644, config says 0640",
      "/opt/bin/tool: contents differ from the config's",
      "/var/lib/app: missing",
      "/etc/app-link: links to /etc/elsewhere, config says /etc/app.conf",
      "/etc/systemd/system/old.service: missing",
      `${presetPath}: holds ["enable app.service"], config says ["disable containerd.service","enable app.service"]`,
    ]);
  });

  it("reports a wrong owner and an owner the node does not know", () => {
    const directory = { kind: "directory", path: "/var/lib/app", mode: 0o700 } as const;
    expect(
      checkTree(root, [
        { ...directory, user: { id: uid + 1 }, group: { id: gid } },
        { ...directory, user: { name: "me" }, group: { name: "nobody-here" } },
      ]),
    ).toEqual([
      `/var/lib/app: owner uid ${uid}, config says ${uid + 1}`,
      "/var/lib/app: group nobody-here is not in the node's account files",
    ]);
  });

  it("checks a user's SSH keys: the lines, the owner and mode 0600", () => {
    const user: Expectation = {
      kind: "user",
      name: "me",
      groups: [],
      sshKeys: ["ssh-ed25519 AAAA a", "ssh-rsa BBBB b"],
    };
    write(
      "/home/me/.ssh/authorized_keys.d/ignition",
      "ssh-ed25519 AAAA a\nssh-rsa BBBB b\n",
      0o600,
    );
    expect(checkTree(root, [user])).toEqual([]);
    write("/home/me/.ssh/authorized_keys.d/ignition", "ssh-ed25519 AAAA a\n", 0o644);
    expect(checkTree(root, [user, { ...user, name: "ghost" }])).toEqual([
      "/home/me/.ssh/authorized_keys.d/ignition: mode 0644, must be 0600",
      "/home/me/.ssh/authorized_keys.d/ignition: holds 1 keys that differ from the config's 2",
      "user ghost: not in /etc/passwd",
    ]);
  });
});
