import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkProperty,
  propertyTimeout,
  type PropertyBudget,
} from "../../test-support/property-run";
import { joinCommandMaxLength, parseJoinCommand } from "./join-command";
import { caCertHashSchema, endpointSchema, joinTokenSchema } from "./wizard-state";

const token = "abcdef.0123456789abcdef";
const hash = `sha256:${"0123456789abcdef".repeat(4)}`;
const otherHash = `sha256:${"f".repeat(64)}`;
const printed = `kubeadm join 10.0.0.10:6443 --token ${token} --discovery-token-ca-cert-hash ${hash}`;
const values = { controlPlaneEndpoint: "10.0.0.10:6443", joinToken: token, caCertHash: hash };

const problemsOf = (text: string) => {
  const result = parseJoinCommand(text);
  if (result.ok) throw new Error(`expected problems for ${text}`);
  return result.problems;
};

describe("parseJoinCommand reads the line kubeadm token create --print-join-command prints", () => {
  it("takes the endpoint, token and CA cert hash from the printed line, with no note", () => {
    expect(parseJoinCommand(printed)).toEqual({ ok: true, values, notes: [] });
    // kubeadm ends the line with a space and the terminal adds a newline.
    expect(parseJoinCommand(`${printed} \n`)).toEqual({ ok: true, values, notes: [] });
  });

  it.each([
    ["a sudo in front", `sudo ${printed}`],
    ["a $ prompt", `$ ${printed}`],
    ["a root prompt and sudo", `root@cp-1:~# sudo ${printed}`],
    ["a prompt of several words", `core@cp-1 ~ $ ${printed}`],
    ["kubeadm by its path", printed.replace("kubeadm", "/opt/bin/kubeadm")],
    [
      "line continuations, as kubeadm init prints it",
      `kubeadm join 10.0.0.10:6443 --token ${token} \\\n\t--discovery-token-ca-cert-hash ${hash}`,
    ],
    [
      "Windows line ends and a continuation at the very end",
      `kubeadm join 10.0.0.10:6443 \\\r\n  --token ${token} \\\r\n  --discovery-token-ca-cert-hash ${hash} \\`,
    ],
    [
      "a line wrapped without continuations",
      `kubeadm join 10.0.0.10:6443 --token ${token}\n--discovery-token-ca-cert-hash ${hash}`,
    ],
    [
      "extra white space",
      `   kubeadm    join\t10.0.0.10:6443   --token  ${token}  --discovery-token-ca-cert-hash   ${hash}  `,
    ],
    [
      "flags first and the endpoint last",
      `kubeadm join --discovery-token-ca-cert-hash ${hash} --token ${token} 10.0.0.10:6443`,
    ],
    [
      "--flag=value forms",
      `kubeadm join 10.0.0.10:6443 --token=${token} --discovery-token-ca-cert-hash=${hash}`,
    ],
    [
      "quoted values",
      `kubeadm join '10.0.0.10:6443' --token "${token}" --discovery-token-ca-cert-hash='${hash}'`,
    ],
    [
      "the command that printed it, then the line",
      `$ kubeadm token create --print-join-command\n${printed}`,
    ],
    [
      "--discovery-token and --tls-bootstrap-token with the same token instead of --token",
      `kubeadm join 10.0.0.10:6443 --discovery-token ${token} --tls-bootstrap-token ${token} --discovery-token-ca-cert-hash ${hash}`,
    ],
    ["the same hash twice", `${printed} --discovery-token-ca-cert-hash ${hash}`],
  ])("accepts %s", (_, text) => {
    expect(parseJoinCommand(text)).toEqual({ ok: true, values, notes: [] });
  });

  it("reads a bracketed IPv6 endpoint and a host name endpoint", () => {
    const v6 = parseJoinCommand(printed.replace("10.0.0.10:6443", "[fd00::10]:6443"));
    expect(v6.ok && v6.values.controlPlaneEndpoint).toBe("[fd00::10]:6443");
    const named = parseJoinCommand(printed.replace("10.0.0.10:6443", "cp.example.com:443"));
    expect(named.ok && named.values.controlPlaneEndpoint).toBe("cp.example.com:443");
  });

  it("gives values the form's own schemas accept", () => {
    const result = parseJoinCommand(printed);
    if (!result.ok) throw new Error(result.problems.join("\n"));
    expect(endpointSchema.safeParse(result.values.controlPlaneEndpoint).success).toBe(true);
    expect(joinTokenSchema.safeParse(result.values.joinToken).success).toBe(true);
    expect(caCertHashSchema.safeParse(result.values.caCertHash).success).toBe(true);
  });

  it("leaves out flags kubeadm knows but the wizard does not use, and names them in a note", () => {
    const result = parseJoinCommand(
      `${printed} --node-name worker-1 --v=5 --ignore-preflight-errors=all --cri-socket unix:///run/containerd/containerd.sock`,
    );
    expect(result).toEqual({
      ok: true,
      values,
      notes: [
        "Join command: left out --node-name, --v, --ignore-preflight-errors, --cri-socket: the wizard's join config does not use them (set the node's name in Hostname).",
      ],
    });
    expect(parseJoinCommand(`${printed} -v 5`)).toEqual({
      ok: true,
      values,
      notes: ["Join command: left out --v: the wizard's join config does not use it."],
    });
  });
});

