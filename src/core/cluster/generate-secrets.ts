import type { NodeSecrets } from "./node-secrets";
import { generateBootstrapToken } from "./bootstrap-token";
import { discoveryHash, generateClusterCa } from "./cluster-ca";

/** Fresh secrets for a new cluster: a CA made here, a bootstrap token, the CA's discovery hash. */
export async function generateNodeSecrets(): Promise<NodeSecrets> {
  const ca = await generateClusterCa();
  return {
    bootstrapToken: generateBootstrapToken(),
    caCertificatePem: ca.certificatePem,
    caPrivateKeyPem: ca.privateKeyPem,
    discoveryHash: await discoveryHash(ca.certificatePem),
  };
}
