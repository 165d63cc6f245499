/**
 * The nodes the first-boot simulation applies: together they make every choice of the wizard at
 * least once (matrix.test.ts proves it), plus a 1+3 zero-touch cluster. Built only through the
 * core's public entry points (decodePreset, renderNode, renderCluster, the embedded catalogue),
 * so the simulation follows whatever the renderer produces.
 */
import {
  embeddedCatalogue,
  findRelease,
  type Catalogue,
} from "../../src/core/catalogue/catalogue.ts";
import { generateNodeSecrets } from "../../src/core/cluster/generate-secrets.ts";
import { decodePreset } from "../../src/core/config/preset.ts";
import { testSshKey } from "../../src/core/config/test-keys.ts";
import type { WizardState } from "../../src/core/config/wizard-state.ts";
import { renderCluster } from "../../src/core/render/render-cluster.ts";
import {
  renderNode,
  type RenderContext,
  type RenderedNode,
} from "../../src/core/render/render-node.ts";

export interface SimulatedNode {
  name: string;
  state: WizardState;
  /** The compiled Ignition config, as the person would download it. */
  ignition: string;
  /** Secret values this node's files may hold: what the secrets rule looks for besides patterns. */
  secrets: string[];
  /** The cluster it belongs to (its label), and which control plane it is (0 runs init). */
  cluster?: string;
  controlPlaneIndex?: number;
}

/** A preset the person could have shared, plus the secrets a link never carries. */
interface Row {
  name: string;
  preset: Record<string, string | string[]>;
  joinToken?: string;
  /** Pin the image to a digest even when the catalogue has none (see imageDigest). */
  pinImage?: boolean;
}

const joinToken = "abcdef.0123456789abcdef";
const endpoint = "10.0.0.10:6443";
const caHash = `sha256:${"ab".repeat(32)}`;

/**
 * A snippet a person might add: a file, a script, a directory, a link, a unit with a `sh -c`
 * line, a drop-in for a Flatcar unit, a new user in a new group.
 */
export const extraButane = `storage:
  files:
    - path: /etc/motd.d/welcome.conf
      mode: 0644
      contents:
        inline: Welcome to a wizard-made node.
    - path: /opt/bin/report-uptime.sh
      mode: 0755
      contents:
        inline: |
          #!/bin/sh
          set -eu
          uptime_seconds="$(cut -d ' ' -f 1 /proc/uptime)"
          echo "up for \${uptime_seconds} s"
  directories:
    - path: /var/lib/reports
      mode: 0750
  links:
    - path: /opt/bin/report-uptime
      target: /opt/bin/report-uptime.sh
systemd:
  units:
    - name: report-uptime.service
      enabled: true
      contents: |
        [Unit]
        Description=Say how long the node has been up
        [Service]
        Type=oneshot
        ExecStart=/opt/bin/report-uptime.sh
        ExecStartPost=/usr/bin/sh -c 'date > /var/lib/reports/last-run'
        [Install]
        WantedBy=multi-user.target
    - name: containerd.service
      dropins:
        - name: 10-limits.conf
          contents: |
            [Service]
            LimitNOFILE=1048576
passwd:
  users:
    - name: reporter
      groups:
        - reports
      shell: /bin/false
  groups:
    - name: reports
      gid: 2000
`;

/** Newest patch of the oldest, a middle and the newest minor that ship an image for `arch`. */
export function versionsFor(catalogue: Catalogue, arch: WizardState["arch"]) {
  const minors = catalogue.minors
    .map((group) => group.releases.find((release) => release.arches.includes(arch)))
    .filter((release) => release !== undefined);
  const pick = (index: number) => {
    const release = minors[index];
    if (!release) throw new Error(`the catalogue has no ${arch} release`);
    return release.version;
  };
  return {
    newest: pick(0),
    middle: pick(Math.floor(minors.length / 2)),
    old: pick(minors.length - 1),
  };
}

