import { describe, expect, it } from "vitest";
import {
  localServerPrefix,
  remoteSources,
  sha512Hash,
  unexpectedChanges,
  withStandIns,
  type StandIn,
} from "./config-copy.ts";
import type { JsonObject } from "./ignition-json.ts";

const image = "https://extensions.flatcar.org/extensions/kubernetes-v1.33.2-x86-64.raw";
const config: JsonObject = {
  ignition: { version: "3.4.0" },
  storage: {
    files: [
      {
        path: "/opt/image.raw",
        contents: { source: image, verification: { hash: `sha256-${"ab".repeat(32)}` } },
      },
      {
        path: "/etc/a.conf.gz",
        contents: { source: "https://example.com/a.gz", compression: "gzip" },
      },
      { path: "/etc/inline", mode: 420, contents: { source: "data:,hello" } },
    ],
  },
};

function standIns(): Map<string, StandIn> {
  return new Map(
    remoteSources(config).map((source, index) => [
      source.url,
      { url: `${localServerPrefix}8080/${index}`, bytes: Buffer.from(`stand-in ${index}`) },
    ]),
  );
}

describe("the local copy of a config", () => {
  it("finds the remote sources, with their compression, and not data URLs", () => {
    expect(remoteSources(config)).toEqual([
      { url: image, gzip: false },
      { url: "https://example.com/a.gz", gzip: true },
    ]);
  });

  it("points remote sources at the stand-ins, with the stand-in's hash, and names 3.4.0 as Debian's Ignition does", () => {
    const copy = withStandIns(config, standIns()) as JsonObject;
    expect(copy).toEqual({
      ignition: { version: "3.4.0-experimental" },
      storage: {
        files: [
          {
            path: "/opt/image.raw",
            contents: {
              source: `${localServerPrefix}8080/0`,
              verification: { hash: sha512Hash(Buffer.from("stand-in 0")) },
            },
          },
          {
            path: "/etc/a.conf.gz",
            contents: { source: `${localServerPrefix}8080/1`, compression: "gzip" },
          },
          { path: "/etc/inline", mode: 420, contents: { source: "data:,hello" } },
        ],
      },
    });
    expect(unexpectedChanges(config, copy)).toEqual([]);
  });

  it("reports any other difference by its path", () => {
    const copy = withStandIns(config, standIns()) as JsonObject;
    const edited = structuredClone(copy) as {
      storage: { files: JsonObject[] };
      ignition: JsonObject;
    };
    edited.storage.files[2] = { ...edited.storage.files[2], mode: 0o600 };
    (edited.storage.files[0]?.contents as JsonObject).compression = "gzip";
    (edited.storage.files[1]?.contents as JsonObject).source = "https://elsewhere.example/a.gz";
    edited.ignition.version = "3.3.0";
    expect(unexpectedChanges(config, edited as unknown as JsonObject)).toEqual([
      "ignition.version",
      "storage.files[0].contents.compression",
      "storage.files[1].contents.source",
      "storage.files[2].mode",
    ]);
  });

  it("reports a changed inline source and a dropped list entry", () => {
    const edited = withStandIns(config, standIns()) as { storage: { files: JsonObject[] } };
    edited.storage.files[2] = { ...edited.storage.files[2], contents: { source: "data:,bye" } };
    expect(unexpectedChanges(config, edited as unknown as JsonObject)).toEqual([
      "storage.files[2].contents.source",
    ]);
    edited.storage.files.pop();
    expect(unexpectedChanges(config, edited as unknown as JsonObject)).toEqual(["storage.files"]);
  });
});
