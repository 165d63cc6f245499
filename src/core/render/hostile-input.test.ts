import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readFormInput, type FormInput } from "../config/form-input";
import { testSshKey } from "../config/test-keys";
import { defaultWizardState, type WizardState } from "../config/wizard-state";
import { renderNode } from "./render-node";

/** Strings that try to become structure: YAML keys, documents, unit sections, directives, files. */
export const hostilePayloads = [
  "a\nb",
  "a\r\nExecStart=/bin/sh -c evil",
  "x\n[Service]\nExecStartPre=/bin/evil",
  "---\nvariant: flatcar",
  "x: y",
  "] , {",
  "'quoted'",
  '"double"',
  "{{ .Values }}",
  "${HOME}",
  "$(reboot)",
  "`id`",
  "a\u0000b",
  "a\u0007b",
  "a\u2028b",
  "a\u2029b",
  "a\u0085b",
  "#comment",
  "& anchor",
  "*alias",
  "!!binary AAAA",
  "|\n  block",
  "x".repeat(10_000),
  "node-1\nREBOOT_STRATEGY=off",
  "10.0.0.1:6443\nExecStart=/bin/evil",
  "Thu 04:00\nSERVER=evil",
  "1h\nGROUP=evil",
  "sha256:" + "a".repeat(64) + "\n",
  "abcdef.0123456789abcdef --ignore-preflight-errors=all",
  "../../etc/passwd",
];

const base: WizardState = {
  ...defaultWizardState("v1.32.2"),
  role: "worker",
  reboot: "locksmithd",
  controlPlaneEndpoint: "10.0.0.10:6443",
  joinToken: "abcdef.0123456789abcdef",
  caCertHash: `sha256:${"0".repeat(64)}`,
  windowStart: "04:00",
  windowLength: "1h",
  hostname: "node-1",
  sshKeys: testSshKey("ssh-ed25519", "me@host"),
};

const textFields = [
  "hostname",
  "controlPlaneEndpoint",
  "joinToken",
  "caCertHash",
  "windowStart",
  "windowLength",
  "sshKeys",
] as const;

type Shape = unknown;
/** The structure of a Butane config: keys, list lengths, paths and names, unit sections and directive names. */
function shape(value: unknown, key = ""): Shape {
  if (Array.isArray(value)) return value.map((item) => shape(item));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v, k)]));
  }
  if (typeof value !== "string") return typeof value;
  if (key === "path" || key === "name" || key === "target") return value;
  if (key === "contents" || key === "inline") {
    // Unit files and update.conf: the section headers and the directive names they hold.
    return value
      .split("\n")
      .map((line) => /^\[[^\]]*\]$/.exec(line)?.[0] ?? /^[A-Za-z_]+(?==)/.exec(line)?.[0] ?? "");
  }
  return "string";
}

const shapeOf = (state: WizardState) => shape(parse(renderNode(state).butane, { version: "1.1" }));
const baseShape = shapeOf(base);

describe("hostile input never changes the structure of the output", () => {
  it.each(textFields)(
    "%s: every payload is refused with a message naming the field, or kept as data",
    (field) => {
      let refused = 0;
      for (const payload of hostilePayloads) {
        const input: FormInput = { ...base, [field]: payload };
        const { state, errors } = readFormInput(input, base);
        if (errors[field]) {
          refused++;
          expect(errors[field]).toMatch(
            /^(Hostname|Control plane endpoint|Join token|CA cert hash|Reboot window (start|length)|SSH keys): /,
          );
          // A refused value is left out, and the output keeps its shape.
        }
        const rendered = renderNode(state);
        expect(rendered.compiled.exitCode).toBe(0);
        // A refused value leaves the field empty, which drops its file or unit: compare with that.
        const expected =
          state[field] === ""
            ? shapeOf({
                ...base,
                [field]: "",
                ...(field.startsWith("window") ? { windowStart: "", windowLength: "" } : {}),
              })
            : baseShape;
        expect(shapeOf(state)).toEqual(expected);
      }
      // Only a trailing newline (trimmed, as pasted) or a key comment gets through these fields.
      expect(refused).toBeGreaterThanOrEqual(hostilePayloads.length - 2);
    },
  );

  it("an SSH key comment carries any printable text as data", () => {
    const key = testSshKey("ssh-ed25519", "x: y ] , { {{ .Values }} ${HOME} #c --- 'q'");
    const { state, errors } = readFormInput({ ...base, sshKeys: key }, base);
    expect(errors.sshKeys).toBeUndefined();
    const butane = parse(renderNode(state).butane) as {
      passwd: { users: { ssh_authorized_keys: string[] }[] };
    };
    expect(butane.passwd.users[0]?.ssh_authorized_keys).toEqual([key]);
    expect(shapeOf(state)).toEqual(baseShape);
  });
});
