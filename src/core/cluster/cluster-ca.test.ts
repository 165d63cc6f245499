import { createHash, createPrivateKey, generateKeyPairSync, X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { discoveryHash, generateClusterCa, parseClusterCa, type ClusterCa } from "./cluster-ca";
import { caCertHashSchema } from "../config/wizard-state";

let ca: ClusterCa;
let other: ClusterCa;
beforeAll(async () => {
  [ca, other] = await Promise.all([generateClusterCa(), generateClusterCa()]);
});

describe("generateClusterCa", () => {
  it("makes a self-signed 10-year RSA 2048 CA that Node's X.509 reader accepts", () => {
    const x509 = new X509Certificate(ca.certificatePem);
    expect(x509.ca).toBe(true);
    expect(x509.subject).toBe("CN=kubernetes");
    expect(x509.issuer).toBe("CN=kubernetes");
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.publicKey.asymmetricKeyType).toBe("rsa");
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const years =
      (Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / (365.25 * 24 * 3600 * 1000);
    expect(years).toBeGreaterThan(9.99);
    expect(years).toBeLessThan(10.01);
    expect(ca.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(x509.checkPrivateKey(createPrivateKey(ca.privateKeyPem))).toBe(true);
  });

  it("marks basicConstraints and keyUsage critical, and has a subject key identifier", () => {
    // Node's X509Certificate does not show extension criticality; the DER does.
    const der = new X509Certificate(ca.certificatePem).raw;
    const hex = der.toString("hex");
    // basicConstraints (2.5.29.19) critical, CA:TRUE
    expect(hex).toContain("0603551d130101ff040530030101ff");
    // keyUsage (2.5.29.15) critical, digitalSignature|keyCertSign|cRLSign = 0x86
    expect(hex).toContain("0603551d0f0101ff040403020186");
    // subjectKeyIdentifier (2.5.29.14)
    expect(hex).toContain("0603551d0e");
  });

  it("makes a new key and serial number each time", () => {
    const a = new X509Certificate(ca.certificatePem);
    const b = new X509Certificate(other.certificatePem);
    expect(a.serialNumber).not.toBe(b.serialNumber);
    expect(a.publicKey.export({ type: "spki", format: "der" })).not.toEqual(
      b.publicKey.export({ type: "spki", format: "der" }),
    );
  });
});

describe("discoveryHash", () => {
  it("is sha256 of the DER SubjectPublicKeyInfo, as kubeadm computes it", async () => {
    const spki = new X509Certificate(ca.certificatePem).publicKey.export({
      type: "spki",
      format: "der",
    });
    const expected = `sha256:${createHash("sha256").update(spki).digest("hex")}`;
    const hash = await discoveryHash(ca.certificatePem);
    expect(hash).toBe(expected);
    expect(caCertHashSchema.safeParse(hash).success).toBe(true);
  });
});

describe("parseClusterCa", () => {
  it("accepts a generated pair", async () => {
    const result = await parseClusterCa(ca.certificatePem, ca.privateKeyPem);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.ca).toEqual(ca);
  });

  it("rejects an ECDSA key for an RSA certificate", async () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const result = await parseClusterCa(ca.certificatePem, pem);
    expect(result).toMatchObject({ ok: false, field: "privateKey" });
  });

  it.each<[string, () => [string, string], "certificate" | "privateKey", RegExp]>([
    ["an empty certificate", () => ["", ca.privateKeyPem], "certificate", /not a PEM certificate/],
    [
      "two certificates",
      () => [ca.certificatePem + other.certificatePem, ca.privateKeyPem],
      "certificate",
      /more than one certificate/,
    ],
    [
      "a damaged certificate",
      () => ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", ca.privateKeyPem],
      "certificate",
      /could not be read/,
    ],
    ["an empty key", () => [ca.certificatePem, ""], "privateKey", /not a PEM private key/],
    [
      "a PKCS#1 key",
      () => [
        ca.certificatePem,
        createPrivateKey(ca.privateKeyPem).export({ type: "pkcs1", format: "pem" }).toString(),
      ],
      "privateKey",
      /"RSA PRIVATE KEY" keys are not read here: convert with "openssl pkey/,
    ],
    [
      "another CA's key",
      () => [ca.certificatePem, other.privateKeyPem],
      "privateKey",
      /does not belong to the CA certificate/,
    ],
  ])("rejects %s", async (_name, input, field, message) => {
    const [cert, key] = input();
    const result = await parseClusterCa(cert, key);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.field).toBe(field);
      expect(result.message).toMatch(message);
    }
  });

  it("rejects an expired CA", async () => {
    const later = new Date(Date.now() + 11 * 365 * 24 * 3600 * 1000);
    const result = await parseClusterCa(ca.certificatePem, ca.privateKeyPem, later);
    expect(result).toMatchObject({ ok: false, field: "certificate" });
    if (!result.ok) expect(result.message).toMatch(/expired on/);
  });
});
