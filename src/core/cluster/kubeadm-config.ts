import { stringify } from "yaml";
import type { TokenTtl } from "./token-ttl";
import type { KubeadmImageRepository } from "./kubeadm-images";
import {
  kubeadmApiVersion,
  kubeadmDocumentProblems,
  type KubeadmApiVersion,
} from "./kubeadm-rules";

export type { TokenTtl };
/** Where kubeadm looks for an existing CA: with both files present, `kubeadm init` uses them. */
export const caCertificatePath = "/etc/kubernetes/pki/ca.crt";
export const caPrivateKeyPath = "/etc/kubernetes/pki/ca.key";

/** Where the node's kubeadm config goes (the path the Flatcar how-to uses for `--config`). */
export const kubeadmConfigPath = "/etc/kubeadm.yml";

// Both versions read ttl as a Go duration (metav1.Duration); write kubeadm's own spelling.
const ttlDurations: Record<TokenTtl, string> = { "24h": "24h0m0s", "0": "0s" };

/** The groups and usages kubeadm gives the tokens it creates for `kubeadm join`. */
const joinTokenGroups = ["system:bootstrappers:kubeadm:default-node-token"];
const joinTokenUsages = ["signing", "authentication"];

export interface NodeOptions {
  /** The node name; kubeadm uses the host name when absent. */
  hostname?: string;
  /** kubelet flags without "--", e.g. { "volume-plugin-dir": "/opt/..." }. */
  kubeletExtraArgs?: Record<string, string>;
}

export interface ControlPlaneKubeadmInput extends NodeOptions {
  /** The sysext's Kubernetes version, e.g. "v1.32.2": kubeadm must not pull another. */
  kubernetesVersion: string;
  clusterName: string;
  /** host:port that workers and kubectl reach the API server at. */
  controlPlaneEndpoint: string;
  podSubnet: string;
  serviceSubnet: string;
  bootstrapToken: string;
  tokenTtl: TokenTtl;
  /** Pull kubeadm's images from the person's registry, at these tags. */
  images?: KubeadmImageRepository;
}

export interface WorkerKubeadmInput extends NodeOptions {
  kubernetesVersion: string;
  controlPlaneEndpoint: string;
  bootstrapToken: string;
  /** "sha256:<hex>" of the cluster CA's public key. */
  discoveryHash: string;
  /**
   * Join as one more control plane (stacked etcd). Without a certificateKey kubeadm downloads
   * nothing: the shared certificates must already be on the node (control-plane-secrets.ts).
   */
  controlPlane?: boolean;
}

type KubeadmDocument = Record<string, unknown>;

/** v1beta3 takes a name→value map; v1beta4 a list of {name, value} (duplicates allowed). */
function extraArgs(
  apiVersion: KubeadmApiVersion,
  args: Record<string, string>,
): Record<string, string> | { name: string; value: string }[] {
  if (apiVersion === "kubeadm.k8s.io/v1beta3") return { ...args };
  return Object.entries(args).map(([name, value]) => ({ name, value }));
}

function nodeRegistration(apiVersion: KubeadmApiVersion, options: NodeOptions): KubeadmDocument {
  const registration: KubeadmDocument = {};
  if (options.hostname) registration.name = options.hostname;
  if (options.kubeletExtraArgs && Object.keys(options.kubeletExtraArgs).length > 0) {
    registration.kubeletExtraArgs = extraArgs(apiVersion, options.kubeletExtraArgs);
  }
  return registration;
}

function withNodeRegistration(
  document: KubeadmDocument,
  apiVersion: KubeadmApiVersion,
  options: NodeOptions,
): KubeadmDocument {
  const registration = nodeRegistration(apiVersion, options);
  return Object.keys(registration).length > 0
    ? { ...document, nodeRegistration: registration }
    : document;
}

/** InitConfiguration + ClusterConfiguration, as objects (for tests and other renderers). */
export function controlPlaneKubeadmDocuments(input: ControlPlaneKubeadmInput): KubeadmDocument[] {
  const apiVersion = kubeadmApiVersion(input.kubernetesVersion);
  const init = withNodeRegistration(
    {
      apiVersion,
      kind: "InitConfiguration",
      bootstrapTokens: [
        {
          token: input.bootstrapToken,
          description: "Made by Flatcar Kubernetes Wizard for the workers' kubeadm join",
          ttl: ttlDurations[input.tokenTtl],
          usages: joinTokenUsages,
          groups: joinTokenGroups,
        },
      ],
    },
    apiVersion,
    input,
  );
  const cluster: KubeadmDocument = {
    apiVersion,
    kind: "ClusterConfiguration",
    kubernetesVersion: input.kubernetesVersion,
    clusterName: input.clusterName,
    controlPlaneEndpoint: input.controlPlaneEndpoint,
    networking: { podSubnet: input.podSubnet, serviceSubnet: input.serviceSubnet },
    ...(input.images
      ? {
          // etcd takes imageRepository; CoreDNS needs its own, as kubeadm keeps "coredns/"
          // only for registry.k8s.io (cmd/kubeadm/app/images/images.go, GetDNSImage).
          imageRepository: input.images.imageRepository,
          dns: {
            imageRepository: input.images.dnsImageRepository,
            imageTag: input.images.coreDnsTag,
          },
          etcd: { local: { imageTag: input.images.etcdTag } },
        }
      : {}),
  };
  return checked(input.kubernetesVersion, [init, cluster]);
}

/** JoinConfiguration for a worker or another control plane: token discovery pinned to the cluster CA's hash. */
export function workerKubeadmDocuments(input: WorkerKubeadmInput): KubeadmDocument[] {
  const apiVersion = kubeadmApiVersion(input.kubernetesVersion);
  const join = withNodeRegistration(
    {
      apiVersion,
      kind: "JoinConfiguration",
      discovery: {
        bootstrapToken: {
          apiServerEndpoint: input.controlPlaneEndpoint,
          token: input.bootstrapToken,
          caCertHashes: [input.discoveryHash],
        },
      },
      ...(input.controlPlane ? { controlPlane: {} } : {}),
    },
    apiVersion,
    input,
  );
  return checked(input.kubernetesVersion, [join]);
}

/** Refuses documents the minor's kubeadm would not read (see kubeadm-rules.ts): never written. */
function checked(version: string, documents: KubeadmDocument[]): KubeadmDocument[] {
  const problems = kubeadmDocumentProblems(version, documents);
  if (problems.length > 0) throw new Error(problems.join("; "));
  return documents;
}

/** Documents as one multi-document YAML text, written by the yaml library (never a template). */
export function multiDocumentYaml(documents: Record<string, unknown>[]): string {
  return documents.map((document) => stringify(document, { lineWidth: 0 })).join("---\n");
}

export function controlPlaneKubeadmConfig(input: ControlPlaneKubeadmInput): string {
  return multiDocumentYaml(controlPlaneKubeadmDocuments(input));
}

export function workerKubeadmConfig(input: WorkerKubeadmInput): string {
  return multiDocumentYaml(workerKubeadmDocuments(input));
}
