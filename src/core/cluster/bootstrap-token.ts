/** kubeadm's bootstrap token form: a 6-character id, a dot, a 16-character secret. */
export const bootstrapTokenPattern = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
// The largest multiple of 36 that fits in a byte: bytes at or above it are redrawn, so every
// character is equally likely (a plain `byte % 36` would favour the first 4 characters).
const unbiasedLimit = 256 - (256 % alphabet.length);

function randomCharacters(count: number): string {
  let out = "";
  while (out.length < count) {
    const bytes = crypto.getRandomValues(new Uint8Array(count * 2));
    for (const byte of bytes) {
      if (byte >= unbiasedLimit) continue;
      out += alphabet[byte % alphabet.length];
      if (out.length === count) break;
    }
  }
  return out;
}

/** A fresh bootstrap token, e.g. "k3x9q2.0f7h1m4p8s2d6v9z" (what `kubeadm token generate` makes). */
export function generateBootstrapToken(): string {
  return `${randomCharacters(6)}.${randomCharacters(16)}`;
}
