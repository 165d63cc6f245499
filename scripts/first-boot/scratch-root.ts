/**
 * The root a node's Ignition run writes into: only what Flatcar has before Ignition's files
 * stage (the core user, uid/gid 500, with its home and groups, as in Flatcar's baselayout),
 * plus the one file Debian's Ignition build needs that Flatcar's does not: an SELinux config.
 */
import { chmodSync, chownSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export const coreUid = 500;

/**
 * Debian builds Ignition with SELinux relabelling on (internal/distro/distro.go: selinuxRelabel
 * "true"), so its files stage reads SELINUXTYPE from /etc/selinux/config and runs `setfiles` on
 * what it wrote. Flatcar's build relabels nothing. The smallest stub: a config naming a policy,
 * and (setfilesStub) a `setfiles` on PATH that reads the path list and changes nothing.
 */
const selinuxConfigStub = "SELINUX=disabled\nSELINUXTYPE=first-boot-stub\n";
export const setfilesStub =
  "#!/bin/sh\n# Stand-in for SELinux's setfiles: Flatcar does not relabel.\ncat >/dev/null\n";

export function makeScratchRoot(root: string): void {
  const file = (at: string, contents: string, mode = 0o644) => {
    mkdirSync(path.dirname(path.join(root, at)), { recursive: true });
    writeFileSync(path.join(root, at), contents);
    chmodSync(path.join(root, at), mode);
  };
  file(
    "/etc/passwd",
    "root:x:0:0:root:/root:/bin/bash\ncore:x:500:500:Flatcar Admin:/home/core:/bin/bash\n",
  );
  file(
    "/etc/group",
    "root:x:0:\nwheel:x:10:root,core\nsudo:x:150:core\ndocker:x:233:core\ncore:x:500:\n",
  );
  file("/etc/shadow", "root:*:19000:0:99999:7:::\ncore:*:19000:0:99999:7:::\n", 0o600);
  file(
    "/etc/gshadow",
    "root:*::\nwheel:*::root,core\nsudo:*::core\ndocker:*::core\ncore:!::\n",
    0o600,
  );
  file("/etc/selinux/config", selinuxConfigStub);
  mkdirSync(path.join(root, "root"), { recursive: true, mode: 0o700 });
  mkdirSync(path.join(root, "home/core"), { recursive: true, mode: 0o755 });
  chownSync(path.join(root, "home/core"), coreUid, coreUid);
}
