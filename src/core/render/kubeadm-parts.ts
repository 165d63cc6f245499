import { cniUnitName } from "../cluster/cni";
import {
  controlPlaneSecretIsPrivate,
  controlPlaneSecretKeys,
  controlPlaneSecretPaths,
  type ControlPlaneSecrets,
} from "../cluster/control-plane-files";
import { adminKubeconfig } from "../cluster/addon-unit";
import {
  kubeVipManifest,
  kubeVipManifestPath,
  kubeVipStagedPath,
  kubeVipUseAdminConf,
} from "../cluster/kube-vip";
import { splitEndpoint } from "../cluster/endpoint";
import { cniInstall } from "../cluster/cni-install";
import {
  caCertificatePath,
  caPrivateKeyPath,
  controlPlaneKubeadmConfig,
  kubeadmConfigPath,
  workerKubeadmConfig,
} from "../cluster/kubeadm-config";
import { kubeadmRules, writesSuperAdminKubeconfig } from "../cluster/kubeadm-rules";
import { kubeadmImageRepository } from "../cluster/kubeadm-images";
import { registryAddress } from "../values/download-sources";
import { manualJoinFields, type WizardState } from "../config/wizard-state";
import { extensionImageFileName } from "../version";
import { sysextDirectory, sysextImageUrl, sysextSymlink } from "./bakery";
import type { ButaneFile, ButaneLink, ButaneUnit } from "./butane-types";
import type { NodeSecrets } from "../cluster/node-secrets";
import { secretFile } from "./secret-files";
import { installsKured, kuredInstall, kuredUnitName } from "./kured";
import type { RenderNotice } from "./render-notice";

/**
 * What kubeadm needs on a node; empty while a value it needs is missing (readiness says
 * which). Notices are notes on what was chosen for the node (warnings, never blocking).
 */
export interface KubeadmParts {
  files: ButaneFile[];
  links: ButaneLink[];
  units: ButaneUnit[];
  notices: RenderNotice[];
}

const noParts = (): KubeadmParts => ({ files: [], links: [], units: [], notices: [] });

const unitHead = `[Unit]
Description=Kubeadm service
Requires=containerd.service
After=containerd.service
After=network-online.target
ConditionPathExists=!/etc/kubernetes/kubelet.conf
[Service]
`;
const unitTail = `[Install]
WantedBy=multi-user.target
`;

/** The Flatcar how-to's control plane unit: init once, then give `core` the admin kubeconfig. */
const howtoControlPlaneUnit = `${unitHead}ExecStartPre=/usr/bin/kubeadm init
ExecStartPre=/usr/bin/mkdir /home/core/.kube
ExecStartPre=/usr/bin/cp /etc/kubernetes/admin.conf /home/core/.kube/config
ExecStart=/usr/bin/chown -R core:core /home/core/.kube
${unitTail}`;

/** A zero-touch kubeadm unit: runs once (until kubelet.conf exists), however long it takes. */
function zeroTouchUnit(description: string, service: string): string {
  return `[Unit]
Description=Kubeadm service: ${description}
Requires=containerd.service
After=containerd.service network-online.target
Wants=network-online.target
ConditionPathExists=!/etc/kubernetes/kubelet.conf
[Service]
Type=oneshot
RemainAfterExit=yes
TimeoutStartSec=infinity
${service}${unitTail}`;
}

/** `core` gets the admin kubeconfig, for kubectl on the node. */
const coreKubeconfigSteps = `ExecStartPost=/usr/bin/mkdir -p /home/core/.kube
ExecStartPost=/usr/bin/cp ${adminKubeconfig} /home/core/.kube/config
ExecStartPost=/usr/bin/chown -R core:core /home/core/.kube
`;

/** Zero-touch control plane: init from the generated config, with the generated CA. */
function generatedControlPlaneUnit(afterInit: string[] = []): string {
  return zeroTouchUnit(
    "initialise the control plane once",
    `ExecStart=/usr/bin/kubeadm init --config ${kubeadmConfigPath}
${afterInit.map((step) => `ExecStartPost=${step}\n`).join("")}${coreKubeconfigSteps}`,
  );
}

/**
 * A worker, zero-touch or manual: waits until the control plane's API server answers (workers
 * may boot with it, or before it), then joins once; a failed join is tried again. The token is
 * read from the 0600 JoinConfiguration, never from the command line, which any local user can
 * read in the 0644 unit file and in the process list.
 */
