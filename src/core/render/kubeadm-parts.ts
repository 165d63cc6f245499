import { cniUnitName } from "../cluster/cni";
import { cniInstall } from "../cluster/cni-install";
import {
  caCertificatePath,
  caPrivateKeyPath,
  controlPlaneKubeadmConfig,
  kubeadmConfigPath,
  workerKubeadmConfig,
} from "../cluster/kubeadm-config";
import { kubeadmRules } from "../cluster/kubeadm-rules";
import { manualJoinFields, type WizardState } from "../config/wizard-state";
import { extensionImageFileName } from "../version";
import { sysextDirectory, sysextImageUrl, sysextSymlink } from "./bakery";
import type { ButaneFile, ButaneLink, ButaneUnit } from "./butane-types";
import type { NodeSecrets } from "../cluster/node-secrets";
import { secretFile } from "./secret-files";
import { kuredInstall, kuredUnitName } from "./kured";
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

/** Zero-touch control plane: init from the generated config, with the generated CA. */
const generatedControlPlaneUnit = zeroTouchUnit(
  "initialise the control plane once",
  `ExecStart=/usr/bin/kubeadm init --config ${kubeadmConfigPath}
ExecStartPost=/usr/bin/mkdir -p /home/core/.kube
ExecStartPost=/usr/bin/cp /etc/kubernetes/admin.conf /home/core/.kube/config
ExecStartPost=/usr/bin/chown -R core:core /home/core/.kube
`,
);

/**
 * A worker, zero-touch or manual: waits until the control plane's API server answers (workers
 * may boot with it, or before it), then joins once; a failed join is tried again. The token is
 * read from the 0600 JoinConfiguration, never from the command line, which any local user can
 * read in the 0644 unit file and in the process list.
 */
function workerJoinUnit(endpoint: string): string {
  return zeroTouchUnit(
    "join the cluster once",
    `ExecStartPre=/usr/bin/sh -c 'until /usr/bin/curl --silent --insecure --max-time 5 --output /dev/null https://${endpoint}/livez; do sleep 10; done'
ExecStart=/usr/bin/kubeadm join --config ${kubeadmConfigPath}
Restart=on-failure
RestartSec=30
`,
  );
}

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
        contents: workerJoinUnit(state.controlPlaneEndpoint),
      },
    ],
    notices: [],
  };
}

/** What kubeadm needs on this node: how the node starts or joins the cluster. */
export function kubeadmParts(state: WizardState, secrets: NodeSecrets | undefined): KubeadmParts {
  const parts = kubeadmPartsForMinor(state, secrets);
  // A minor newer than kubeadm-rules.ts knows is written as for the newest known one: say so.
  const { assumedFrom } = kubeadmRules(state.kubernetesVersion);
  if (assumedFrom && parts.files.some((file) => file.path === kubeadmConfigPath)) {
    parts.notices.push({ field: "kubernetesVersion", level: "warning", message: assumedFrom });
  }
  return parts;
}

function kubeadmPartsForMinor(state: WizardState, secrets: NodeSecrets | undefined): KubeadmParts {
  if (state.bootstrap === "manual") return manualParts(state);
  if (!secrets) return noParts();
  const hostname = state.hostname || undefined;
  if (state.role === "control-plane") {
    const config = controlPlaneKubeadmConfig({
      kubernetesVersion: state.kubernetesVersion,
      clusterName: state.clusterName,
      controlPlaneEndpoint: state.controlPlaneEndpoint,
      podSubnet: state.podCidr,
      serviceSubnet: state.serviceCidr,
      bootstrapToken: secrets.bootstrapToken,
      tokenTtl: state.tokenTtl,
      hostname,
    });
    const addons = clusterAddonParts(state);
    return {
      files: [
        { path: caCertificatePath, mode: 0o644, contents: { inline: secrets.caCertificatePem } },
        secretFile(caPrivateKeyPath, secrets.caPrivateKeyPem),
        secretFile(kubeadmConfigPath, config),
        ...addons.files,
      ],
      links: addons.links,
      units: [
        { name: "kubeadm.service", enabled: true, contents: generatedControlPlaneUnit },
        ...addons.units,
      ],
      notices: addons.notices,
    };
  }
  if (state.controlPlaneEndpoint === "") return noParts();
  return workerJoinParts(state, secrets.bootstrapToken, secrets.discoveryHash);
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
      contents: { source: sysextImageUrl(name, version, state.arch) },
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
  if (state.reboot === "kured" && state.kuredInstall === "cluster") {
    const kured = kuredInstall(state.kubernetesVersion, state.windowStart, state.windowLength);
    parts.files.push(...kured.files.map((file) => addonFile(file.path, file.contents)));
    parts.units.push({ name: kuredUnitName, enabled: true, contents: kured.unit });
    for (const note of kured.notes)
      parts.notices.push({ field: "reboot", level: "warning", message: note });
  }
  return parts;
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