describe("parseJoinCommand refuses, naming the part and what is allowed", () => {
  it("a line that is not a kubeadm join", () => {
    expect(problemsOf("")).toEqual([
      "Join command: empty; paste the line kubeadm token create --print-join-command prints.",
    ]);
    expect(problemsOf("kubectl get nodes")[0]).toContain(
      "not a kubeadm join line: it does not run kubeadm (it starts with 'kubectl')",
    );
    expect(problemsOf("kubeadm init --config /etc/kubeadm.yml")[0]).toContain(
      "not a kubeadm join line: it is kubeadm 'init', not kubeadm join. Run kubeadm token create --print-join-command on a control plane",
    );
    expect(problemsOf("kubeadm")[0]).toContain("it is kubeadm without join");
    expect(problemsOf(`echo ${printed}`)[0]).toContain("it starts with 'echo', not kubeadm join");
  });

  it("the command that prints the line, without the line", () => {
    expect(problemsOf("$ kubeadm token create --print-join-command")[0]).toContain(
      "it is kubeadm 'token', not kubeadm join",
    );
  });

  it("two commands in one paste", () => {
    const printer = "kubeadm token create --print-join-command";
    expect(problemsOf(`${printer}\n${printer}\n${printed}`)[0]).toContain(
      "more than one kubeadm command",
    );
    expect(problemsOf(`${printed}\n${printed}`)).toEqual([
      "Join command: holds more than one kubeadm command; paste only the kubeadm join line.",
    ]);
  });

  it("a line missing a part, naming each missing part", () => {
    expect(
      problemsOf(`kubeadm join --token ${token} --discovery-token-ca-cert-hash ${hash}`),
    ).toEqual([
      "Join command: no control plane endpoint; a join line has one host:port after kubeadm join, e.g. 10.0.0.10:6443.",
    ]);
    expect(problemsOf("kubeadm join 10.0.0.10:6443")).toEqual([
      "Join command: no --token; kubeadm token create --print-join-command prints it as --token abcdef.0123456789abcdef.",
      "Join command: no --discovery-token-ca-cert-hash; kubeadm token create --print-join-command prints it as --discovery-token-ca-cert-hash sha256: and 64 hex digits.",
    ]);
    expect(
      problemsOf(`kubeadm join 10.0.0.10:6443 --discovery-token-ca-cert-hash ${hash} --token`),
    ).toEqual([
      "Join command: --token has no value after it.",
      "Join command: no --token; kubeadm token create --print-join-command prints it as --token abcdef.0123456789abcdef.",
    ]);
    expect(
      problemsOf(
        `kubeadm join 10.0.0.10:6443 --token ${token} --discovery-token-unsafe-skip-ca-verification`,
      )[0],
    ).toContain(
      "only --discovery-token-unsafe-skip-ca-verification; the wizard's worker always checks",
    );
  });

  it("a part the form's schema refuses, with the schema's own words", () => {
    expect(problemsOf(printed.replace(token, "xyz"))).toEqual([
      "Join command: the token 'xyz' is not 6 then 16 lower-case letters or digits joined by '.', e.g. abcdef.0123456789abcdef.",
    ]);
    expect(problemsOf(printed.replace("10.0.0.10:6443", "10.0.0.10"))).toEqual([
      "Join command: the endpoint '10.0.0.10' is not host:port, e.g. 10.0.0.10:6443 or cp.example.com:6443 (port 1–65535).",
    ]);
    expect(problemsOf(printed.replace(hash, hash.toUpperCase()))).toEqual([
      `Join command: the CA cert hash '${hash.toUpperCase()}' is not 'sha256:' followed by 64 lower-case hex digits.`,
    ]);
    // Every bad part at once, not one per try.
    expect(
      problemsOf("kubeadm join 10.0.0.10 --token xyz --discovery-token-ca-cert-hash md5:1"),
    ).toHaveLength(3);
  });

  it("more than one CA cert hash: kubeadm allows several, the wizard's field takes one", () => {
    const message =
      "Join command: 2 CA cert hashes; kubeadm allows several, but the wizard takes one: keep the one kubeadm token create --print-join-command prints now, the hash of the cluster's current CA.";
    expect(problemsOf(`${printed} --discovery-token-ca-cert-hash ${otherHash}`)).toEqual([message]);
    // pflag reads a comma-separated list as several too.
    expect(problemsOf(printed.replace(hash, `${hash},${otherHash}`))).toEqual([message]);
  });

  it("different tokens for discovery and the TLS bootstrap", () => {
    expect(problemsOf(`${printed} --tls-bootstrap-token 123456.0123456789abcdef`)[0]).toContain(
      "more than one token (2 different values of --token, --discovery-token or --tls-bootstrap-token)",
    );
  });

  it("a control plane's join line, saying a worker needs it without those flags", () => {
    const key = "e6a2eb8581237ab72a4f494f30285ec12a9694d750b9785706a83bfcbbbd2204";
    expect(problemsOf(`${printed} --control-plane --certificate-key ${key}`)).toEqual([
      "Join command: this line joins a control plane (--control-plane and --certificate-key); a worker needs the line without --control-plane and --certificate-key, as kubeadm token create --print-join-command prints it.",
    ]);
    expect(problemsOf(`${printed} --control-plane`)[0]).toContain(
      "this line joins a control plane (--control-plane);",
    );
    // The certificate key is a secret: never echoed.
    expect(problemsOf(`${printed} --certificate-key=${key}`).join(" ")).not.toContain(key);
    // pflag reads --control-plane=false as off.
    expect(parseJoinCommand(`${printed} --control-plane=false`).ok).toBe(true);
  });

  it("flags kubeadm join does not have, as kubeadm itself would", () => {
    expect(problemsOf(printed.replace("--token", "--tokne"))).toEqual([
      "Join command: kubeadm join has no flag '--tokne', so kubeadm would refuse this line; check its spelling, or paste the line kubeadm token create --print-join-command prints.",
      "Join command: no --token; kubeadm token create --print-join-command prints it as --token abcdef.0123456789abcdef.",
    ]);
    expect(problemsOf(`${printed} -token x`)[0]).toContain("no flag '-token'");
  });

  it("file discovery and a second endpoint", () => {
    expect(problemsOf(`${printed} --discovery-file /etc/cluster-info.yaml`)[0]).toContain(
      "finds the cluster through a file (--discovery-file)",
    );
    expect(problemsOf(`${printed} 10.0.0.11:6443`)).toEqual([
      "Join command: more than one control plane endpoint ('10.0.0.10:6443', '10.0.0.11:6443'); a join line has one host:port after kubeadm join.",
    ]);
  });

  it("a paste far longer than any join line, and cuts long values short in messages", () => {
    expect(problemsOf(`${printed} ${"x".repeat(joinCommandMaxLength)}`)[0]).toContain(
      "too long for one line",
    );
    const long = "a".repeat(500);
    const [problem] = problemsOf(printed.replace(token, long));
    expect(problem).toContain(`'${"a".repeat(77)}…'`);
    expect(problem).not.toContain(long);
  });
});

