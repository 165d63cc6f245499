import type { ButaneFile } from "./butane-types";

/**
 * Files that hold a key or a token are written 0600, so only root reads them; the same mode
 * tells them apart in a compiled config.
 */
export const secretFileMode = 0o600;

/** A file only root may read, with its inline contents. */
export const secretFile = (path: string, inline: string): ButaneFile => ({
  path,
  mode: secretFileMode,
  contents: { inline },
});

/**
 * The data URLs of the files an Ignition config writes 0600: the files that hold a key or a
 * token, whatever encoding (percent, base64, gzip) their contents have in the JSON.
 */
export function secretFileSources(ignition: string): string[] {
  try {
    const config = JSON.parse(ignition) as {
      storage?: { files?: { mode?: number; contents?: { source?: string } }[] };
    };
    return (config.storage?.files ?? [])
      .filter((file) => file.mode === secretFileMode && file.contents?.source)
      .map((file) => file.contents?.source as string);
  } catch {
    return [];
  }
}
