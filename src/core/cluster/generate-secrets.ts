import type { NodeSecrets } from "./node-secrets";
import { generateBootstrapToken } from "./bootstrap-token";
import { discoveryHash, generateClusterCa } from "./cluster-ca";
import { generateControlPlaneSecrets } from "./control-plane-secrets";

/**
 * Fresh secrets for a new cluster: a CA made here, a bootstrap token, the CA's discovery hash,
 * and for more than one control plane what they share (front-proxy and etcd CAs, SA keys).
 */
export async function generateNodeSecrets(
  options: { controlPlanes?: number } = {},
): Promise<NodeSecrets> {
  const ca = await generateClusterCa();
  const secrets: NodeSecrets = {
    bootstrapToken: generateBootstrapToken(),
    caCertificatePem: ca.certificatePem,
    caPrivateKeyPem: ca.privateKeyPem,
    discoveryHash: await discoveryHash(ca.certificatePem),
  };
  return (options.controlPlanes ?? 1) > 1 ? withControlPlaneSecrets(secrets) : secrets;
}

/** The same cluster's secrets with the shared control-plane secrets added (kept when present). */
export async function withControlPlaneSecrets(secrets: NodeSecrets): Promise<NodeSecrets> {
  if (secrets.controlPlane) return secrets;
  return { ...secrets, controlPlane: await generateControlPlaneSecrets() };
}
