/** Compares a tree Ignition wrote with what its config says (expected-tree.ts). */
import { existsSync, lstatSync, readFileSync, readlinkSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import type { Expectation, Owner } from "./expected-tree.ts";

export interface AccountEntry {
  name: string;
  id: number;
  fields: string[];
}

/** Lines of an /etc/passwd or /etc/group file: name:x:id:… */
export function readAccounts(file: string): AccountEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.includes(":"))
    .map((line) => {
      const fields = line.split(":");
      return { name: fields[0] ?? "", id: Number(fields[2]), fields };
    });
}

function octal(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, "0")}`;
}

/** Problems found, one sentence each; empty when the tree holds everything the config asks. */
export function checkTree(root: string, expectations: readonly Expectation[]): string[] {
  const passwd = readAccounts(path.join(root, "etc/passwd"));
  const groups = readAccounts(path.join(root, "etc/group"));
  const problems: string[] = [];
  const inRoot = (file: string) => path.join(root, file);

  const expectedId = (
    owner: Owner,
    accounts: AccountEntry[],
    what: string,
    at: string,
  ): number | undefined => {
    if (owner.id !== undefined) return owner.id;
    if (owner.name === undefined) return 0;
    const entry = accounts.find((account) => account.name === owner.name);
    if (!entry) problems.push(`${at}: ${what} ${owner.name} is not in the node's account files`);
    return entry?.id;
  };
  const checkOwner = (at: string, stats: Stats, user: Owner, group: Owner) => {
    const uid = expectedId(user, passwd, "user", at);
    const gid = expectedId(group, groups, "group", at);
    if (uid !== undefined && stats.uid !== uid)
      problems.push(`${at}: owner uid ${stats.uid}, config says ${uid}`);
    if (gid !== undefined && stats.gid !== gid)
      problems.push(`${at}: group gid ${stats.gid}, config says ${gid}`);
  };
  const statOf = (at: string): Stats | undefined => {
    try {
      return lstatSync(inRoot(at));
    } catch {
      problems.push(`${at}: missing`);
      return undefined;
    }
  };
  const checkMode = (at: string, stats: Stats, mode: number) => {
    if ((stats.mode & 0o7777) !== (mode & 0o7777))
      problems.push(`${at}: mode ${octal(stats.mode)}, config says ${octal(mode)}`);
  };

  for (const expectation of expectations) {
    switch (expectation.kind) {
      case "file": {
        const stats = statOf(expectation.path);
        if (!stats) break;
        if (!stats.isFile()) {
          problems.push(`${expectation.path}: not a regular file`);
          break;
        }
        checkMode(expectation.path, stats, expectation.mode);
        checkOwner(expectation.path, stats, expectation.user, expectation.group);
        if (!readFileSync(inRoot(expectation.path)).equals(expectation.contents))
          problems.push(`${expectation.path}: contents differ from the config's`);
        break;
      }
      case "directory": {
        const stats = statOf(expectation.path);
        if (!stats) break;
        if (!stats.isDirectory()) {
          problems.push(`${expectation.path}: not a directory`);
          break;
        }
        checkMode(expectation.path, stats, expectation.mode);
        checkOwner(expectation.path, stats, expectation.user, expectation.group);
        break;
      }
      case "symlink": {
        const stats = statOf(expectation.path);
        if (!stats) break;
        if (!stats.isSymbolicLink()) {
          problems.push(`${expectation.path}: not a symbolic link`);
          break;
        }
        const target = readlinkSync(inRoot(expectation.path));
        if (target !== expectation.target)
          problems.push(
            `${expectation.path}: links to ${target}, config says ${expectation.target}`,
          );
        checkOwner(expectation.path, stats, expectation.user, expectation.group);
        break;
      }
      case "hardlink": {
        const stats = statOf(expectation.path);
        if (!stats) break;
        let target: Stats | undefined;
        try {
          target = statSync(inRoot(expectation.target));
        } catch {
          problems.push(`${expectation.path}: hard link target ${expectation.target} is missing`);
        }
        if (target && (target.ino !== stats.ino || target.dev !== stats.dev))
          problems.push(`${expectation.path}: not a hard link to ${expectation.target}`);
        break;
      }
      case "lines": {
        const stats = statOf(expectation.path);
        if (!stats) break;
        checkMode(expectation.path, stats, expectation.mode);
        const lines = readFileSync(inRoot(expectation.path), "utf8").split("\n").filter(Boolean);
        const want = [...expectation.lines].sort();
        if (JSON.stringify([...lines].sort()) !== JSON.stringify(want))
          problems.push(
            `${expectation.path}: holds ${JSON.stringify(lines)}, config says ${JSON.stringify(want)}`,
          );
        break;
      }
      case "user":
        problems.push(...checkUser(root, expectation, passwd, groups));
        break;
      case "group": {
        const entry = groups.find((group) => group.name === expectation.name);
        if (!entry) problems.push(`group ${expectation.name}: not in /etc/group`);
        else if (expectation.gid !== undefined && entry.id !== expectation.gid)
          problems.push(
            `group ${expectation.name}: gid ${entry.id}, config says ${expectation.gid}`,
          );
        break;
      }
    }
  }
  return problems;
}

function checkUser(
  root: string,
  user: Extract<Expectation, { kind: "user" }>,
  passwd: AccountEntry[],
  groups: AccountEntry[],
): string[] {
  const entry = passwd.find((account) => account.name === user.name);
  if (!entry) return [`user ${user.name}: not in /etc/passwd`];
  const problems: string[] = [];
  const [, , , gid, , home = "", shell] = entry.fields;
  if (user.uid !== undefined && entry.id !== user.uid)
    problems.push(`user ${user.name}: uid ${entry.id}, config says ${user.uid}`);
  if (user.homeDir !== undefined && home !== user.homeDir)
    problems.push(`user ${user.name}: home ${home}, config says ${user.homeDir}`);
  if (user.shell !== undefined && shell !== user.shell)
    problems.push(`user ${user.name}: shell ${shell}, config says ${user.shell}`);
  if (user.primaryGroup !== undefined) {
    const primary = groups.find(
      (group) => group.name === user.primaryGroup || String(group.id) === user.primaryGroup,
    );
    if (primary?.id !== Number(gid))
      problems.push(
        `user ${user.name}: primary group gid ${gid}, config says ${user.primaryGroup}`,
      );
  }
  for (const name of user.groups) {
    const members = groups.find((group) => group.name === name)?.fields[3]?.split(",") ?? [];
    if (!members.includes(user.name))
      problems.push(`user ${user.name}: not a member of group ${name}`);
  }
  if (user.sshKeys.length > 0) {
    const keysFile = path.join(home, ".ssh/authorized_keys.d/ignition");
    let stats: Stats | undefined;
    try {
      stats = lstatSync(path.join(root, keysFile));
    } catch {
      problems.push(`user ${user.name}: ${keysFile} missing`);
    }
    if (stats) {
      if ((stats.mode & 0o777) !== 0o600)
        problems.push(`${keysFile}: mode ${octal(stats.mode)}, must be 0600`);
      if (stats.uid !== entry.id)
        problems.push(`${keysFile}: owner uid ${stats.uid}, must be ${user.name}'s ${entry.id}`);
      const lines = readFileSync(path.join(root, keysFile), "utf8").split("\n").filter(Boolean);
      if (JSON.stringify(lines) !== JSON.stringify(user.sshKeys))
        problems.push(
          `${keysFile}: holds ${lines.length} keys that differ from the config's ${user.sshKeys.length}`,
        );
    }
  }
  return problems;
}
