import { describe, expect, it } from "vitest";
import { execCommands, scriptShell, shellCommands, splitCommandLine } from "./exec-lines.ts";

describe("splitCommandLine", () => {
  it("splits words as systemd does: quotes group, C escapes are read", () => {
    expect(splitCommandLine(`/usr/bin/sh -c "echo \\"hi\\" > /tmp/x" 'a b'`)).toEqual([
      "/usr/bin/sh",
      "-c",
      'echo "hi" > /tmp/x',
      "a b",
    ]);
    expect(splitCommandLine(`printf a\\tb\\x41\\101 ""`)).toEqual(["printf", "a\tbAA", ""]);
  });

  it("refuses an unterminated quote", () => {
    expect(() => splitCommandLine(`sh -c "echo`)).toThrow(/unterminated/);
  });
});

describe("shellCommands", () => {
  it("finds every sh -c string with its line, key and shell", () => {
    const unit = [
      "[Unit]",
      "# ExecStart=/usr/bin/sh -c 'commented out'",
      "[Service]",
      `ExecStartPre=-/usr/bin/sh -c "test -e /etc/a || touch /etc/a"`,
      "ExecStart=/usr/bin/kubeadm init",
      `ExecStartPost=/bin/bash -ec 'echo $$HOME \\`,
      `  100%%'`,
      `ExecStop=/usr/bin/true ; /usr/bin/sh -c 'echo stop'`,
    ].join("\n");
    expect(shellCommands(unit)).toEqual([
      { line: 4, key: "ExecStartPre", shell: "sh", script: "test -e /etc/a || touch /etc/a" },
      { line: 6, key: "ExecStartPost", shell: "bash", script: "echo $HOME    100%" },
      { line: 8, key: "ExecStop", shell: "sh", script: "echo stop" },
    ]);
  });

  it("lists each command's program without its prefixes", () => {
    expect(execCommands("[Service]\nExecStart=!@/usr/bin/kubelet kubelet --v=2\n")).toEqual([
      { line: 2, key: "ExecStart", program: "/usr/bin/kubelet", args: ["kubelet", "--v=2"] },
    ]);
  });

  it("skips a line systemd itself refuses (unbalanced quotes)", () => {
    expect(shellCommands(`[Service]\nExecStart=/usr/bin/sh -c "echo\n`)).toEqual([]);
  });
});

describe("scriptShell", () => {
  it("reads the shell from the #! line, through env too", () => {
    expect(scriptShell("#!/bin/sh\necho")).toBe("sh");
    expect(scriptShell("#!/usr/bin/env bash\necho")).toBe("bash");
    expect(scriptShell("#!/usr/bin/python3\nprint()")).toBeUndefined();
    expect(scriptShell("echo no shebang")).toBeUndefined();
  });
});
