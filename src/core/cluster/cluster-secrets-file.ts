import {
  caCertHashSchema,
  clusterNameSchema,
  endpointSchema,
  joinTokenSchema,
} from "../config/wizard-state";
import { z } from "../zod-mini";
import { discoveryHash, parseClusterCa } from "./cluster-ca";
import type { ControlPlaneSecrets } from "./control-plane-files";
import { controlPlaneSecretsProblem } from "./control-plane-secrets";
import type { TokenTtl } from "./kubeadm-config";

/** What a person keeps so more workers can join later: never in a share link. */
export interface ClusterSecrets {
  clusterName: string;
  controlPlaneEndpoint: string;
  bootstrapToken: string;
  tokenTtl: TokenTtl;
  caCertificatePem: string;
  caPrivateKeyPem: string;
  discoveryHash: string;
  /** From version 2, for clusters of more than one control plane. */
  controlPlane?: ControlPlaneSecrets;
  /**
   * Not a secret: the share link's query of the choices that made the cluster, so an upgrade
   * months later can start from this file. Absent in files made before it was recorded.
   */
  shareLink?: string;
}

export const clusterSecretsKind = "FlatcarKubernetesWizardClusterSecrets";
/** 2 added `controlPlane` (highly available clusters); version 1 files still load. */
export const clusterSecretsVersion = 2;

export const clusterSecretsSchema = z.object({
  clusterName: clusterNameSchema,
  controlPlaneEndpoint: endpointSchema,
  bootstrapToken: joinTokenSchema,
  tokenTtl: z.enum(["24h", "0"], { message: '"24h" or "0"' }),
  caCertificatePem: z.string().check(z.minLength(1, "the CA certificate in PEM")),
  caPrivateKeyPem: z.string().check(z.minLength(1, "the CA private key in PEM (PKCS#8)")),
  discoveryHash: caCertHashSchema,
  controlPlane: z.optional(
    z.object({
      frontProxyCaCertificatePem: z.string().check(z.minLength(1, "a PEM certificate")),
      frontProxyCaPrivateKeyPem: z.string().check(z.minLength(1, "a PEM private key")),
      etcdCaCertificatePem: z.string().check(z.minLength(1, "a PEM certificate")),
      etcdCaPrivateKeyPem: z.string().check(z.minLength(1, "a PEM private key")),
      serviceAccountPrivateKeyPem: z.string().check(z.minLength(1, "a PEM private key")),
      serviceAccountPublicKeyPem: z.string().check(z.minLength(1, "a PEM public key")),
    }),
  ),
});

const fileSchema = z.extend(clusterSecretsSchema, {
  shareLink: z.optional(z.string().check(z.maxLength(64 * 1024, "at most 64 KiB of link"))),
  kind: z.literal(clusterSecretsKind, { message: `"${clusterSecretsKind}"` }),
  version: z.union([z.literal(1), z.literal(clusterSecretsVersion)], {
    message: `1 or ${clusterSecretsVersion}`,
  }),
});

export type ParseClusterSecretsResult =
  { ok: true; secrets: ClusterSecrets } | { ok: false; message: string };

/** The file's text: JSON with a kind and version first, so a stray file is recognised. */
export function serializeClusterSecrets(secrets: ClusterSecrets): string {
  const file = {
    kind: clusterSecretsKind,
    version: clusterSecretsVersion,
    ...(secrets.shareLink !== undefined ? { shareLink: secrets.shareLink } : {}),
    clusterName: secrets.clusterName,
    controlPlaneEndpoint: secrets.controlPlaneEndpoint,
    bootstrapToken: secrets.bootstrapToken,
    tokenTtl: secrets.tokenTtl,
    caCertificatePem: secrets.caCertificatePem,
    caPrivateKeyPem: secrets.caPrivateKeyPem,
    discoveryHash: secrets.discoveryHash,
    ...(secrets.controlPlane ? { controlPlane: secrets.controlPlane } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads a secrets file and checks that its parts agree; messages name the field. */
export async function parseClusterSecrets(text: string): Promise<ParseClusterSecretsResult> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "not a cluster secrets file: the text is not JSON" };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { ok: false, message: "not a cluster secrets file: expected a JSON object" };
  }
  const kind = (json as Record<string, unknown>).kind;
  if (kind !== clusterSecretsKind) {
    return {
      ok: false,
      message: `not a cluster secrets file: kind must be "${clusterSecretsKind}"`,
    };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "file";
    return { ok: false, message: `${field}: ${issue?.message ?? "invalid"}` };
  }
  // The secrets schema drops the kind and version markers.
  const secrets: ClusterSecrets = {
    ...clusterSecretsSchema.parse(parsed.data),
    ...(parsed.data.shareLink !== undefined ? { shareLink: parsed.data.shareLink } : {}),
  };

  const ca = await parseClusterCa(secrets.caCertificatePem, secrets.caPrivateKeyPem);
  if (!ca.ok) {
    const field = ca.field === "certificate" ? "caCertificatePem" : "caPrivateKeyPem";
    return { ok: false, message: `${field}: ${ca.message}` };
  }
  const hash = await discoveryHash(secrets.caCertificatePem);
  if (hash !== secrets.discoveryHash) {
    return {
      ok: false,
      message: `discoveryHash: does not match the CA certificate (its hash is ${hash})`,
    };
  }
  if (secrets.controlPlane) {
    const problem = await controlPlaneSecretsProblem(secrets.controlPlane);
    if (problem) return { ok: false, message: `controlPlane.${problem}` };
  }
  return { ok: true, secrets };
}
