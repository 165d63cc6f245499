import type { WizardState } from "../config/wizard-state";
import { kubeadmImages } from "../cluster/kubeadm-images";
import { ciliumSysext, cniRelease } from "../cluster/cni";
import { kubeVipRelease } from "../cluster/kube-vip";
import { extensionImageFileName, imageFileName, minorOf } from "../version";
import {
  bakeryBase,
  bakeryHub,
  noopFileName,
  noopFileText,
  sysextImagePath,
  listingFileName,
  transferFileHostPath,
  transferFileText,
  transferListingPath,
  transferSourceFolder,
} from "../render/bakery";
import {
  installsKured,
  kuredImage,
  kuredManifestUrl,
  kuredRelease,
  kuredUnitName,
} from "../render/kured";
import { mirroredImage, mirroredUrl, mirrorPath } from "../values/download-sources";
import { sha256Hex } from "./sha256";
import { clusterNodeChoices } from "../render/cluster-nodes";

/**
 * Everything a set of nodes downloads, as a mirror must hold it: the files (by the URL the
 * nodes use, where the file comes from, and where it goes below the mirror) and the container
 * images (upstream, and their name in the person's registry).
 */

export interface MirrorFile {
  /** The URL the nodes fetch: on the mirror when there is one. */
  url: string;
  /** The path below the mirror's base. */
  path: string;
  /** Where to get it: the upstream URL; absent when the wizard writes it (`contents`). */
  source?: string;
  /** The file itself, when the wizard writes it: the mirror serves these bytes. */
  contents?: string;
  /** Hex SHA-256, where known before downloading. */
  sha256?: string;
  /** What it is, for a person. */
  what: string;
  /** Who fetches it on the node. */
  fetchedBy: string;
}

export interface MirrorImage {
  /** The upstream reference, e.g. registry.k8s.io/pause:3.10. */
  image: string;
  /** Its name in the person's registry (the upstream one without a registry). */
  mirrored: string;
  what: string;
}

export interface MirrorList {
  /** "" when the nodes download from upstream. */
  mirror: string;
  registry: string;
  files: MirrorFile[];
  images: MirrorImage[];
  /** What the list cannot name, said plainly. */
  notes: string[];
}

/**
 * The folder a listing entry lists (systemd-sysupdate reads `<folder>/SHA256SUMS`), undefined
 * for any other file: a mirror makes its own listing for the images it holds.
 */
export function listedFolder(file: MirrorFile): string | undefined {
  const suffix = `/${listingFileName}`;
  return file.path.endsWith(suffix) ? file.path.slice(0, -suffix.length) : undefined;
}

/** A node as renderNode takes it: its choices and, for a control plane, its place. */
export interface MirrorNode {
  state: WizardState;
  /** Which control plane (0 runs init); absent for a worker or a lone node. */
  index?: number;
}

/**
 * The nodes the choices make: a new cluster's (its control planes and `workers` workers, the
 * choice's count when absent), or the one node. The page lists these; so does `cli mirror`.
 */
export function mirrorNodes(state: WizardState, workers?: number): MirrorNode[] {
  if (workers === undefined && state.mode !== "cluster") return [{ state }];
  return clusterNodeChoices(state, workers);
}

export interface MirrorContext {
  /** Hex SHA-256 of the Kubernetes image for the nodes' architecture, from the catalogue. */
  imageSha256?: string;
}

/** A bakery file: the same path below the bakery's host and below the mirror. */
function bakeryFile(
  mirror: string,
  path: string,
  fields: Omit<MirrorFile, "url" | "path" | "source">,
  fromUpstream = true,
): MirrorFile {
  return {
    url: `${bakeryBase(mirror)}/${path}`,
    path,
    ...(fromUpstream ? { source: `${bakeryHub}/${path}` } : {}),
    ...fields,
  };
}

/** A file from elsewhere upstream: below the mirror at <host>/<path>. */
function upstreamFile(
  mirror: string,
  upstream: string,
  fields: Pick<MirrorFile, "what" | "fetchedBy">,
): MirrorFile {
  return {
    url: mirroredUrl(upstream, mirror),
    path: mirrorPath(upstream),
    source: upstream,
    ...fields,
  };
}

/** Whether this node installs the cluster's add-ons: the zero-touch first control plane. */
function installsAddons(node: MirrorNode): boolean {
  return (
    node.state.role === "control-plane" &&
    node.state.bootstrap === "generated" &&
    (node.index ?? 0) === 0
  );
}

