import * as x509 from "@peculiar/x509";

/** A cluster CA as kubeadm reads it from /etc/kubernetes/pki/ca.crt and ca.key. */
export interface ClusterCa {
  certificatePem: string;
  /** PKCS#8 ("BEGIN PRIVATE KEY"), which kubeadm's key reader accepts. */
  privateKeyPem: string;
}

export type ParseClusterCaResult =
  | { ok: true; ca: ClusterCa; notAfter: Date }
  | { ok: false; field: "certificate" | "privateKey"; message: string };

// kubeadm's defaults: RSA 2048 keys (v1beta4 encryptionAlgorithm "RSA-2048"), a 10-year CA.
export const keyAlgorithm: RsaHashedKeyGenParams = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
};
const caValidityYears = 10;
// kubeadm backdates its certificates by 5 minutes, so a node whose clock runs a little
// behind the browser's still accepts the CA.
const backdateMs = 5 * 60 * 1000;

// @peculiar/x509 only finds the global crypto by itself in browsers: pass it explicitly.
export const webCrypto = globalThis.crypto;

export function toPem(label: string, der: ArrayBuffer): string {
  return x509.PemConverter.encode(der, label) + "\n";
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** 16 random bytes, top bit clear so the DER integer stays positive (RFC 5280: ≤ 20 octets). */
function randomSerialNumber(): string {
  const bytes = webCrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return hex(bytes.buffer);
}

/** A new self-signed cluster CA, as kubeadm would make it (CN=kubernetes, 10 years). */
export function generateClusterCa(now: Date = new Date()): Promise<ClusterCa> {
  return generateCa("kubernetes", now);
}

/** A self-signed CA as kubeadm makes its CAs (certs/pkiutil: RSA 2048, 10 years, CN only). */
export async function generateCa(commonName: string, now: Date = new Date()): Promise<ClusterCa> {
  const keys = (await webCrypto.subtle.generateKey(keyAlgorithm, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const notBefore = new Date(now.getTime() - backdateMs);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + caValidityYears);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerialNumber(),
      name: `CN=${commonName}`,
      notBefore,
      notAfter,
      signingAlgorithm: keyAlgorithm,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign |
            x509.KeyUsageFlags.cRLSign |
            x509.KeyUsageFlags.digitalSignature,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webCrypto),
      ],
    },
    webCrypto,
  );
  const pkcs8 = await webCrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return {
    certificatePem: certificate.toString("pem") + "\n",
    privateKeyPem: toPem("PRIVATE KEY", pkcs8),
  };
}

/**
 * The value for `kubeadm join --discovery-token-ca-cert-hash`: "sha256:" and the hex SHA-256
 * of the CA certificate's DER SubjectPublicKeyInfo.
 */
export async function discoveryHash(certificatePem: string): Promise<string> {
  const certificate = new x509.X509Certificate(certificatePem);
  const digest = await webCrypto.subtle.digest("SHA-256", certificate.publicKey.rawData);
  return `sha256:${hex(digest)}`;
}

function pemBlocks(text: string): { label: string; der: ArrayBuffer }[] {
  const blocks: { label: string; der: ArrayBuffer }[] = [];
  const pattern = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (const match of text.matchAll(pattern)) {
    const label = match[1] ?? "";
    try {
      blocks.push({ label, der: x509.PemConverter.decodeFirst(match[0]) });
    } catch {
      // A damaged block is reported by the caller as "not a PEM ..."
    }
  }
  return blocks;
}

/** The import parameters for a private key of the same kind as the certificate's public key. */
function importAlgorithmFor(
  algorithm: KeyAlgorithm,
): RsaHashedImportParams | EcKeyImportParams | undefined {
  if (algorithm.name === "RSASSA-PKCS1-v1_5" || algorithm.name === "RSA-PSS") {
    return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  }
  if (algorithm.name === "ECDSA") {
    return { name: "ECDSA", namedCurve: (algorithm as EcKeyAlgorithm).namedCurve };
  }
  return undefined;
}

/**
 * Checks a CA someone brings (or a saved secrets file): one certificate that is a CA and
 * may sign certificates, still valid, and a PKCS#8 private key that belongs to it.
 */