function rows(catalogue: Catalogue): Row[] {
  const x86 = versionsFor(catalogue, "x86-64");
  const arm = versionsFor(catalogue, "arm64");
  const ed25519 = testSshKey("ssh-ed25519", "admin@laptop");
  const rsa = testSshKey("ssh-rsa", "ops@desk", 256);
  return [
    {
      name: "control plane, x86-64, newest, updates, kured, Calico, zero-touch, SSH, host name",
      preset: {
        role: "control-plane",
        arch: "x86-64",
        k8s: x86.newest,
        updates: "patch",
        reboot: "kured",
        sysupdate: "inline",
        butane: "1.0.0",
        bootstrap: "generated",
        cni: "calico",
        hostname: "cp-1",
        ssh: ed25519,
        verify: "on",
      },
      pinImage: true,
    },
    {
      name: "worker, arm64, old, updates from the bakery, locksmithd etcd-lock with a window, manual",
      preset: {
        role: "worker",
        arch: "arm64",
        k8s: arm.old,
        updates: "patch",
        reboot: "locksmithd",
        strategy: "etcd-lock",
        window: "Thu 04:00,1h30m",
        sysupdate: "bakery",
        butane: "1.1.0",
        bootstrap: "manual",
        endpoint,
        "ca-hash": caHash,
        channel: "beta",
        hostname: "worker-7",
      },
      joinToken,
    },
    {
      name: "control plane, arm64, middle, no updates, Flannel, manual, extra Butane, two keys",
      preset: {
        role: "control-plane",
        arch: "arm64",
        k8s: arm.middle,
        updates: "off",
        reboot: "kured",
        butane: "1.1.0",
        bootstrap: "manual",
        cni: "flannel",
        hostname: "cp-arm",
        ssh: [ed25519, rsa],
        extra: extraButane,
      },
    },
    {
      name: "control plane, x86-64, middle, locksmithd reboot with a window, Cilium, no digest pin",
      preset: {
        role: "control-plane",
        arch: "x86-64",
        k8s: x86.middle,
        updates: "patch",
        reboot: "locksmithd",
        strategy: "reboot",
        window: "04:00,1h",
        sysupdate: "bakery",
        butane: "1.0.0",
        bootstrap: "generated",
        cni: "cilium",
        verify: "off",
        channel: "stable",
      },
    },
    {
      name: "control plane, x86-64, old, no updates, locksmithd off, no CNI, 1.1.0",
      preset: {
        role: "control-plane",
        arch: "x86-64",
        k8s: x86.old,
        updates: "off",
        reboot: "locksmithd",
        strategy: "off",
        butane: "1.1.0",
        bootstrap: "generated",
        cni: "none",
        channel: "off",
        "token-ttl": "0",
      },
    },
    {
      name: "worker, arm64, newest, updates inline, kured with a window, zero-touch, extra Butane",
      preset: {
        role: "worker",
        arch: "arm64",
        k8s: arm.newest,
        updates: "patch",
        reboot: "kured",
        sysupdate: "inline",
        butane: "1.0.0",
        bootstrap: "generated",
        endpoint,
        hostname: "worker-arm",
        window: "Sat 03:00,2h",
        extra: extraButane,
        channel: "alpha",
      },
    },
    {
      name: "worker, x86-64, middle, no updates, locksmithd with a window, manual, lts",
      preset: {
        role: "worker",
        arch: "x86-64",
        k8s: x86.middle,
        updates: "off",
        reboot: "locksmithd",
        window: "Sun 01:30,45m",
        butane: "1.0.0",
        bootstrap: "manual",
        endpoint,
        "ca-hash": caHash,
        channel: "lts",
      },
      joinToken,
    },
  ];
}

export function presetQuery(preset: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(preset))
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, one);
  return params.toString();
}

export function compiledIgnition(name: string, rendered: RenderedNode): string {
  if (rendered.compiled.ignition === undefined)
    throw new Error(`${name} did not compile:\n${rendered.compiled.stderr}`);
  return rendered.compiled.ignition;
}

/**
 * Every node of the simulation: the single nodes, then the cluster's control plane and workers.
 * `params` adds preset parameters to every row (the mirror tests add mirror= and registry=).
 */
