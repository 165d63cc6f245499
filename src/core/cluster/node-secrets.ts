/** A cluster's shared secrets, as every node's kubeadm config needs them. */
export interface NodeSecrets {
  bootstrapToken: string;
  caCertificatePem: string;
  caPrivateKeyPem: string;
  discoveryHash: string;
}
