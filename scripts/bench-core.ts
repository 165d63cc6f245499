/**
 * Core throughput in Node: renderNode (Butane from the wizard's state, then compiled to
 * Ignition) over a spread of presets, and a 1 control plane + 1000 workers cluster.
 *   npx tsx scripts/bench-core.ts
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { embeddedCatalogue, findRelease } from "../src/core/catalogue/catalogue.ts";
import { decodePreset } from "../src/core/config/preset.ts";
import { testSshKey } from "../src/core/config/test-keys.ts";
import type { WizardState } from "../src/core/config/wizard-state.ts";
import { generateNodeSecrets } from "../src/core/cluster/generate-secrets.ts";
import { renderCluster } from "../src/core/render/render-cluster.ts";
import { renderNode } from "../src/core/render/render-node.ts";

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Nearest-rank percentile, p in 0..100. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
}

const joinToken = "abcdef.0123456789abcdef";
const caHash = `sha256:${"0123456789abcdef".repeat(4)}`;
const extraButane = `storage:
  files:
    - path: /etc/motd
      contents:
        inline: Welcome to a Kubernetes node
systemd:
  units:
    - name: hello.service
      enabled: true
      contents: |
        [Unit]
        Description=Hello
        [Service]
        ExecStart=/usr/bin/echo hello
        [Install]
        WantedBy=multi-user.target
`;

/** A spread of presets: roles, versions, arches, update and reboot policies, extra Butane. */
export function presetStates(): { name: string; state: WizardState }[] {
  const catalogue = embeddedCatalogue();
  const versions = catalogue.releases.map((r) => r.version);
  const oldest = versions[versions.length - 1] ?? catalogue.newest.version;
  const queries: [string, string][] = [
    ["default control plane", ""],
    ["control plane, arm64, locksmithd", "arch=arm64&reboot=locksmithd&hostname=cp-1"],
    [
      "control plane, locksmithd window, channel, butane 1.1.0",
      "reboot=locksmithd&strategy=etcd-lock&window=Thu%2004:00,1h30m&channel=stable&butane=1.1.0",
    ],
    [
      "control plane, updates off, oldest version",
      `updates=off&k8s=${encodeURIComponent(oldest)}&hostname=cp-old`,
    ],
    [
      "control plane, ssh keys, extra Butane",
      `ssh-key=${encodeURIComponent(testSshKey("ssh-ed25519"))}&ssh-key=${encodeURIComponent(testSshKey("ssh-rsa", "ops@example", 256))}&extra=${encodeURIComponent(extraButane)}`,
    ],
    ["worker without join", "role=worker&hostname=worker-0"],
    [
      "worker with join, bakery sysupdate",
      `bootstrap=manual&role=worker&sysupdate=bakery&hostname=worker-1&endpoint=10.0.0.10:6443&ca-hash=${caHash}`,
    ],
    [
      "worker with join, arm64, updates off",
      `bootstrap=manual&role=worker&arch=arm64&updates=off&endpoint=10.0.0.10:6443&ca-hash=${caHash}`,
    ],
  ];
  return queries.map(([name, query]) => {
    const { state } = decodePreset(query, catalogue);
    if (state.role === "worker" && state.controlPlaneEndpoint !== "") state.joinToken = joinToken;
    return { name, state };
  });
}

function imageSha256(state: WizardState): string | undefined {
  return findRelease(embeddedCatalogue(), state.kubernetesVersion)?.sha256[state.arch];
}

/** renderNode per preset: median of `runs` timed runs each (after a warm-up), in µs. */
export function benchRenderCompile(runs = 41): {
  renderCompileMedianUs: number;
  perPreset: { preset: string; medianUs: number }[];
} {
  // Round-robin, after warming every preset up, so no preset pays for the JIT alone.
  const presets = presetStates().map(({ name, state }) => ({
    name,
    state,
    context: { imageSha256: imageSha256(state) },
    times: [] as number[],
  }));
  for (let round = -10; round < runs; round++) {
    for (const preset of presets) {
      const t0 = performance.now();
      const rendered = renderNode(preset.state, preset.context);
      const us = (performance.now() - t0) * 1000;
      if (rendered.compiled.exitCode !== 0) throw new Error(`${preset.name}: does not compile`);
      if (round >= 0) preset.times.push(us);
    }
  }
  const perPreset = presets.map((p) => ({ preset: p.name, medianUs: median(p.times) }));
  return { renderCompileMedianUs: median(perPreset.map((p) => p.medianUs)), perPreset };
}

/** Renders one cluster and returns how many nodes it rendered. */
export type ClusterRenderer = (workers: number) => number;

/**
 * The cluster feature's own renderer: renderCluster with generated secrets (made once, before
 * timing), 1 control plane + N workers named worker-1..worker-N, every node compiled.
 */
export async function clusterRenderer(): Promise<ClusterRenderer> {
  const secrets = await generateNodeSecrets();
  const catalogue = embeddedCatalogue();
  const state = decodePreset("endpoint=10.0.0.10:6443&cni=calico", catalogue).state;
  const context = { imageSha256: imageSha256(state) };
  return (workers) =>
    renderCluster(state, secrets, context, workers).filter(
      (node) => node.rendered.compiled.exitCode === 0,
    ).length;
}

/** Wall time of one cluster render: the median of `runs` (after one warm-up run), in ms. */
export function benchCluster(
  renderer: ClusterRenderer,
  workers = 1000,
  runs = 3,
): { clusterMs: number; nodes: number } {
  let nodes = renderer(Math.min(workers, 50));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    nodes = renderer(workers);
    times.push(performance.now() - t0);
  }
  if (nodes !== workers + 1) throw new Error(`rendered ${nodes} of ${workers + 1} nodes`);
  return { clusterMs: median(times), nodes };
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const renderCompile = benchRenderCompile();
  console.table(
    renderCompile.perPreset.map((p) => ({ preset: p.preset, "median µs": Math.round(p.medianUs) })),
  );
  const cluster = benchCluster(await clusterRenderer());
  console.log(
    `renderNode median over presets: ${Math.round(renderCompile.renderCompileMedianUs)} µs; 1 control plane + 1000 workers, renderCluster: ${cluster.clusterMs.toFixed(0)} ms`,
  );
}
