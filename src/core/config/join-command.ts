import {
  caCertHashSchema,
  endpointSchema,
  joinTokenSchema,
  type WizardState,
} from "./wizard-state";

/** What a worker's join needs, named as the form's fields. */
export type JoinCommandValues = Pick<
  WizardState,
  "controlPlaneEndpoint" | "joinToken" | "caCertHash"
>;

export type JoinCommandResult =
  { ok: true; values: JoinCommandValues; notes: string[] } | { ok: false; problems: string[] };

/** Longer than any join line, with room for prompts and flags; a longer paste is something else. */
export const joinCommandMaxLength = 4096;

const prefix = "Join command:";
const printJoinCommand = "kubeadm token create --print-join-command";

/**
 * `kubeadm join`'s own flags (v1.28–1.36) and kubeadm's global ones: true when the flag takes a
 * value. kubeadm refuses any other flag, so the wizard does too.
 */
const joinFlags: Record<string, boolean> = {
  "apiserver-advertise-address": true,
  "apiserver-bind-port": true,
  "certificate-key": true,
  config: true,
  "control-plane": false,
  "cri-socket": true,
  "discovery-file": true,
  "discovery-token": true,
  "discovery-token-ca-cert-hash": true,
  "discovery-token-unsafe-skip-ca-verification": false,
  "dry-run": false,
  help: false,
  "ignore-preflight-errors": true,
  "node-name": true,
  patches: true,
  "skip-phases": true,
  "tls-bootstrap-token": true,
  token: true,
  // kubeadm's global flags (klog).
  "add-dir-header": false,
  "log-file": true,
  "log-file-max-size": true,
  "one-output": false,
  rootfs: true,
  "skip-headers": false,
  "skip-log-headers": false,
  v: true,
};

/** Flags whose value goes into the form's fields, or that change what the line means. */
const tokenFlags = ["token", "discovery-token", "tls-bootstrap-token"];

/** Values are echoed in messages so the person can find them; a runaway paste is cut short. */
function shown(value: string): string {
  return value.length > 80 ? `'${value.slice(0, 77)}…'` : `'${value}'`;
}

/** Checks a part with the form's own schema, so the message says what the field allows. */
function checkPart(
  problems: string[],
  part: string,
  value: string,
  schema: typeof endpointSchema,
): void {
  const result = schema.safeParse(value);
  if (!result.success)
    problems.push(
      `${prefix} ${part} ${shown(value)} is not ${result.error.issues[0]?.message ?? "valid"}.`,
    );
}

/** One pair of matching quotes around a value is the shell's, not the value's. */
function unquote(value: string): string {
  const first = value[0];
  if (value.length >= 2 && (first === "'" || first === '"') && value.endsWith(first))
    return value.slice(1, -1);
  return value;
}