function joinUnit(endpoint: string, controlPlane?: { after: string[]; index: number }): string {
  // A control plane waits for /readyz (etcd included): while another control plane's etcd
  // member is being added the cluster is not ready, so joins do not overlap; the later ones
  // also start a minute apart, so two never see "ready" at the same moment.
  const check = controlPlane ? "readyz" : "livez";
  const stagger =
    controlPlane && controlPlane.index > 1
      ? `ExecStartPre=/usr/bin/sleep ${(controlPlane.index - 1) * controlPlaneJoinSpacingSeconds}\n`
      : "";
  const after = (controlPlane?.after ?? []).map((step) => `ExecStartPost=${step}\n`).join("");
  return zeroTouchUnit(
    controlPlane ? "join the control plane once" : "join the cluster once",
    `ExecStartPre=/usr/bin/sh -c 'until /usr/bin/curl --silent --insecure --max-time 5 --output /dev/null https://${endpoint}/livez; do sleep 10; done'
${stagger}${controlPlane ? `ExecStartPre=/usr/bin/sh -c 'until /usr/bin/curl --silent --insecure --fail --max-time 5 --output /dev/null https://${endpoint}/${check}; do sleep 10; done'\n` : ""}ExecStart=/usr/bin/kubeadm join --config ${kubeadmConfigPath}
${after}${controlPlane ? coreKubeconfigSteps : ""}Restart=on-failure
RestartSec=30
`,
  );
}

/** Seconds between the joins of the second, third, … control planes. */
const controlPlaneJoinSpacingSeconds = 60;

/** The worker's JoinConfiguration (0600: it holds the token) and the unit that joins with it. */
function workerJoinParts(
  state: WizardState,
  bootstrapToken: string,
  discoveryHash: string,
): KubeadmParts {
  const config = workerKubeadmConfig({
    kubernetesVersion: state.kubernetesVersion,
    controlPlaneEndpoint: state.controlPlaneEndpoint,
    bootstrapToken,
    discoveryHash,
    hostname: state.hostname || undefined,
  });
  return {
    files: [secretFile(kubeadmConfigPath, config)],
    links: [],
    units: [
      {
        name: "kubeadm.service",
        enabled: true,
        contents: joinUnit(state.controlPlaneEndpoint),
      },
    ],
    notices: [],
  };
}

/** What kubeadm needs on this node: how the node starts or joins the cluster. */
export function kubeadmParts(
  state: WizardState,
  secrets: NodeSecrets | undefined,
  node: NodePlace = {},
): KubeadmParts {
  const parts = kubeadmPartsForMinor(state, secrets, node);
  // A minor newer than kubeadm-rules.ts knows is written as for the newest known one: say so.
  const { assumedFrom } = kubeadmRules(state.kubernetesVersion);
  if (assumedFrom && parts.files.some((file) => file.path === kubeadmConfigPath)) {
    parts.notices.push({ field: "kubernetesVersion", level: "warning", message: assumedFrom });
  }
  return parts;
}

/** Where a node stands in its cluster, beyond its role. */
export interface NodePlace {
  /** Which of several control planes (0 first): the others join the first instead of running init. */
  controlPlaneIndex?: number;
}

function kubeadmPartsForMinor(
  state: WizardState,
  secrets: NodeSecrets | undefined,
  node: NodePlace,
): KubeadmParts {
  if (state.bootstrap === "manual") return manualParts(state);
  if (!secrets) return noParts();
  if (state.role === "control-plane" && state.controlPlanes !== "1") {
    return highlyAvailableParts(state, secrets, node);
  }
  if (state.role === "control-plane") return initParts(state, secrets, [], []);
  if (state.controlPlaneEndpoint === "") return noParts();
  return workerJoinParts(state, secrets.bootstrapToken, secrets.discoveryHash);
}

/** The cluster CA where kubeadm looks for it, then `extra` files. */
function caFiles(secrets: NodeSecrets, extra: ButaneFile[]): ButaneFile[] {
  return [
    { path: caCertificatePath, mode: 0o644, contents: { inline: secrets.caCertificatePem } },
    secretFile(caPrivateKeyPath, secrets.caPrivateKeyPem),
    ...extra,
  ];
}

/** The (first) control plane: kubeadm init with the cluster's CA, then the add-ons once. */
function initParts(
  state: WizardState,
  secrets: NodeSecrets,
  extraFiles: ButaneFile[],
  afterInit: string[],
): KubeadmParts {
  const config = controlPlaneKubeadmConfig({
    kubernetesVersion: state.kubernetesVersion,
    clusterName: state.clusterName,
    controlPlaneEndpoint: state.controlPlaneEndpoint,
    podSubnet: state.podCidr,
    serviceSubnet: state.serviceCidr,
    bootstrapToken: secrets.bootstrapToken,
    tokenTtl: state.tokenTtl,
    hostname: state.hostname || undefined,
    images: kubeadmImageRepository(state.kubernetesVersion, registryAddress(state.registry)),
  });
  const addons = clusterAddonParts(state);
  return {
    files: [
      ...caFiles(secrets, extraFiles),
      secretFile(kubeadmConfigPath, config),
      ...addons.files,
    ],
    links: addons.links,
    units: [
      { name: "kubeadm.service", enabled: true, contents: generatedControlPlaneUnit(afterInit) },
      ...addons.units,
    ],
    notices: addons.notices,
  };
}

/**
 * What the zero-touch control plane installs in the cluster once kubeadm init has finished:
 * the CNI, and kured when it coordinates reboots and the cluster is to install it.
 */
