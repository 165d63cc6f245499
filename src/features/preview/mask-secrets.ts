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
