/** The command line: the same core as the page, for automation. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { nodeFilesDirectory } from "./node-files-directory";

/** The whole usage, loaded only when asked for: a command starts without the others' text. */
async function usage(): Promise<string> {
  const [{ renderUsage }, { mirrorUsage }, { upgradeUsage }] = await Promise.all([
    import("./render-usage"),
    import("./mirror-usage"),
    import("./upgrade-usage"),
  ]);
  return `usage: cli <command> [options]

commands:
  render   write the files the wizard offers for a preset
  butane   compile Butane to Ignition, like the butane tool
  mirror   list (or download) everything the nodes fetch, for a mirror and a registry
  upgrade  take a cluster made here to the next Kubernetes version: a runbook and a script per node

${renderUsage}
${mirrorUsage}
${upgradeUsage}`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Each command loads its own code: `butane` starts without the renderer, X.509 and the catalogue.
  if (command === "render") {
    const { runRenderCommand } = await import("./render-command");
    return runRenderCommand(rest, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      writeFile: (directory, name, contents) => {
        const file = path.join(directory, name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, contents);
      },
      env: (name) => process.env[name],
      readFile: (file) => readFileSync(file, "utf8"),
    });
  }
  if (command === "mirror") {
    const { runMirrorCommand } = await import("./mirror-command");
    const { diskMirrorIo } = await import("./mirror-disk-io");
    return runMirrorCommand(
      rest,
      diskMirrorIo({
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      }),
    );
  }
  if (command === "upgrade") {
    const { runUpgradeCommand } = await import("./upgrade-command");
    return runUpgradeCommand(rest, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      writeFile: (directory, name, contents) => {
        const file = path.join(directory, name);
        mkdirSync(path.dirname(file), { recursive: true });
        // The scripts are run with sh, but an executable bit saves a step.
        writeFileSync(file, contents, { mode: name.endsWith(".sh") ? 0o755 : 0o644 });
      },
      env: (name) => process.env[name],
    });
  }
  if (command === "butane") {
    const { runButaneCommand } = await import("./butane-command");
    return runButaneCommand(rest, {
      stdin: () => readStdin(),
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      readFileText: (file) => readFileSync(file, "utf8"),
      filesDir: (directory) => nodeFilesDirectory(directory),
    });
  }
  const text = await usage();
  process.stderr.write(command ? `unknown command: ${command}\n${text}` : text);
  return command === "--help" || command === "-h" ? 0 : 2;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

process.exitCode = await main(process.argv.slice(2));
