import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exposedSecrets, secretKinds } from "./secrets.ts";

describe("secretKinds", () => {
  it("finds private keys, bootstrap tokens and the node's own secrets", () => {
    expect(secretKinds("-----BEGIN EC PRIVATE KEY-----\nMHc…")).toEqual(["a private key"]);
    expect(secretKinds("-----BEGIN PRIVATE KEY-----")).toEqual(["a private key"]);
    expect(secretKinds("token: abcdef.0123456789abcdef\n")).toEqual(["a bootstrap or join token"]);
    expect(secretKinds("--token=abcdef.0123456789abcdef")).toEqual(["a bootstrap or join token"]);
    expect(secretKinds("password=hunter2", ["hunter2"])).toEqual(["one of the node's secrets"]);
  });

  it("leaves ordinary node files alone", () => {
    for (const text of [
      "-----BEGIN CERTIFICATE-----\nMIIB…",
      "https://raw.githubusercontent.com/projectcalico/calico/v3.24.1/manifests/calico.yaml",
      "/opt/extensions/kubernetes/kubernetes-v1.33.2-x86-64.raw",
      "caCertHashes: [sha256:abababab]",
      "github.githubusercontentx", // 6 + 17: not the token shape
    ])
      expect(secretKinds(text, [""])).toEqual([]);
  });
});

describe("exposedSecrets", () => {
  it("names every file holding a secret that its group or others can read", () => {
    const root = mkdtempSync(path.join(tmpdir(), "secrets-"));
    try {
      mkdirSync(path.join(root, "etc/kubernetes/pki"), { recursive: true });
      const put = (file: string, text: string, mode: number) => {
        writeFileSync(path.join(root, file), text);
        chmodSync(path.join(root, file), mode);
      };
      put("etc/kubernetes/pki/ca.key", "-----BEGIN RSA PRIVATE KEY-----\n", 0o600);
      put("etc/kubernetes/pki/ca.crt", "-----BEGIN CERTIFICATE-----\n", 0o644);
      put("etc/kubeadm.yml", "token: abcdef.0123456789abcdef\n", 0o640);
      put("etc/join.env", "TOKEN=abcdef.0123456789abcdef\n", 0o400);
      put("etc/motd", "hello\n", 0o644);
      expect(exposedSecrets(root)).toEqual([
        "/etc/kubeadm.yml: holds a bootstrap or join token but is mode 0640; must be 0600",
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