/** A shell prompt as people copy it: `$`, `#`, `%`, `>` alone or ending a word (`root@cp-1:~#`). */
const isPrompt = (word: string) => /^\S*[$#%>]$/.test(word);
const isKubeadm = (word: string) => word === "kubeadm" || /^\S*\/kubeadm$/.test(word);

/**
 * Reads the line `kubeadm token create --print-join-command` prints on a control plane into
 * the endpoint, join token and CA cert hash a worker's form needs. Accepts what a copy from a
 * terminal or a how-to adds: a prompt, `sudo`, `\` line continuations, extra white space,
 * flags in any order, `--flag=value` or `--flag value`. Never throws: anything it cannot use
 * becomes a problem that names the part and what is allowed.
 */
export function parseJoinCommand(text: string): JoinCommandResult {
  if (text.length > joinCommandMaxLength)
    return {
      ok: false,
      problems: [
        `${prefix} ${text.length} characters is too long for one line; paste only the line ${printJoinCommand} prints.`,
      ],
    };
  // A continuation joins two lines; other line breaks are white space, as a wrapped paste has.
  const words = text
    .replace(/\\\r?\n/g, " ")
    .replace(/\\\s*$/, "")
    .split(/\s+/)
    .filter((word) => word !== "");
  if (words.length === 0)
    return {
      ok: false,
      problems: [`${prefix} empty; paste the line ${printJoinCommand} prints.`],
    };

  // The join itself, when the paste also holds the command that printed it.
  const joinAt = words.findIndex((word, index) => isKubeadm(word) && words[index + 1] === "join");
  const start = joinAt === -1 ? words.findIndex(isKubeadm) : joinAt;
  // Before kubeadm: a prompt (anything up to its last word) and sudo, nothing else.
  const beforeKubeadm = start === -1 ? words : words.slice(0, start);
  let lastPrompt = -1;
  beforeKubeadm.forEach((word, index) => {
    if (isPrompt(word)) lastPrompt = index;
  });
  // A terminal copied from the prompt on holds the command that printed the line: skip it.
  const printer = beforeKubeadm.findIndex(
    (word, index) =>
      isKubeadm(word) &&
      beforeKubeadm[index + 1] === "token" &&
      beforeKubeadm[index + 2] === "create",
  );
  const printedBy = printer !== -1 && beforeKubeadm.filter(isKubeadm).length === 1;
  if (printedBy) lastPrompt = beforeKubeadm.length - 1;
  const leading = beforeKubeadm.slice(lastPrompt + 1).filter((word) => word !== "sudo");
  if (
    (beforeKubeadm.some(isKubeadm) && !printedBy) ||
    (joinAt !== -1 && words.slice(joinAt + 2).some(isKubeadm))
  )
    return {
      ok: false,
      problems: [
        `${prefix} holds more than one kubeadm command; paste only the kubeadm join line.`,
      ],
    };
  if (start === -1 || leading.length > 0 || joinAt === -1) {
    const next = words[start + 1];
    const found =
      start === -1
        ? `it does not run kubeadm (it starts with ${shown(words[0] ?? "")})`
        : leading.length > 0
          ? `it starts with ${shown(leading[0] ?? "")}, not kubeadm join`
          : next === undefined
            ? "it is kubeadm without join"
            : `it is kubeadm ${shown(next)}, not kubeadm join`;
    return {
      ok: false,
      problems: [
        `${prefix} not a kubeadm join line: ${found}. Run ${printJoinCommand} on a control plane and paste the line it prints.`,
      ],
    };
  }

  const problems: string[] = [];
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const unknown: string[] = [];
  const args = words.slice(start + 2);
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index] ?? "";
    // pflag's forms: --name, --name=value, --name value; one letter after a single dash (-v 5).
    const flag = /^(?:--([^=\s]+)|-([a-z]))(?:=([\s\S]*))?$/i.exec(word);
    if (!flag) {
      if (word.startsWith("-")) unknown.push(word);
      else positionals.push(unquote(word));
      continue;
    }
    // -h is --help; -v is kubeadm's own short name for --v.
    const name = flag[2] === "h" ? "help" : (flag[1] ?? flag[2] ?? "");
    const takesValue = joinFlags[name];
    if (takesValue === undefined) {
      unknown.push(word.split("=")[0] ?? word);
      continue;
    }
    let value = flag[3];
    if (value === undefined && takesValue) {
      const next = args[index + 1];
      if (next === undefined || next.startsWith("-")) {
        problems.push(`${prefix} --${name} has no value after it.`);
        continue;
      }
      value = next;
      index += 1;
    }
    // A switch written --name=false is off, as pflag reads it.
    if (!takesValue && value !== undefined && /^(false|0)$/i.test(value)) continue;
    const values = flags.get(name) ?? [];
    values.push(unquote(value ?? ""));
    flags.set(name, values);
  }
  if (unknown.length > 0)
    problems.push(
      `${prefix} kubeadm join has no flag ${unknown.map(shown).join(", ")}, so kubeadm would refuse this line; check its spelling, or paste the line ${printJoinCommand} prints.`,
    );

  // A control plane's line: kubeadm init prints it beside the worker's, with a certificate key
  // (a secret that unlocks the cluster's keys for a day). A worker needs neither flag.
  const controlPlaneFlags = ["control-plane", "certificate-key"].filter((name) => flags.has(name));
  if (controlPlaneFlags.length > 0)
    problems.push(
      `${prefix} this line joins a control plane (${controlPlaneFlags.map((name) => `--${name}`).join(" and ")}); a worker needs the line without --control-plane and --certificate-key, as ${printJoinCommand} prints it.`,
    );
  if (flags.has("discovery-file"))
    problems.push(
      `${prefix} this line finds the cluster through a file (--discovery-file); the wizard's worker joins with a token and CA cert hash, as ${printJoinCommand} prints them.`,
    );

  const endpoint = positionals[0];
  // After a flag kubeadm does not know, a word may be its value, not a second endpoint.
  if (positionals.length > 1 && unknown.length === 0)
    problems.push(
      `${prefix} more than one control plane endpoint (${positionals.map(shown).join(", ")}); a join line has one host:port after kubeadm join.`,
    );
  else if (endpoint === undefined)
    problems.push(
      `${prefix} no control plane endpoint; a join line has one host:port after kubeadm join, e.g. 10.0.0.10:6443.`,
    );
  else checkPart(problems, "the endpoint", endpoint, endpointSchema);

  // --token sets both tokens kubeadm uses; the wizard's join config has one token for both.
  const tokens = [...new Set(tokenFlags.flatMap((name) => flags.get(name) ?? []))];
  const token = tokens[0];
  if (tokens.length > 1)
    problems.push(
      `${prefix} more than one token (${tokens.length} different values of --token, --discovery-token or --tls-bootstrap-token); the wizard's worker uses one token for both.`,
    );
  else if (token === undefined)
    problems.push(
      `${prefix} no --token; ${printJoinCommand} prints it as --token abcdef.0123456789abcdef.`,
    );
  else checkPart(problems, "the token", token, joinTokenSchema);

  // kubeadm reads the flag as a list (repeated, or comma-separated) to allow for a CA rotation.
  const hashes = [
    ...new Set(
      (flags.get("discovery-token-ca-cert-hash") ?? []).flatMap((value) =>
        value.split(",").filter((hash) => hash !== ""),
      ),
    ),
  ];
  const hash = hashes[0];
  if (hashes.length > 1)
    problems.push(
      `${prefix} ${hashes.length} CA cert hashes; kubeadm allows several, but the wizard takes one: keep the one ${printJoinCommand} prints now, the hash of the cluster's current CA.`,
    );
  else if (hash === undefined)
    problems.push(
      flags.has("discovery-token-unsafe-skip-ca-verification")
        ? `${prefix} no --discovery-token-ca-cert-hash, only --discovery-token-unsafe-skip-ca-verification; the wizard's worker always checks the control plane's CA, so it needs the hash ${printJoinCommand} prints.`
        : `${prefix} no --discovery-token-ca-cert-hash; ${printJoinCommand} prints it as --discovery-token-ca-cert-hash sha256: and 64 hex digits.`,
    );
  else checkPart(problems, "the CA cert hash", hash, caCertHashSchema);

  if (problems.length > 0 || endpoint === undefined || token === undefined || hash === undefined)
    return { ok: false, problems };

  // Flags kubeadm knows that the wizard's join config does not carry: said, not silently lost.
  const ignored = [...flags.keys()].filter(
    (name) => name !== "discovery-token-ca-cert-hash" && !tokenFlags.includes(name),
  );
  const notes =
    ignored.length > 0
      ? [
          `${prefix} left out ${ignored.map((name) => `--${name}`).join(", ")}: the wizard's join config does not use ${ignored.length === 1 ? "it" : "them"}${ignored.includes("node-name") ? " (set the node's name in Hostname)" : ""}.`,
        ]
      : [];
  return {
    ok: true,
    values: { controlPlaneEndpoint: endpoint, joinToken: token, caCertHash: hash },
    notes,
  };
}
