import { beforeAll, describe, expect, it } from "vitest";
import { generateBootstrapToken } from "./bootstrap-token";
import { discoveryHash, generateClusterCa, type ClusterCa } from "./cluster-ca";
import type { ControlPlaneSecrets } from "./control-plane-files";
import { generateControlPlaneSecrets } from "./control-plane-secrets";
import {
  parseClusterSecrets,
  serializeClusterSecrets,
  type ClusterSecrets,
} from "./cluster-secrets-file";

let secrets: ClusterSecrets;
let otherCa: ClusterCa;
let shared: ControlPlaneSecrets;
let otherShared: ControlPlaneSecrets;
beforeAll(async () => {
  const [ca, other] = await Promise.all([generateClusterCa(), generateClusterCa()]);
  [shared, otherShared] = await Promise.all([
    generateControlPlaneSecrets(),
    generateControlPlaneSecrets(),
  ]);
  otherCa = other;
  secrets = {
    clusterName: "lab",
    controlPlaneEndpoint: "10.0.0.10:6443",
    bootstrapToken: generateBootstrapToken(),
    tokenTtl: "0",
    caCertificatePem: ca.certificatePem,
    caPrivateKeyPem: ca.privateKeyPem,
    discoveryHash: await discoveryHash(ca.certificatePem),
  };
});

function corrupt(change: (file: Record<string, unknown>) => void): string {
  const file = JSON.parse(serializeClusterSecrets(secrets)) as Record<string, unknown>;
  change(file);
  return JSON.stringify(file);
}

describe("cluster secrets file", () => {
  it("round-trips", async () => {
    const text = serializeClusterSecrets(secrets);
    expect(text).toMatch(
      /^\{\n {2}"kind": "FlatcarKubernetesWizardClusterSecrets",\n {2}"version": 2,/,
    );
    expect(await parseClusterSecrets(text)).toEqual({ ok: true, secrets });
  });

  it("round-trips the secrets several control planes share", async () => {
    const withShared = { ...secrets, controlPlane: shared };
    const text = serializeClusterSecrets(withShared);
    expect(JSON.parse(text)).toMatchObject({ version: 2, controlPlane: shared });
    expect(await parseClusterSecrets(text)).toEqual({ ok: true, secrets: withShared });
  });

  it("keeps the link that made the cluster as plain metadata, and reads files without it", async () => {
    const withLink = { ...secrets, shareLink: "mode=cluster&k8s=v1.35.2&workers=2" };
    const text = serializeClusterSecrets(withLink);
    expect(JSON.parse(text)).toMatchObject({ version: 2, shareLink: withLink.shareLink });
    expect(await parseClusterSecrets(text)).toEqual({ ok: true, secrets: withLink });
    expect(await parseClusterSecrets(serializeClusterSecrets(secrets))).toEqual({
      ok: true,
      secrets,
    });
    const bad = corrupt((f) => (f.shareLink = 7));
    expect(await parseClusterSecrets(bad)).toMatchObject({ ok: false });
  });

  it("still reads a version 1 file (before several control planes)", async () => {
    const text = corrupt((f) => (f.version = 1));
    expect(await parseClusterSecrets(text)).toEqual({ ok: true, secrets });
  });

  it.each<[string, () => string, RegExp]>([
    ["not JSON", () => "kind: x", /not JSON/],
    ["an array", () => "[]", /expected a JSON object/],
    ["another kind", () => corrupt((f) => (f.kind = "Other")), /kind must be/],
    ["another version", () => corrupt((f) => (f.version = 3)), /^version: 1 or 2/],
    [
      "a service-account public key of another pair",
      () =>
        corrupt(
          (f) =>
            (f.controlPlane = {
              ...shared,
              serviceAccountPublicKeyPem: otherShared.serviceAccountPublicKeyPem,
            }),
        ),
      /^controlPlane\.serviceAccountPublicKeyPem: does not belong/,
    ],
    [
      "an etcd CA key of another CA",
      () =>
        corrupt(
          (f) =>
            (f.controlPlane = { ...shared, etcdCaPrivateKeyPem: otherShared.etcdCaPrivateKeyPem }),
        ),
      /^controlPlane\.etcdCaPrivateKeyPem: the private key does not belong/,
    ],
    [
      "a missing front-proxy CA",
      () =>
        corrupt((f) => {
          const partial: Partial<ControlPlaneSecrets> = { ...shared };
          delete partial.frontProxyCaCertificatePem;
          f.controlPlane = partial;
        }),
      /^controlPlane\.frontProxyCaCertificatePem: /,
    ],
    ["a bad cluster name", () => corrupt((f) => (f.clusterName = "Lab_1")), /^clusterName: /],
    [
      "an endpoint without a port",
      () => corrupt((f) => (f.controlPlaneEndpoint = "10.0.0.10")),
      /^controlPlaneEndpoint: host:port/,
    ],
    [
      "a bad token",
      () => corrupt((f) => (f.bootstrapToken = "ABCDEF.0123456789abcdef")),
      /^bootstrapToken: 6 then 16/,
    ],
    ["a missing token", () => corrupt((f) => delete f.bootstrapToken), /^bootstrapToken: /],
    ["a bad TTL", () => corrupt((f) => (f.tokenTtl = "48h")), /^tokenTtl: "24h" or "0"/],
    [
      "a hash of the wrong form",
      () => corrupt((f) => (f.discoveryHash = "sha1:abc")),
      /^discoveryHash: 'sha256:' followed by 64/,
    ],
    [
      "a hash of another CA",
      () => corrupt((f) => (f.discoveryHash = `sha256:${"0".repeat(64)}`)),
      /^discoveryHash: does not match the CA certificate/,
    ],
    [
      "a damaged certificate",
      () => corrupt((f) => (f.caCertificatePem = "-----BEGIN CERTIFICATE-----\nxx")),
      /^caCertificatePem: not a PEM certificate/,
    ],
    ["an empty key", () => corrupt((f) => (f.caPrivateKeyPem = "")), /^caPrivateKeyPem: /],
    [
      "another CA's key",
      () => corrupt((f) => (f.caPrivateKeyPem = otherCa.privateKeyPem)),
      /^caPrivateKeyPem: the private key does not belong/,
    ],
  ])("rejects %s, naming the field", async (_name, text, message) => {
    const result = await parseClusterSecrets(text());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("rejects another CA's certificate through the hash", async () => {
    const text = corrupt((f) => (f.caCertificatePem = otherCa.certificatePem));
    const result = await parseClusterSecrets(text);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toMatch(/^caPrivateKeyPem: |^discoveryHash: /);
  });
});