function clusterAddonParts(state: WizardState): KubeadmParts {
  const parts = noParts();
  const addonFile = (path: string, contents: string): ButaneFile => ({
    path,
    mode: 0o644,
    contents: { inline: contents },
  });
  const cni = cniInstall(state);
  if (cni.kind === "unit") {
    parts.files.push(...cni.files.map((file) => addonFile(file.path, file.contents)));
    parts.units.push({ name: cniUnitName, enabled: true, contents: cni.unit });
  }
  if (cni.kind === "sysext") {
    // As the bakery's docs/cilium.md: the image under /opt/extensions, merged through its link.
    // No sysupdate for it: the CLI only installs, Cilium itself is upgraded in the cluster.
    const { name, version } = cni.extension;
    const image = `${sysextDirectory(name)}/${extensionImageFileName(name, version, state.arch)}`;
    parts.files.push({
      path: image,
      contents: { source: sysextImageUrl(name, version, state.arch, state.mirror) },
    });
    parts.links.push({ path: sysextSymlink(name), target: image, hard: false });
    parts.units.push({
      name: cni.unitName,
      enabled: true,
      dropins: [{ name: cni.dropinName, contents: cni.dropin }],
    });
  }
  if (cni.kind !== "none" && cni.note) {
    parts.notices.push({ field: "cni", level: "warning", message: cni.note });
  }
  if (installsKured(state)) {
    const kured = kuredInstall(state);
    parts.files.push(...kured.files.map((file) => addonFile(file.path, file.contents)));
    parts.units.push({ name: kuredUnitName, enabled: true, contents: kured.unit });
    for (const note of kured.notes)
      parts.notices.push({ field: "reboot", level: "warning", message: note });
  }
  return parts;
}

/**
 * One of several control planes: the shared secrets where kubeadm looks for them, kube-vip
 * when it serves the endpoint, and init (the first) or a control-plane join (the others).
 * Nothing while the secrets lack the shared part or the endpoint is missing (readiness says so).
 */
function highlyAvailableParts(
  state: WizardState,
  secrets: NodeSecrets,
  node: NodePlace,
): KubeadmParts {
  const shared = secrets.controlPlane;
  if (!shared || state.controlPlaneEndpoint === "") return noParts();
  const index = node.controlPlaneIndex ?? 0;
  const first = index === 0;
  const files = sharedSecretFiles(shared);
  const afterInit: string[] = [];
  const afterJoin: string[] = [];
  if (state.loadBalancer === "kube-vip") {
    const { host, port } = splitEndpoint(state.controlPlaneEndpoint);
    // While the first init runs, admin.conf may not act yet (1.29+): kube-vip needs the API.
    const superAdmin = first && writesSuperAdminKubeconfig(state.kubernetesVersion);
    const kubeconfigPath = superAdmin ? superAdminKubeconfig : adminKubeconfig;
    // kubeadm join refuses a non-empty manifests directory (preflight DirAvailable--etc-
    // kubernetes-manifests, RunJoinNodeChecks), and init does not (it checks only its own
    // four manifests): a joining control plane gets kube-vip once it has joined, through
    // the first one's virtual IP.
    if (!first) afterJoin.push(`/usr/bin/cp ${kubeVipStagedPath} ${kubeVipManifestPath}`);
    files.push({
      path: first ? kubeVipManifestPath : kubeVipStagedPath,
      mode: 0o644,
      contents: {
        inline: kubeVipManifest({
          address: host,
          port,
          interfaceName: state.vipInterface,
          kubeconfigPath,
        }),
      },
    });
    if (superAdmin) afterInit.push(kubeVipUseAdminConf(superAdminKubeconfig, adminKubeconfig));
  }
  if (first) return initParts(state, secrets, files, afterInit);
  const config = workerKubeadmConfig({
    kubernetesVersion: state.kubernetesVersion,
    controlPlaneEndpoint: state.controlPlaneEndpoint,
    bootstrapToken: secrets.bootstrapToken,
    discoveryHash: secrets.discoveryHash,
    hostname: state.hostname || undefined,
    controlPlane: true,
  });
  return {
    files: [...caFiles(secrets, files), secretFile(kubeadmConfigPath, config)],
    links: [],
    units: [
      {
        name: "kubeadm.service",
        enabled: true,
        contents: joinUnit(state.controlPlaneEndpoint, { after: afterJoin, index }),
      },
    ],
    notices: [],
  };
}

const superAdminKubeconfig = "/etc/kubernetes/super-admin.conf";

/** The front-proxy and etcd CAs and the service-account keys, keys 0600. */
function sharedSecretFiles(shared: ControlPlaneSecrets): ButaneFile[] {
  return controlPlaneSecretKeys.map((key) =>
    controlPlaneSecretIsPrivate[key]
      ? secretFile(controlPlaneSecretPaths[key], shared[key])
      : { path: controlPlaneSecretPaths[key], mode: 0o644, contents: { inline: shared[key] } },
  );
}

function manualParts(state: WizardState): KubeadmParts {
  if (state.role === "control-plane") {
    return {
      files: [],
      links: [],
      units: [{ name: "kubeadm.service", enabled: true, contents: howtoControlPlaneUnit }],
      notices: [],
    };
  }
  if (manualJoinFields.some((field) => state[field] === "")) return noParts();
  return workerJoinParts(state, state.joinToken, state.caCertHash);
}