function nodeFiles(node: MirrorNode, context: MirrorContext): MirrorFile[] {
  const { state } = node;
  const { mirror } = state;
  const files: MirrorFile[] = [];
  const image = imageFileName(state.kubernetesVersion, state.arch);
  files.push(
    bakeryFile(mirror, sysextImagePath(image, transferSourceFolder, mirror), {
      what: `Kubernetes ${state.kubernetesVersion} system extension (${state.arch})`,
      fetchedBy: "Ignition",
      ...(context.imageSha256 ? { sha256: context.imageSha256 } : {}),
    }),
  );
  if (state.updates === "patch") {
    const minor = minorOf(state.kubernetesVersion);
    const written = (text: string) => ({ contents: text, sha256: sha256Hex(text) });
    if (state.sysupdate === "bakery") {
      // Written, not copied: through a mirror the transfer's Source Path names the mirror.
      files.push(
        bakeryFile(
          mirror,
          transferFileHostPath(minor),
          {
            what: `the sysupdate transfer for ${minor} patch updates`,
            fetchedBy: "Ignition",
            ...written(transferFileText(minor, mirror)),
          },
          false,
        ),
        bakeryFile(
          mirror,
          noopFileName,
          { what: "the no-op sysupdate transfer", fetchedBy: "Ignition", ...written(noopFileText) },
          false,
        ),
      );
    }
    files.push(
      bakeryFile(mirror, transferListingPath, {
        what:
          mirror === ""
            ? "the listing of the bakery's Kubernetes images"
            : "the listing of the Kubernetes images the mirror holds: the bakery's lines for them",
        fetchedBy: "systemd-sysupdate",
      }),
    );
  }
  if (!installsAddons(node)) return files;
  if (state.cni === "cilium") {
    const { name, version } = ciliumSysext;
    files.push(
      bakeryFile(
        mirror,
        sysextImagePath(extensionImageFileName(name, version, state.arch), name, mirror),
        {
          what: `the bakery's cilium ${version} system extension (${state.arch})`,
          fetchedBy: "Ignition",
        },
      ),
    );
  }
  const cni = cniRelease(state.cni, state.kubernetesVersion);
  for (const url of cni?.urls ?? []) {
    files.push(
      upstreamFile(mirror, url, {
        what: `${cni?.name ?? ""} manifest`,
        fetchedBy: cni?.unitName ?? "",
      }),
    );
  }
  if (installsKured(state)) {
    const { version } = kuredRelease(state.kubernetesVersion);
    files.push(
      upstreamFile(mirror, kuredManifestUrl(version), {
        what: `kured ${version} manifest`,
        fetchedBy: kuredUnitName,
      }),
    );
  }
  return files;
}

function nodeImages(node: MirrorNode): Omit<MirrorImage, "mirrored">[] {
  const { state } = node;
  const kubeadm = kubeadmImages(state.kubernetesVersion);
  const images: Omit<MirrorImage, "mirrored">[] = [
    { image: kubeadm.pause, what: "the pod sandbox (containerd)" },
    { image: kubeadm.kubeProxy, what: "kube-proxy (a DaemonSet on every node)" },
  ];
  if (state.role === "control-plane") {
    images.push(
      ...kubeadm.controlPlane.map((image) => ({ image, what: "control plane (kubeadm)" })),
      { image: kubeadm.etcd, what: "etcd (kubeadm)" },
      { image: kubeadm.coreDns, what: "CoreDNS (kubeadm)" },
    );
    if (state.controlPlanes !== "1" && state.loadBalancer === "kube-vip") {
      images.push({ image: kubeVipRelease.image, what: "kube-vip (static pod)" });
    }
  }
  if (state.reboot === "kured") {
    const { version } = kuredRelease(state.kubernetesVersion);
    images.push({ image: kuredImage(version), what: `kured ${version} (a DaemonSet)` });
  }
  return images;
}

/** What the list cannot name, for the nodes' choices. */
function listNotes(state: WizardState, hasAddons: boolean): string[] {
  const notes: string[] = [];
  const note = kubeadmImages(state.kubernetesVersion).note;
  if (note) notes.push(note);
  const cni = cniRelease(state.cni, state.kubernetesVersion);
  if (cni && hasAddons) {
    const source =
      state.cni === "cilium"
        ? `cilium install reads its Helm chart and image list for ${cni.release.version}`
        : state.cni === "calico"
          ? `Calico's operator chooses its images for ${cni.release.version} when it runs`
          : `${cni.name}'s manifest names its images`;
    notes.push(
      `${source}: they are not listed here. \`cli mirror --download\` lists the images the downloaded manifests name in images.txt; copy those and ${state.cni === "flannel" ? "Flannel's" : `${cni.name}'s`} others from quay.io, docker.io or ghcr.io into the registry the same way.`,
    );
  }
  return notes;
}

/** Everything the nodes download, each once, in the order the nodes need them. */
export function mirrorList(nodes: readonly MirrorNode[], context: MirrorContext = {}): MirrorList {
  const first = nodes[0]?.state;
  if (!first) throw new Error("mirrorList needs at least one node");
  const files = new Map<string, MirrorFile>();
  const images = new Map<string, MirrorImage>();
  for (const node of nodes) {
    for (const file of nodeFiles(node, context)) {
      if (!files.has(file.url)) files.set(file.url, file);
    }
    for (const image of nodeImages(node)) {
      if (!images.has(image.image)) {
        images.set(image.image, { ...image, mirrored: mirroredImage(image.image, first.registry) });
      }
    }
  }
  return {
    mirror: first.mirror,
    registry: first.registry,
    files: [...files.values()],
    images: [...images.values()],
    notes: listNotes(first, nodes.some(installsAddons)),
  };
}
