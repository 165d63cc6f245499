/**
 * SSH public keys for the core user, one per line, in OpenSSH's authorized_keys format
 * ("TYPE BASE64 [comment]"). The base64 blob starts with its own key type, length-prefixed:
 * checking that it decodes and names the same type catches truncated or mangled pastes.
 */

export const sshKeyTypes = [
  "ssh-ed25519",
  "ssh-rsa",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
] as const;

const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;
/** Comments are free text, but not control characters: a key is one line of data. */
const commentPattern = /^[^\p{Cc}\u2028\u2029]*$/u;

/** The message for a line that is not a key we accept, or undefined when it is one. */
export function sshKeyProblem(line: string): string | undefined {
  const [type, blob, ...comment] = line.trim().split(/[ \t]+/);
  if (!type || !(sshKeyTypes as readonly string[]).includes(type)) {
    return `starts with "${(type ?? "").slice(0, 40)}"; allowed key types: ${sshKeyTypes.join(", ")}`;
  }
  if (!blob || !base64Pattern.test(blob) || blob.length % 4 !== 0) {
    return `the ${type} key's data is not base64`;
  }
  const bytes = Uint8Array.from(atob(blob), (char) => char.charCodeAt(0));
  const length = bytes.length >= 4 ? new DataView(bytes.buffer).getUint32(0) : -1;
  const embedded =
    length > 0 && length <= 64 && bytes.length > 4 + length
      ? String.fromCharCode(...bytes.subarray(4, 4 + length))
      : "";
  if (embedded !== type)
    return `the key data does not hold a ${type} key (truncated or mangled paste?)`;
  if (!commentPattern.test(comment.join(" "))) return "the comment holds control characters";
  return undefined;
}

/** The keys in a text, one per non-empty line. */
export function sshKeyLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** Every problem in a text of keys, naming the line. */
export function sshKeysProblem(text: string): string | undefined {
  const problems = text
    .split(/\r?\n/)
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== "")
    .flatMap(({ line, number }) => {
      const problem = sshKeyProblem(line);
      return problem ? [`line ${number}: ${problem}`] : [];
    });
  return problems.length > 0 ? problems.join("; ") : undefined;
}
