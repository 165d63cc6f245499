import { embeddedCatalogue, type Catalogue } from "../core/catalogue/catalogue";
import { readFormInput } from "../core/config/form-input";
import { decodePreset } from "../core/config/preset";
import { renderNode, type OutputFile } from "../core/render/render-node";

export interface RenderIo {
  stdout(text: string): void;
  stderr(text: string): void;
  writeFile(directory: string, name: string, contents: string): void;
  env(name: string): string | undefined;
}

export const renderUsage = `usage: cli render --preset 'QUERY-OR-URL' [--out DIR] [--join-token TOKEN] [--strict]

Writes the files the wizard offers for that preset (config.bu and the sysupdate files)
to DIR, or prints config.bu to stdout without --out. Uses the embedded release snapshot.
The join token is a secret and never part of a preset: pass --join-token or set
FKW_JOIN_TOKEN. --strict makes an ignored preset parameter an error (exit 1).
`;

interface RenderArgs {
  preset: string;
  out?: string;
  joinToken?: string;
  strict: boolean;
}

function parseArgs(argv: string[]): RenderArgs | string {
  const args: RenderArgs = { preset: "", strict: false };
  let presetGiven = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    try {
      if (arg === "--preset") {
        args.preset = value();
        presetGiven = true;
      } else if (arg === "--out") args.out = value();
      else if (arg === "--join-token") args.joinToken = value();
      else if (arg === "--strict") args.strict = true;
      else return `unknown argument: ${arg}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!presetGiven) return "--preset is required (use --preset '' for every default)";
  return args;
}

/** `render`: the same files the page offers, for automation. Returns the exit status. */
export function runRenderCommand(
  argv: string[],
  io: RenderIo,
  catalogue: Catalogue = embeddedCatalogue(),
): number {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.stderr(`error: ${args}\n${renderUsage}`);
    return 2;
  }
  const preset = decodePreset(args.preset, catalogue);
  for (const notice of preset.notices) {
    io.stderr(
      `${args.strict ? "error" : "warning"}: preset parameter ${notice.param}=${notice.value} ignored: ${notice.message}\n`,
    );
  }
  if (args.strict && preset.notices.length > 0) return 1;

  const joinToken = args.joinToken ?? io.env("FKW_JOIN_TOKEN") ?? "";
  const { state, errors } = readFormInput({ ...preset.state, joinToken }, preset.state);
  for (const message of Object.values(errors)) io.stderr(`error: ${message}\n`);
  if (Object.keys(errors).length > 0) return 1;

  const rendered = renderNode(state);
  for (const notice of rendered.notices) io.stderr(`warning: ${notice.message}\n`);
  if (args.out === undefined) {
    io.stdout(rendered.butane);
    return 0;
  }
  writeAll(io, args.out, rendered.files);
  return 0;
}

function writeAll(io: RenderIo, directory: string, files: OutputFile[]): void {
  for (const file of files) {
    io.writeFile(directory, file.name, file.contents);
    io.stderr(`wrote ${directory}/${file.name}\n`);
  }
}
