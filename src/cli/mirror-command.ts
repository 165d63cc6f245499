import { createHash } from "node:crypto";
import { embeddedCatalogue, findRelease, type Catalogue } from "../core/catalogue/catalogue";
import type { WizardState } from "../core/config/wizard-state";
import { listedFolder, mirrorList, mirrorNodes, type MirrorList } from "../core/mirror/mirror-list";
import { parseSha256Sums, sha256SumsText } from "../core/mirror/sha256-sums";
import { listingFileName } from "../core/render/bakery";
import { mirrorListText, mirrorScript } from "../core/mirror/mirror-script";
import { isExtensionImage } from "../core/version";
import {
  mirrorBase,
  mirroredImage,
  manifestImages,
  mirrorSchema,
} from "../core/values/download-sources";
import { presetInput } from "./preset-input";
import { nodeCounts, parseFlags } from "./parse-flags";
import { mirrorUsage } from "./mirror-usage";

export interface MirrorIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env(name: string): string | undefined;
  fetch?: typeof fetch;
  /** For --download: a file below DIR, its folders made. */
  writeFile(path: string, contents: Uint8Array): void;
  /** For --download: the names in a folder, none when it does not exist. */
  listDirectory(path: string): string[];
  readFile(path: string): Uint8Array;
}

interface MirrorArgs {
  preset: string;
  workers?: number;
  controlPlanes?: WizardState["controlPlanes"];
  output: "text" | "json" | "script";
  download?: string;
  from?: string;
  api?: string;
  strict: boolean;
}

function parseArgs(argv: string[]): MirrorArgs | string {
  const parsed = parseFlags(argv, {
    "--preset": "value",
    "--workers": "value",
    "--control-planes": "value",
    "--download": "value",
    "--from": "value",
    "--api": "value",
    "--json": "switch",
    "--script": "switch",
    "--strict": "switch",
  });
  if ("problem" in parsed) return parsed.problem;
  const { flags } = parsed;
  const counts = nodeCounts(flags);
  if ("problem" in counts) return counts.problem;
  const from = flags["--from"];
  if (from !== undefined && !mirrorSchema.safeParse(from).success)
    return `--from takes an http:// or https:// base URL of a mirror, not ${from}`;
  if (flags["--preset"] === undefined)
    return "--preset is required (use --preset '' for every default)";
  if (from !== undefined && flags["--download"] === undefined) return "--from needs --download DIR";
  // The last of --json and --script given decides, as each flag's last value does.
  const output = argv.findLast((arg) => arg === "--json" || arg === "--script");
  return {
    preset: flags["--preset"],
    ...counts,
    output: output === "--json" ? "json" : output === "--script" ? "script" : "text",
    download: flags["--download"],
    from,
    api: flags["--api"],
    strict: flags["--strict"] === true,
  };
}

/** `mirror`: what the preset's nodes download, and a mirror filled with it. Returns the exit status. */
export async function runMirrorCommand(
  argv: string[],
  io: MirrorIo,
  snapshot: Catalogue = embeddedCatalogue(),
): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.stderr(`error: ${args}\n${mirrorUsage}`);
    return 2;
  }
  const input = await presetInput(args, io, snapshot);
  if (typeof input === "number") return input;
  const { catalogue, state, errors } = input;
  // A value the preset gives but that is not valid is an error: listing without it would
  // name upstream URLs for a mirror the person asked for.
  const problems = Object.values(errors);
  for (const problem of problems) io.stderr(`error: ${problem}\n`);
  if (problems.length > 0) return 1;

  const release = findRelease(catalogue, state.kubernetesVersion);
  const imageSha256 = release?.sha256[state.arch];
  const list = mirrorList(mirrorNodes(state, args.workers), imageSha256 ? { imageSha256 } : {});
  for (const note of list.notes) io.stderr(`note: ${note}\n`);
  if (args.download !== undefined) return download(list, args.download, args.from, io);
  if (args.output === "json") io.stdout(`${JSON.stringify(list, null, 2)}\n`);
  else if (args.output === "script") io.stdout(mirrorScript(list));
  else io.stdout(mirrorListText(list));
  return 0;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const encoder = new TextEncoder();

