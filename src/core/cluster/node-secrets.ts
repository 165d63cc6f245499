import type { ControlPlaneSecrets } from "./control-plane-files";

/** A cluster's shared secrets, as every node's kubeadm config needs them. */
export interface NodeSecrets {
  bootstrapToken: string;
  caCertificatePem: string;
  caPrivateKeyPem: string;
  discoveryHash: string;
  /** What control planes beyond the first share with it: only for more than one control plane. */
  controlPlane?: ControlPlaneSecrets;
}
