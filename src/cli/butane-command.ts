/** `butane [--strict] [--pretty] [--files-dir DIR] [FILE]`, over the same core as the page. */
import { compileButane } from "../core/butane/compile.ts";
import type { FilesDirectory } from "../core/butane/compile.ts";

export interface ButaneCommandIo {
  stdin(): Promise<string>;
  stdout(s: string): void;
  stderr(s: string): void;
  readFileText(path: string): string;
  filesDir(dir: string): FilesDirectory;
}

export const butaneUsage = `usage: butane [--strict] [--pretty] [--files-dir DIR] [FILE]

  -s, --strict          fail on any warning
  -p, --pretty          output formatted JSON
  -d, --files-dir DIR   allow embedding local files from this directory
  FILE                  the Butane config to read (stdin when absent)
`;

export async function runButaneCommand(argv: string[], io: ButaneCommandIo): Promise<number> {
  let strict = false;
  let pretty = false;
  let filesDir: string | undefined;
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "-s" || arg === "--strict") strict = true;
    else if (arg === "-p" || arg === "--pretty") pretty = true;
    else if (arg === "-d" || arg === "--files-dir") {
      const dir = argv[++i];
      if (dir === undefined) {
        io.stderr(`flag needs an argument: ${arg}\n${butaneUsage}`);
        return 1;
      }
      filesDir = dir;
    } else if (arg.startsWith("--files-dir=")) filesDir = arg.slice("--files-dir=".length);
    else if (arg === "-h" || arg === "--help") {
      io.stdout(butaneUsage);
      return 0;
    } else if (arg.startsWith("-") && arg !== "-") {
      io.stderr(`unknown flag: ${arg}\n${butaneUsage}`);
      return 1;
    } else if (file === undefined) file = arg;
    else {
      io.stderr(`too many arguments\n${butaneUsage}`);
      return 1;
    }
  }
  let source: string;
  try {
    source = file === undefined || file === "-" ? await io.stdin() : io.readFileText(file);
  } catch (e) {
    io.stderr(`failed to open ${file ?? "stdin"}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const result = compileButane(source, {
    strict,
    pretty,
    ...(filesDir === undefined ? {} : { filesDir: io.filesDir(filesDir) }),
  });
  if (result.stderr !== "") io.stderr(result.stderr);
  if (result.ignition !== undefined) io.stdout(result.ignition);
  return result.exitCode;
}
