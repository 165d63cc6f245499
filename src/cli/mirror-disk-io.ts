import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { MirrorIo } from "./mirror-command";

/** `cli mirror`'s io on the real disk; where its messages go is the caller's. */
export function diskMirrorIo(output: Pick<MirrorIo, "stdout" | "stderr">): MirrorIo {
  return {
    ...output,
    env: (name) => process.env[name],
    writeFile: (file, contents) => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, contents);
    },
    listDirectory: (directory) => (existsSync(directory) ? readdirSync(directory) : []),
    readFile: (file) => readFileSync(file),
  };
}
