/**
 * Secrets in the preview are shown masked until the person reveals them: someone looking over
 * a shoulder, or at a screenshot, learns nothing. Copy and Download always give the real text.
 */

const maskCharacter = "•";
const pemArmour = /^-----(BEGIN|END) [A-Z ]+-----$/;

/** The secret as shown: every character but line breaks masked, a PEM's armour lines kept. */
function masked(secret: string): string {
  return secret
    .split("\n")
    .map((line) => (pemArmour.test(line) ? line : maskCharacter.repeat(line.length)))
    .join("\n");
}

/** Masks every occurrence of each secret; lines stay where they were, so line numbers hold. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let shown = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    shown = shown.split(secret).join(masked(secret));
    // A PEM inside a YAML block scalar is indented: mask its body lines one by one too.
    for (const line of secret.split("\n")) {
      if (line.length >= 16 && !pemArmour.test(line)) shown = shown.split(line).join(masked(line));
    }
  }
  return shown;
}

/** Ignition's mode for the files that hold a key or a token (0600). */
const secretFileMode = 0o600;

/**
 * The data URLs of the files an Ignition config writes 0600: the files that hold a key or a
 * token, whatever encoding (percent, base64, gzip) their contents have in the JSON.
 */
export function secretSources(ignition: string): string[] {
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