async function download(
  list: MirrorList,
  directory: string,
  from: string | undefined,
  io: MirrorIo,
): Promise<number> {
  const get = io.fetch ?? fetch;
  const sourceOf = (path: string, upstream: string) =>
    from === undefined ? upstream : `${mirrorBase(from)}/${path}`;
  let failures = 0;
  const fail = (message: string) => {
    failures++;
    io.stderr(`error: ${message}\n`);
  };
  const fetchBytes = async (url: string): Promise<Uint8Array | undefined> => {
    try {
      const response = await get(url);
      if (!response.ok) {
        fail(`${url}: HTTP ${response.status}`);
        return undefined;
      }
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      fail(`${url}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const target = (path: string) => `${directory}/${path}`;
  const listings: { folder: string; source: string }[] = [];
  const manifests: { path: string; text: string }[] = [];
  let written = 0;
  for (const file of list.files) {
    if (file.contents !== undefined) {
      io.writeFile(target(file.path), encoder.encode(file.contents));
      written++;
      continue;
    }
    if (file.source === undefined) continue;
    const folder = listedFolder(file);
    if (folder !== undefined) {
      listings.push({ folder, source: sourceOf(file.path, file.source) });
      continue;
    }
    const url = sourceOf(file.path, file.source);
    io.stderr(`fetching ${url}\n`);
    const bytes = await fetchBytes(url);
    if (!bytes) continue;
    const digest = sha256(bytes);
    if (file.sha256 !== undefined && digest !== file.sha256) {
      fail(`${url}: sha256 ${digest}, but ${file.sha256} was expected: not written`);
      continue;
    }
    io.writeFile(target(file.path), bytes);
    written++;
    if (/\.ya?ml$/.test(file.path)) {
      manifests.push({ path: file.path, text: new TextDecoder().decode(bytes) });
    }
  }
  for (const { folder, source } of listings) {
    // The mirror's own listing: one line for each image it holds, checked against upstream's.
    const names = io.listDirectory(target(folder)).filter(isExtensionImage).sort();
    const upstreamText = await fetchBytes(source);
    const upstream = upstreamText
      ? parseSha256Sums(new TextDecoder().decode(upstreamText))
      : new Map<string, string>();
    const listed = new Map<string, string>();
    for (const name of names) {
      const digest = sha256(io.readFile(target(`${folder}/${name}`)));
      const expected = upstream.get(name);
      if (upstreamText && expected === undefined) {
        io.stderr(`warning: ${folder}/${name} is not in ${source}\n`);
      } else if (expected !== undefined && expected !== digest) {
        fail(`${folder}/${name}: sha256 ${digest}, but ${source} says ${expected}`);
        continue;
      }
      listed.set(name, digest);
    }
    io.writeFile(target(`${folder}/${listingFileName}`), encoder.encode(sha256SumsText(listed)));
    written++;
  }
  const imageLines = list.images.map((image) => `${image.image} ${image.mirrored}`);
  for (const manifest of manifests) {
    const named = manifestImages(manifest.text).filter(
      (image) => !list.images.some((listed) => listed.image === image),
    );
    if (named.length === 0) continue;
    imageLines.push(`# named in ${manifest.path}`);
    imageLines.push(...named.map((image) => `${image} ${mirroredImage(image, list.registry)}`));
  }
  io.writeFile(target("images.txt"), encoder.encode(`${imageLines.join("\n")}\n`));
  io.stderr(
    `wrote ${written} files and images.txt to ${directory}${failures > 0 ? `; ${failures} failed` : ""}\n`,
  );
  return failures > 0 ? 1 : 0;
}
