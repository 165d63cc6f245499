/**
 * Defects planted in a good node's config, one of each kind the simulation must catch. Each is
 * applied to the original config (so the copy check still holds) and the simulation must fail
 * with a finding of the defect's kind; one that passes means a check is blind.
 */
import { resourceBytes } from "./expected-tree.ts";
import { isObject, listAt, stringAt, type JsonObject } from "./ignition-json.ts";
import { isRemoteSource } from "./config-copy.ts";
import { secretKinds } from "./secrets.ts";
import type { FindingKind, SimulationOptions } from "./simulate-node.ts";

export interface PlantedDefect {
  name: string;
  /** The kind of finding that must report it. */
  kind: FindingKind;
  /** A changed copy of the config; throws when the config has nothing to plant it in. */
  plant(config: JsonObject, knownSecrets: readonly string[]): JsonObject;
  options?: SimulationOptions;
}

const wrongSha512 = `sha512-${"0".repeat(128)}`;

/** The first unit that has its own contents, in a copy of the config, for `change` to edit. */
function changeFirstUnit(config: JsonObject, change: (contents: string) => string): JsonObject {
  const copy = structuredClone(config);
  const unit = listAt(copy, "systemd", "units").find((u) => typeof u.contents === "string");
  if (!unit) throw new Error("the config has no unit with contents to plant a defect in");
  unit.contents = change(unit.contents as string);
  return copy;
}

/** Adds a line at the top of the unit's [Service] section. */
export function withServiceLine(contents: string, line: string): string {
  if (!contents.includes("[Service]\n")) throw new Error("the unit has no [Service] section");
  return contents.replace("[Service]\n", `[Service]\n${line}\n`);
}

export const plantedDefects: readonly PlantedDefect[] = [
  {
    name: "a downloaded file whose bytes do not match the config's hash",
    kind: "ignition",
    plant(config) {
      const hashed = listAt(config, "storage", "files").some(
        (file) =>
          isObject(file.contents) &&
          isRemoteSource(stringAt(file.contents, "source") ?? "data:") &&
          isObject(file.contents.verification),
      );
      if (!hashed) throw new Error("the config has no hashed download to tamper with");
      return config;
    },
    options: { tamperServedFiles: true },
  },
  {
    name: "an inline file with a wrong hash",
    kind: "ignition",
    plant(config) {
      const copy = structuredClone(config);
      const file = listAt(copy, "storage", "files").find(
        (f) => isObject(f.contents) && !isRemoteSource(stringAt(f.contents, "source") ?? ""),
      );
      if (!file || !isObject(file.contents)) throw new Error("the config has no inline file");
      file.contents.verification = { hash: wrongSha512 };
      return copy;
    },
  },
  {
    name: "a unit directive systemd cannot parse",
    kind: "units",
    plant: (config) =>
      changeFirstUnit(config, (contents) => withServiceLine(contents, "Restart=sometimes")),
  },
  {
    name: "a broken `sh -c` string on an Exec line",
    kind: "shell",
    plant: (config) =>
      changeFirstUnit(config, (contents) =>
        withServiceLine(
          contents,
          `ExecStartPre=/usr/bin/sh -c 'if [ -e /etc/hostname ]; then echo found'`,
        ),
      ),
  },
  {
    name: "a file holding a secret made world-readable",
    kind: "secrets",
    plant(config, knownSecrets) {
      const copy = structuredClone(config);
      const file = listAt(copy, "storage", "files").find(
        (f) =>
          isObject(f.contents) &&
          !isRemoteSource(stringAt(f.contents, "source") ?? "") &&
          secretKinds(
            resourceBytes(f.contents, () => Buffer.alloc(0)).toString("latin1"),
            knownSecrets,
          ).length > 0,
      );
      if (!file) throw new Error("the config has no file holding a secret");
      file.mode = 0o644;
      return copy;
    },
  },
];
