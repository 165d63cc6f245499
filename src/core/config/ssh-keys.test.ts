import { describe, expect, it } from "vitest";
import { sshKeyProblem, sshKeyTypes, sshKeysProblem } from "./ssh-keys";
import { testSshKey } from "./test-keys";

describe("SSH keys", () => {
  it.each(sshKeyTypes)("accepts a well-formed %s key, with or without a comment", (type) => {
    expect(sshKeyProblem(testSshKey(type))).toBeUndefined();
    expect(sshKeyProblem(testSshKey(type, ""))).toBeUndefined();
  });

  it("refuses unknown types, broken base64, a blob of another type and control characters", () => {
    expect(sshKeyProblem("ssh-dss AAAAB3NzaC1kc3M= x")).toMatch(
      /^starts with "ssh-dss"; allowed key types: ssh-ed25519/,
    );
    expect(sshKeyProblem("ssh-ed25519 not*base64")).toBe(
      "the ssh-ed25519 key's data is not base64",
    );
    const rsaBlob = testSshKey("ssh-rsa", "").split(" ")[1];
    expect(sshKeyProblem(`ssh-ed25519 ${rsaBlob}`)).toMatch(/does not hold a ssh-ed25519 key/);
    expect(sshKeyProblem(`${testSshKey("ssh-ed25519", "a")}\u0007b`)).toBe(
      "the comment holds control characters",
    );
    expect(sshKeyProblem(`from="10.0.0.1" ${testSshKey("ssh-ed25519")}`)).toMatch(
      /^starts with "from=/,
    );
  });

  it("names each bad line of a text of keys, skipping blank lines", () => {
    const text = `${testSshKey("ssh-ed25519")}\n\nnot a key\n${testSshKey("ssh-rsa")}\nssh-rsa AAAA`;
    expect(sshKeysProblem(text)).toMatch(
      /^line 3: starts with "not".*; line 5: the key data does not hold a ssh-rsa key/,
    );
    expect(sshKeysProblem(`${testSshKey("ssh-ed25519")}\n`)).toBeUndefined();
  });
});
