import { minorNumber } from "../version";

/**
 * The images kubeadm runs for a Kubernetes version. The four control plane images are tagged
 * with the version itself; etcd, CoreDNS and pause have tags of their own, kubeadm's constants
 * (cmd/kubeadm/app/constants/constants.go: DefaultEtcdVersion, CoreDNSVersion, PauseVersion),
 * here as of each minor's .0 release. Patch releases sometimes move them on, so with a registry
 * the ClusterConfiguration pins etcd's and CoreDNS's tags to these and containerd's sandbox
 * image is pause at this tag: the nodes pull exactly the images the mirror list names.
 */
interface KubeadmImageTags {
  minor: number;
  etcd: string;
  coreDns: string;
  pause: string;
}

/** Newest first. */
const kubeadmImageTags: readonly KubeadmImageTags[] = [
  { minor: 36, etcd: "3.6.6-0", coreDns: "v1.13.1", pause: "3.10.1" },
  { minor: 35, etcd: "3.6.5-0", coreDns: "v1.13.1", pause: "3.10.1" },
  { minor: 34, etcd: "3.6.4-0", coreDns: "v1.12.1", pause: "3.10.1" },
  { minor: 33, etcd: "3.5.21-0", coreDns: "v1.12.0", pause: "3.10" },
  { minor: 32, etcd: "3.5.16-0", coreDns: "v1.11.3", pause: "3.10" },
  { minor: 31, etcd: "3.5.15-0", coreDns: "v1.11.3", pause: "3.10" },
  { minor: 30, etcd: "3.5.12-0", coreDns: "v1.11.1", pause: "3.9" },
  { minor: 29, etcd: "3.5.10-0", coreDns: "v1.11.1", pause: "3.9" },
  { minor: 28, etcd: "3.5.9-0", coreDns: "v1.10.1", pause: "3.9" },
  { minor: 27, etcd: "3.5.7-0", coreDns: "v1.10.1", pause: "3.9" },
];

const upstreamRepository = "registry.k8s.io";

export interface KubeadmImages {
  /** kube-apiserver, kube-controller-manager, kube-scheduler: the control planes'. */
  controlPlane: string[];
  /** kube-proxy, run by a DaemonSet on every node. */
  kubeProxy: string;
  etcd: string;
  coreDns: string;
  /** The pod sandbox, which containerd pulls on every node. */
  pause: string;
  etcdTag: string;
  coreDnsTag: string;
  /** Set when the minor is newer than the table: the newest known tags are used. */
  note?: string;
}

/** Every image kubeadm and the kubelet pull for a version, upstream names. */
export function kubeadmImages(kubernetesVersion: string): KubeadmImages {
  const minor = minorNumber(kubernetesVersion);
  const newest = kubeadmImageTags[0] as KubeadmImageTags;
  const oldest = kubeadmImageTags[kubeadmImageTags.length - 1] as KubeadmImageTags;
  const tags =
    kubeadmImageTags.find((entry) => entry.minor === minor) ??
    (minor > newest.minor ? newest : oldest);
  const image = (name: string, tag: string) => `${upstreamRepository}/${name}:${tag}`;
  return {
    controlPlane: ["kube-apiserver", "kube-controller-manager", "kube-scheduler"].map((name) =>
      image(name, kubernetesVersion),
    ),
    kubeProxy: image("kube-proxy", kubernetesVersion),
    etcd: image("etcd", tags.etcd),
    coreDns: image("coredns/coredns", tags.coreDns),
    pause: image("pause", tags.pause),
    etcdTag: tags.etcd,
    coreDnsTag: tags.coreDns,
    ...(tags.minor !== minor
      ? {
          note: `kubeadm's etcd, CoreDNS and pause tags are known up to 1.${newest.minor} and from 1.${oldest.minor}: 1.${minor} is given those of 1.${tags.minor} (etcd ${tags.etcd}, CoreDNS ${tags.coreDns}, pause ${tags.pause}); check them with \`kubeadm config images list\`.`,
        }
      : {}),
  };
}

/** What kubeadm's ClusterConfiguration says to pull the images from a registry. */
export interface KubeadmImageRepository {
  /** imageRepository: kubeadm's own images, below the registry under registry.k8s.io. */
  imageRepository: string;
  /** CoreDNS: kubeadm drops "coredns/" from the path for any repository but registry.k8s.io. */
  dnsImageRepository: string;
  etcdTag: string;
  coreDnsTag: string;
}

/** The ClusterConfiguration's image fields for a registry ("" → none). */
export function kubeadmImageRepository(
  kubernetesVersion: string,
  registryAddress: string,
): KubeadmImageRepository | undefined {
  if (registryAddress === "") return undefined;
  const images = kubeadmImages(kubernetesVersion);
  const repository = `${registryAddress}/${upstreamRepository}`;
  return {
    imageRepository: repository,
    dnsImageRepository: `${repository}/coredns`,
    etcdTag: images.etcdTag,
    coreDnsTag: images.coreDnsTag,
  };
}