export async function parseClusterCa(
  certificatePem: string,
  privateKeyPem: string,
  now: Date = new Date(),
): Promise<ParseClusterCaResult> {
  const certBlocks = pemBlocks(certificatePem).filter((b) => b.label === "CERTIFICATE");
  if (certBlocks.length !== 1) {
    return {
      ok: false,
      field: "certificate",
      message:
        certBlocks.length === 0
          ? 'not a PEM certificate: expected one "-----BEGIN CERTIFICATE-----" block'
          : "more than one certificate: give only the CA certificate (ca.crt)",
    };
  }
  let certificate: x509.X509Certificate;
  try {
    certificate = new x509.X509Certificate(certBlocks[0]?.der ?? new ArrayBuffer(0));
  } catch {
    return { ok: false, field: "certificate", message: "the certificate could not be read (DER)" };
  }
  const basic = certificate.getExtension(x509.BasicConstraintsExtension);
  if (!basic?.ca) {
    return {
      ok: false,
      field: "certificate",
      message: "not a CA certificate: basicConstraints CA:TRUE is missing",
    };
  }
  const usage = certificate.getExtension(x509.KeyUsagesExtension);
  if (usage && (usage.usages & x509.KeyUsageFlags.keyCertSign) === 0) {
    return {
      ok: false,
      field: "certificate",
      message: "the CA certificate's key usage does not allow signing certificates (keyCertSign)",
    };
  }
  if (certificate.notAfter.getTime() <= now.getTime()) {
    return {
      ok: false,
      field: "certificate",
      message: `the CA certificate expired on ${certificate.notAfter.toISOString()}`,
    };
  }

  const keyBlocks = pemBlocks(privateKeyPem);
  const pkcs8 = keyBlocks.find((b) => b.label === "PRIVATE KEY");
  if (!pkcs8) {
    const other = keyBlocks.find((b) => b.label.endsWith("PRIVATE KEY"));
    return {
      ok: false,
      field: "privateKey",
      message: other
        ? `"${other.label}" keys are not read here: convert with "openssl pkey -in ca.key -out ca-pkcs8.key" (PKCS#8, "BEGIN PRIVATE KEY")`
        : 'not a PEM private key: expected a "-----BEGIN PRIVATE KEY-----" block (PKCS#8)',
    };
  }
  let publicKey: CryptoKey;
  try {
    publicKey = await certificate.publicKey.export(webCrypto);
  } catch {
    return {
      ok: false,
      field: "certificate",
      message: "the certificate's public key is of a kind this browser cannot use (RSA or ECDSA)",
    };
  }
  const algorithm = importAlgorithmFor(publicKey.algorithm);
  if (!algorithm) {
    return { ok: false, field: "certificate", message: "the CA key must be RSA or ECDSA" };
  }
  let privateJwk: JsonWebKey;
  try {
    const privateKey = await webCrypto.subtle.importKey("pkcs8", pkcs8.der, algorithm, true, [
      "sign",
    ]);
    privateJwk = await webCrypto.subtle.exportKey("jwk", privateKey);
  } catch {
    return {
      ok: false,
      field: "privateKey",
      message: `the private key could not be read as a PKCS#8 ${algorithm.name === "ECDSA" ? "ECDSA" : "RSA"} key like the certificate's`,
    };
  }
  // A private JWK carries its public half (n, e or x, y): compare it with the certificate's.
  const publicJwk = await webCrypto.subtle.exportKey("jwk", publicKey);
  const matches =
    algorithm.name === "ECDSA"
      ? privateJwk.x === publicJwk.x && privateJwk.y === publicJwk.y
      : privateJwk.n === publicJwk.n && privateJwk.e === publicJwk.e;
  if (!matches) {
    return {
      ok: false,
      field: "privateKey",
      message: "the private key does not belong to the CA certificate (public keys differ)",
    };
  }
  return {
    ok: true,
    ca: {
      certificatePem: certificate.toString("pem") + "\n",
      privateKeyPem: toPem("PRIVATE KEY", pkcs8.der),
    },
    notAfter: certificate.notAfter,
  };
}
