/*
 * Where the shared control-plane secrets go on a node, apart from the code that makes them, so
 * rendering a node never loads the X.509 library.
 */

/**
 * What every control plane of a highly available cluster must share besides the cluster CA,
 * placed before kubeadm runs so no node uploads or downloads certificates: kubeadm's "manual
 * certificate distribution" list (kubernetes.io, "Creating Highly Available Clusters with
 * kubeadm": ca.crt/key, sa.key/pub, front-proxy-ca.crt/key, etcd/ca.crt/key). With these
 * present `kubeadm init` uses them, and `kubeadm join --control-plane` without a certificate
 * key requires them (its control-plane-prepare phase checks they exist).
 */
export interface ControlPlaneSecrets {
  frontProxyCaCertificatePem: string;
  frontProxyCaPrivateKeyPem: string;
  etcdCaCertificatePem: string;
  etcdCaPrivateKeyPem: string;
  /** The key pair that signs and checks service account tokens: PKCS#8 and SPKI PEM. */
  serviceAccountPrivateKeyPem: string;
  serviceAccountPublicKeyPem: string;
}

/** Where kubeadm reads each of them (cmd/kubeadm/app/constants: FrontProxyCACertName, …). */
export const controlPlaneSecretPaths: Record<keyof ControlPlaneSecrets, string> = {
  frontProxyCaCertificatePem: "/etc/kubernetes/pki/front-proxy-ca.crt",
  frontProxyCaPrivateKeyPem: "/etc/kubernetes/pki/front-proxy-ca.key",
  etcdCaCertificatePem: "/etc/kubernetes/pki/etcd/ca.crt",
  etcdCaPrivateKeyPem: "/etc/kubernetes/pki/etcd/ca.key",
  serviceAccountPrivateKeyPem: "/etc/kubernetes/pki/sa.key",
  serviceAccountPublicKeyPem: "/etc/kubernetes/pki/sa.pub",
};

/** Keys stay 0600; certificates and the public key may be read (as kubeadm writes them). */
export const controlPlaneSecretIsPrivate: Record<keyof ControlPlaneSecrets, boolean> = {
  frontProxyCaCertificatePem: false,
  frontProxyCaPrivateKeyPem: true,
  etcdCaCertificatePem: false,
  etcdCaPrivateKeyPem: true,
  serviceAccountPrivateKeyPem: true,
  serviceAccountPublicKeyPem: false,
};

export const controlPlaneSecretKeys = Object.keys(
  controlPlaneSecretPaths,
) as (keyof ControlPlaneSecrets)[];