export async function simulatedNodes(
  catalogue = embeddedCatalogue(),
  params: Record<string, string> = {},
): Promise<SimulatedNode[]> {
  const secrets = await generateNodeSecrets({ controlPlanes: 3 });
  const shared = secrets.controlPlane;
  const secretValues = [
    secrets.bootstrapToken,
    secrets.caPrivateKeyPem,
    ...(shared
      ? [
          shared.etcdCaPrivateKeyPem,
          shared.frontProxyCaPrivateKeyPem,
          shared.serviceAccountPrivateKeyPem,
        ]
      : []),
  ];
  const nodes: SimulatedNode[] = [];
  for (const row of rows(catalogue)) {
    const { state, notices } = decodePreset(presetQuery({ ...row.preset, ...params }), catalogue);
    if (notices.length > 0)
      throw new Error(`${row.name}: the preset has notices ${JSON.stringify(notices)}`);
    if (row.joinToken) state.joinToken = row.joinToken;
    const context: RenderContext = { imageSha256: imageDigest(catalogue, state, row.pinImage) };
    if (state.bootstrap === "generated") context.secrets = secrets;
    nodes.push({
      name: row.name,
      state,
      ignition: compiledIgnition(row.name, renderNode(state, context)),
      secrets: row.joinToken
        ? [row.joinToken]
        : state.bootstrap === "generated"
          ? secretValues
          : [],
    });
  }
  const clusters: { label: string; preset: Row["preset"] }[] = [
    {
      label: "1+3 cluster",
      preset: {
        bootstrap: "generated",
        endpoint,
        workers: "3",
        "worker-name": "node-{n}",
        hostname: "cluster-cp",
        // Flannel installed by the control plane, following a pod CIDR other than its default.
        cni: "flannel",
        "pod-cidr": "10.42.0.0/16",
      },
    },
    {
      label: "3+2 cluster, kube-vip",
      preset: {
        bootstrap: "generated",
        endpoint: "10.0.0.100:6443",
        "control-planes": "3",
        "vip-interface": "ens3",
        workers: "2",
        "token-ttl": "0",
      },
    },
    {
      label: "3+2 cluster, external load balancer",
      preset: {
        bootstrap: "generated",
        endpoint: "k8s.example.com:443",
        "control-planes": "3",
        lb: "external",
        "cp-name": "master-{n}",
        workers: "2",
        "token-ttl": "0",
        cni: "cilium",
      },
    },
    {
      // Everything from the person's mirror and registry (issue 20): containerd's own config
      // and hosts.toml files, the image and manifests from the mirror, kured and Calico installed
      // by the control plane.
      label: "1+2 cluster, mirror and registry",
      preset: {
        bootstrap: "generated",
        endpoint,
        workers: "2",
        cni: "calico",
        kured: "cluster",
        reboot: "kured",
        updates: "patch",
        sysupdate: "inline",
        mirror: "https://mirror.example.com/flatcar",
        registry: "registry.example.com:5000",
      },
    },
  ];
  for (const cluster of clusters) {
    const { state, notices } = decodePreset(
      presetQuery({ ...cluster.preset, ...params }),
      catalogue,
    );
    if (notices.length > 0)
      throw new Error(`${cluster.label}: the preset has notices ${JSON.stringify(notices)}`);
    const clusterNodes = renderCluster(state, secrets, {
      imageSha256: imageDigest(catalogue, state),
    });
    for (const [index, node] of clusterNodes.entries()) {
      const name = `${cluster.label}, ${node.name}`;
      nodes.push({
        name,
        state: { ...state, role: node.role, hostname: node.name },
        ignition: compiledIgnition(name, node.rendered),
        secrets: secretValues,
        cluster: cluster.label,
        ...(node.role === "control-plane" ? { controlPlaneIndex: index } : {}),
      });
    }
  }
  return nodes;
}

/**
 * The image digest the page would pin. The embedded snapshot predates GitHub's asset digests,
 * so a pinned row without one gets a made-up digest: the simulation serves its own stand-in
 * bytes and rewrites the hash anyway; what it proves is that a pinned config applies.
 */
function imageDigest(catalogue: Catalogue, state: WizardState, pin = false): string | undefined {
  const digest = findRelease(catalogue, state.kubernetesVersion)?.sha256[state.arch];
  return digest ?? (pin ? "5e".repeat(32) : undefined);
}
