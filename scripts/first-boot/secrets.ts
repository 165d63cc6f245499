/**
 * The secrets rule: a file on the node that holds a private key, a bootstrap token or a join
 * token must be readable by its owner only (0600 or stricter). Found by content, not by name, so
 * a new file carrying a secret is covered without anyone listing it.
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** PEM private keys of any kind: "-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----". */
const privateKeyPattern = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
/**
 * Kubernetes bootstrap (and kubeadm join) tokens: [a-z0-9]{6}.[a-z0-9]{16}
 * (k8s.io/cluster-bootstrap/token/api: BootstrapTokenPattern), standing alone.
 */
const bootstrapTokenPattern = /(?<![A-Za-z0-9._-])[a-z0-9]{6}\.[a-z0-9]{16}(?![A-Za-z0-9._-])/;

/** What kinds of secret the text holds, e.g. ["a private key"]; empty when none. */
export function secretKinds(text: string, knownSecrets: readonly string[] = []): string[] {
  const kinds: string[] = [];
  if (privateKeyPattern.test(text)) kinds.push("a private key");
  if (bootstrapTokenPattern.test(text)) kinds.push("a bootstrap or join token");
  if (knownSecrets.some((secret) => secret !== "" && text.includes(secret)))
    kinds.push("one of the node's secrets");
  return kinds;
}

/** Regular files under root, as absolute paths inside the node ("/etc/kubeadm.yml"). */
function filesUnder(root: string, at = "/", skip: ReadonlySet<string>): string[] {
  return readdirSync(path.join(root, at), { withFileTypes: true }).flatMap((entry) => {
    const inside = path.posix.join(at, entry.name);
    if (skip.has(inside)) return [];
    if (entry.isDirectory()) return filesUnder(root, inside, skip);
    return entry.isFile() ? [inside] : [];
  });
}

/** One sentence per file that holds a secret yet can be read by its group or others. */
export function exposedSecrets(
  root: string,
  knownSecrets: readonly string[] = [],
  skip: ReadonlySet<string> = new Set(),
): string[] {
  return filesUnder(root, "/", skip).flatMap((file) => {
    const kinds = secretKinds(readFileSync(path.join(root, file), "latin1"), knownSecrets);
    const mode = lstatSync(path.join(root, file)).mode & 0o777;
    return kinds.length > 0 && (mode & 0o077) !== 0
      ? [`${file}: holds ${kinds.join(" and ")} but is mode 0${mode.toString(8)}; must be 0600`]
      : [];
  });
}
