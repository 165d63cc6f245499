import { kubeadmImages } from "../cluster/kubeadm-images";
import {
  mirroredImage,
  registryAddress,
  registryHost,
  registryScheme,
} from "../values/download-sources";
import type { ButaneFile, ButaneUnit } from "./butane-types";

/**
 * containerd pulling every image from the person's registry.
 *
 * containerd reads one hosts.toml per upstream registry from the folder its CRI registry
 * `config_path` names (containerd docs/hosts.md); a `[host."…"]` entry with `override_path`
 * sends that upstream's pulls to the URL given, path included. Flatcar's own
 * /usr/share/containerd/config.toml (coreos-overlay app-containers/containerd/files/config.toml)
 * sets no config_path, and containerd 1.7 then reads no hosts folder at all, so the node gets a
 * config of its own the way Flatcar's docs say to customise containerd ("Customizing Docker",
 * "Use a custom containerd configuration"): /etc/containerd/config.toml with a drop-in that
 * starts containerd without --config. That config repeats Flatcar's settings (systemd cgroups,
 * SELinux labels, the OOM score) and adds the hosts folder and the sandbox image.
 */

export const containerdConfigPath = "/etc/containerd/config.toml";
export const containerdHostsDirectory = "/etc/containerd/certs.d";
export const containerdDropinName = "10-use-custom-config.conf";

/**
 * The registries the nodes' images come from: kubeadm's (registry.k8s.io), kube-vip, kured and
 * Flannel (ghcr.io), Calico and Cilium (quay.io, and docker.io for older Calico releases).
 */
export const upstreamRegistries = ["registry.k8s.io", "docker.io", "quay.io", "ghcr.io"] as const;

const tomlString = (value: string) => JSON.stringify(value);

/** Where the registry holds an upstream's images: `<registry>/<upstream>/…` (mirroredImage). */
export function registryHostUrl(registry: string, upstream: string): string {
  const address = registryAddress(registry);
  const host = registryHost(registry);
  const path = address.slice(host.length);
  return `${registryScheme(registry)}://${host}/v2${path}/${upstream}`;
}

function hostsToml(registry: string, upstream: string): string {
  return `# ${upstream} images from ${registryAddress(registry)}/${upstream}/ (containerd docs/hosts.md).
[host.${tomlString(registryHostUrl(registry, upstream))}]
  capabilities = ["pull", "resolve"]
  override_path = true
`;
}

/** A registry without TLS: its own images (kubeadm's, through imageRepository) over http. */
function plainHttpToml(registry: string): string {
  const host = registryHost(registry);
  return `# ${host} serves plain http (containerd docs/hosts.md).
server = ${tomlString(`http://${host}`)}

[host.${tomlString(`http://${host}`)}]
  capabilities = ["pull", "resolve"]
`;
}

export function containerdConfig(sandboxImage: string): string {
  return `# Flatcar's containerd settings (/usr/share/containerd/config.toml), with the registry
# hosts folder and the pod sandbox image this cluster's registry holds.
version = 2
root = "/var/lib/containerd"
state = "/run/containerd"
oom_score = -999

[grpc]
address = "/run/containerd/containerd.sock"

[plugins."io.containerd.grpc.v1.cri"]
enable_selinux = true
sandbox_image = ${tomlString(sandboxImage)}

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
SystemdCgroup = true

[plugins."io.containerd.grpc.v1.cri".registry]
config_path = ${tomlString(containerdHostsDirectory)}
`;
}

/** Starts containerd with /etc/containerd/config.toml, its default, as Flatcar's docs do. */
export const containerdDropin = `[Service]
ExecStart=
ExecStart=/usr/bin/containerd
`;

export interface ContainerdRegistryParts {
  files: ButaneFile[];
  units: ButaneUnit[];
}

/** containerd's config for a registry and version: its sandbox is kubeadm's pause for that minor. */
export function containerdConfigFor(registry: string, kubernetesVersion: string): string {
  return containerdConfig(mirroredImage(kubeadmImages(kubernetesVersion).pause, registry));
}

/** The node's containerd files for a registry ("" → none), its sandbox kubeadm's pause for the version. */
export function containerdRegistryParts(
  registry: string,
  kubernetesVersion: string,
): ContainerdRegistryParts {
  if (registry === "") return { files: [], units: [] };
  const file = (path: string, contents: string): ButaneFile => ({
    path,
    mode: 0o644,
    contents: { inline: contents },
  });
  const files = [
    file(containerdConfigPath, containerdConfigFor(registry, kubernetesVersion)),
    ...upstreamRegistries.map((upstream) =>
      file(`${containerdHostsDirectory}/${upstream}/hosts.toml`, hostsToml(registry, upstream)),
    ),
  ];
  if (registryScheme(registry) === "http") {
    files.push(
      file(
        `${containerdHostsDirectory}/${registryHost(registry)}/hosts.toml`,
        plainHttpToml(registry),
      ),
    );
  }
  return {
    files,
    units: [
      {
        name: "containerd.service",
        dropins: [{ name: containerdDropinName, contents: containerdDropin }],
      },
    ],
  };
}