const budget: PropertyBudget = { seed: 20261206, numRuns: 3000, timeLimitMs: 6_000, minRuns: 300 };

describe("properties of parseJoinCommand", () => {
  const pieces = fc.constantFrom(
    "kubeadm",
    "join",
    "sudo",
    "$",
    "\\\n",
    "\n",
    " ",
    "=",
    "--token",
    "--discovery-token-ca-cert-hash",
    "--control-plane",
    "--certificate-key",
    "-v",
    "--",
    "-",
    "'",
    '"',
    token,
    hash,
    "10.0.0.10:6443",
    "[fd00::1]:6443",
  );
  const texts = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc
      .array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 40 })
      .map((parts) => parts.join(" ")),
    fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join("")),
  );

  it(
    "never throws, and either gives values the schemas accept or at least one problem",
    () => {
      checkProperty(
        "join command parser is total",
        fc.property(texts, (text) => {
          const result = parseJoinCommand(text);
          if (result.ok) {
            expect(endpointSchema.safeParse(result.values.controlPlaneEndpoint).success).toBe(true);
            expect(joinTokenSchema.safeParse(result.values.joinToken).success).toBe(true);
            expect(caCertHashSchema.safeParse(result.values.caCertHash).success).toBe(true);
          } else {
            expect(result.problems.length).toBeGreaterThan(0);
            for (const problem of result.problems) expect(problem).toMatch(/^Join command: /);
          }
        }),
        budget,
      );
    },
    propertyTimeout(budget),
  );
});
