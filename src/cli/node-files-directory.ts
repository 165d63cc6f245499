import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import type { FilesDirectory } from "../core/butane/compile";

/** `--files-dir DIR` on disk: what `local` contents and `trees` read. */
export function nodeFilesDirectory(directory: string): FilesDirectory {
  const resolve = (relativePath: string) => path.join(directory, ...relativePath.split("/"));
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch {
      return undefined;
    }
  };
  return {
    displayPath: directory,
    readFile: (relativePath) => attempt(() => readFileSync(resolve(relativePath))),
    stat: (relativePath) =>
      attempt(() => {
        const stats = lstatSync(resolve(relativePath));
        const kind = stats.isSymbolicLink()
          ? "symlink"
          : stats.isDirectory()
            ? "directory"
            : stats.isFile()
              ? "file"
              : "other";
        return { kind, executable: (stats.mode & 0o111) !== 0 } as const;
      }),
    list: (relativePath) => attempt(() => readdirSync(resolve(relativePath)).sort()),
    readLink: (relativePath) => attempt(() => readlinkSync(resolve(relativePath))),
  };
}
