import * as x509 from "@peculiar/x509";
import { generateCa, keyAlgorithm, parseClusterCa, toPem, webCrypto } from "./cluster-ca";
import type { ControlPlaneSecrets } from "./control-plane-files";

/** Making and checking the secrets several control planes share (the X.509 code: load it lazily). */

/** The common names kubeadm gives these CAs (certs/certlist.go: "front-proxy-ca", "etcd-ca"). */
export async function generateControlPlaneSecrets(
  now: Date = new Date(),
): Promise<ControlPlaneSecrets> {
  const [frontProxy, etcd, serviceAccount] = await Promise.all([
    generateCa("front-proxy-ca", now),
    generateCa("etcd-ca", now),
    webCrypto.subtle.generateKey(keyAlgorithm, true, ["sign", "verify"]) as Promise<CryptoKeyPair>,
  ]);
  return {
    frontProxyCaCertificatePem: frontProxy.certificatePem,
    frontProxyCaPrivateKeyPem: frontProxy.privateKeyPem,
    etcdCaCertificatePem: etcd.certificatePem,
    etcdCaPrivateKeyPem: etcd.privateKeyPem,
    serviceAccountPrivateKeyPem: toPem(
      "PRIVATE KEY",
      await webCrypto.subtle.exportKey("pkcs8", serviceAccount.privateKey),
    ),
    serviceAccountPublicKeyPem: toPem(
      "PUBLIC KEY",
      await webCrypto.subtle.exportKey("spki", serviceAccount.publicKey),
    ),
  };
}

/**
 * Checks shared control-plane secrets from a file: each CA as the cluster CA is checked, and
 * the service account public key is the private key's. Messages name the field.
 */
export async function controlPlaneSecretsProblem(
  secrets: ControlPlaneSecrets,
): Promise<string | undefined> {
  const pairs = [
    ["frontProxyCaCertificatePem", "frontProxyCaPrivateKeyPem"],
    ["etcdCaCertificatePem", "etcdCaPrivateKeyPem"],
  ] as const;
  for (const [certificateField, keyField] of pairs) {
    const ca = await parseClusterCa(secrets[certificateField], secrets[keyField]);
    if (!ca.ok) {
      return `${ca.field === "certificate" ? certificateField : keyField}: ${ca.message}`;
    }
  }
  try {
    const publicKey = await webCrypto.subtle.importKey(
      "spki",
      x509.PemConverter.decodeFirst(secrets.serviceAccountPublicKeyPem),
      keyAlgorithm,
      true,
      ["verify"],
    );
    const privateKey = await webCrypto.subtle.importKey(
      "pkcs8",
      x509.PemConverter.decodeFirst(secrets.serviceAccountPrivateKeyPem),
      keyAlgorithm,
      true,
      ["sign"],
    );
    const [publicJwk, privateJwk] = await Promise.all([
      webCrypto.subtle.exportKey("jwk", publicKey),
      webCrypto.subtle.exportKey("jwk", privateKey),
    ]);
    if (publicJwk.n !== privateJwk.n || publicJwk.e !== privateJwk.e) {
      return "serviceAccountPublicKeyPem: does not belong to serviceAccountPrivateKeyPem";
    }
  } catch {
    return "serviceAccountPrivateKeyPem: an RSA key pair in PEM (PKCS#8 private, SPKI public) is expected";
  }
  return undefined;
}
