/**
 * Runs Debian's ignition-validate (Ignition spec 3.3.0) on
 *  - the compiled output of every 1.0.0 Butane vector that compiles, and
 *  - the rendered wizard config for a spread of presets (every role, updates, reboot,
 *    sysupdate source and architecture, plus host name, SSH key, channel and window).
 * Exits non-zero if any output is refused. Usage: npx tsx scripts/validate-ignition.ts
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileButane } from "../src/core/butane/compile.ts";
import { embeddedCatalogue } from "../src/core/catalogue/catalogue.ts";
import { decodePreset } from "../src/core/config/preset.ts";
import { testSshKey } from "../src/core/config/test-keys.ts";
import { generateNodeSecrets } from "../src/core/cluster/generate-secrets.ts";
import {
  cniChoiceValues,
  defaultWizardState,
  type WizardState,
} from "../src/core/config/wizard-state.ts";
import { renderCluster } from "../src/core/render/render-cluster.ts";
import { renderNode } from "../src/core/render/render-node.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const vectors = path.resolve(repoRoot, "../shared/vectors/butane");
const validator = process.env.IGNITION_VALIDATE ?? "/usr/bin/ignition-validate";

interface Row {
  name: string;
  version: string;
}

/** name -> Ignition JSON, for everything that should validate. */
function vectorOutputs(): [string, string][] {
  return readFileSync(path.join(vectors, "manifest.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Row)
    .filter((row) => row.version === "1.0.0")
    .flatMap((row): [string, string][] => {
      const result = compileButane(readFileSync(path.join(vectors, `${row.name}.bu`), "utf8"));
      return result.ignition === undefined ? [] : [[`vector ${row.name}`, result.ignition]];
    });
}

function presetOutputs(): [string, string][] {
  const catalogue = embeddedCatalogue();
  const presets: string[] = [];
  for (const role of ["control-plane", "worker"])
    for (const updates of ["patch", "off"])
      for (const reboot of ["kured", "locksmithd"])
        for (const sysupdate of ["inline", "bakery"])
          for (const arch of ["x86-64", "arm64"])
            presets.push(
              `role=${role}&updates=${updates}&reboot=${reboot}&sysupdate=${sysupdate}&arch=${arch}`,
            );
  const extras = new URLSearchParams({
    hostname: "node-1",
    endpoint: "10.0.0.10:6443",
    "ca-hash": `sha256:${"ab".repeat(32)}`,
    channel: "beta",
    window: "Thu 04:00,1h30m",
    ssh: testSshKey("ssh-ed25519"),
    k8s: "v1.30",
    extra:
      "storage:\n  files:\n    - path: /etc/motd\n      mode: 0644\n      contents:\n        inline: hello\n",
  });
  presets.push(`role=worker&reboot=locksmithd&strategy=etcd-lock&${extras}`);
  extras.set("channel", "off");
  presets.push(`${extras}`);
  return presets.map((preset) => {
    const { state, notices } = decodePreset(preset, catalogue);
    if (notices.length > 0) throw new Error(`preset ${preset}: ${JSON.stringify(notices)}`);
    const rendered = renderNode({ ...state, joinToken: "abcdef.0123456789abcdef" });
    if (rendered.compiled.ignition === undefined) {
      throw new Error(`preset ${preset} did not compile:\n${rendered.compiled.stderr}`);
    }
    return [`preset ${preset}`, rendered.compiled.ignition];
  });
}

function validate(outputs: [string, string][]): string[] {
  const work = mkdtempSync(path.join(tmpdir(), "ignition-validate-"));
  const failures: string[] = [];
  try {
    outputs.forEach(([name, ignition], index) => {
      const file = path.join(work, `${index}.ign`);
      writeFileSync(file, ignition);
      const run = spawnSync(validator, [file], { encoding: "utf8" });
      if (run.error !== undefined) throw new Error(`cannot run ${validator}: ${run.error.message}`);
      if (run.status !== 0) failures.push(`${name}: ${(run.stdout + run.stderr).trim()}`);
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return failures;
}

/**
 * Every node of a 1+3 cluster with generated secrets, for each CNI, on 1.33 and on 1.37 (v1beta4
 * only, kured installed by the control plane with a reboot window), Flannel with other pod
 * CIDRs (IPv4 and IPv6), and 3 or 5 control planes behind kube-vip or an external load balancer.
 */
async function clusterOutputs(): Promise<[string, string][]> {
  const secrets = await generateNodeSecrets({ controlPlanes: 5 });
  const outputs: [string, string][] = [];
  const variants: [string, Partial<WizardState>][] = [];
  for (const cni of cniChoiceValues) {
    variants.push([`cni ${cni}, v1.33.2`, { cni, kubernetesVersion: "v1.33.2" }]);
    variants.push([
      `cni ${cni}, v1.37.0, kured window`,
      { cni, kubernetesVersion: "v1.37.0", windowStart: "Thu 04:00", windowLength: "1h30m" },
    ]);
  }
  variants.push([
    "flannel 10.42.0.0/16",
    { cni: "flannel", kubernetesVersion: "v1.37.0", podCidr: "10.42.0.0/16" },
  ]);
  variants.push([
    "flannel IPv6",
    {
      cni: "flannel",
      kubernetesVersion: "v1.37.0",
      podCidr: "fd00:10:244::/56",
      serviceCidr: "fd00:10:96::/112",
      controlPlaneEndpoint: "[fd00::10]:6443",
    },
  ]);
  variants.push(
    [
      "3 control planes, kube-vip, v1.37.0",
      { controlPlanes: "3", controlPlaneEndpoint: "10.0.0.100:6443", kubernetesVersion: "v1.37.0" },
    ],
    [
      "5 control planes, external load balancer, v1.28",
      {
        controlPlanes: "5",
        loadBalancer: "external",
        controlPlaneEndpoint: "k8s.example.com:443",
        kubernetesVersion: "v1.28.5",
      },
    ],
  );
  for (const [name, overrides] of variants) {
    const state: WizardState = {
      ...defaultWizardState("v1.33.2"),
      controlPlaneEndpoint: "10.0.0.10:6443",
      workers: "3",
      ...overrides,
    };
    for (const node of renderCluster(state, secrets)) {
      if (node.rendered.compiled.ignition === undefined) {
        throw new Error(
          `cluster node ${node.name} (${name}) did not compile:\n${node.rendered.compiled.stderr}`,
        );
      }
      outputs.push([`cluster (${name}) node ${node.name}`, node.rendered.compiled.ignition]);
    }
  }
  return outputs;
}

const vectorResults = vectorOutputs();
const presetResults = presetOutputs();
const clusterResults = await clusterOutputs();
const vectorFailures = validate(vectorResults);
const presetFailures = validate(presetResults);
const clusterFailures = validate(clusterResults);
console.log(
  `ignition-validate: ${vectorResults.length - vectorFailures.length}/${vectorResults.length} compiled 1.0.0 vectors accepted, ` +
    `${presetResults.length - presetFailures.length}/${presetResults.length} rendered wizard presets accepted, ` +
    `${clusterResults.length - clusterFailures.length}/${clusterResults.length} cluster nodes accepted`,
);
const failures = [...vectorFailures, ...presetFailures, ...clusterFailures];
for (const failure of failures) console.error(failure);
process.exit(failures.length > 0 ? 1 : 0);
