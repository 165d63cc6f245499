import fc from "fast-check";
import type { Catalogue } from "../catalogue/catalogue";
import { sshKeyTypes } from "./ssh-keys";
import { testSshKey } from "./test-keys";
import {
  bootstrapModes,
  modes,
  withModeRules,
  butaneVersions,
  cniChoiceValues,
  controlPlaneCounts,
  loadBalancers,
  tokenTtlValues,
  rebootCoordinators,
  kuredInstallModes,
  rebootStrategies,
  roles,
  sysupdateSources,
  updateChannels,
  updatePolicies,
  verifyChoices,
  type WizardState,
} from "./wizard-state";
import { architectures } from "../values/architecture";

/** Random valid wizard states, for property tests. */

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const hostname = fc.oneof(
  fc.constant(""),
  fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join(".")),
);
const endpoint = fc.oneof(
  fc.constant(""),
  fc
    .tuple(fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 65535 }))
    .map(([a, b, port]) => `10.${a}.${b}.1:${port}`),
  fc
    .tuple(label, fc.integer({ min: 1, max: 65535 }))
    .map(([host, port]) => `${host}.example.com:${port}`),
);
const token = fc.oneof(
  fc.constant(""),
  fc
    .tuple(fc.stringMatching(/^[a-z0-9]{6}$/), fc.stringMatching(/^[a-z0-9]{16}$/))
    .map(([a, b]) => `${a}.${b}`),
);
const caHash = fc.oneof(
  fc.constant(""),
  fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256:${hex}`),
);
const windowPair: fc.Arbitrary<readonly [string, string]> = fc.oneof(
  fc.constant(["", ""] as const),
  fc.tuple(
    fc
      .tuple(
        fc.constantFrom("", "Mon ", "thu ", "SUN "),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
      )
      .map(([day, h, m]) => `${day}${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`),
    fc.constantFrom("1h", "30m", "1h30m", "2h45m10s", "90s"),
  ),
);
const sshKeys = fc
  .array(
    fc.tuple(fc.constantFrom(...sshKeyTypes), fc.stringMatching(/^[a-z]{0,8}(@[a-z]{1,8})?$/)),
    { maxLength: 3 },
  )
  .map((keys) => keys.map(([type, comment]) => testSshKey(type, comment)).join("\n"));
const extraButane = fc.constantFrom(
  "",
  "storage:\n  files:\n    - path: /etc/motd\n      mode: 0644\n      contents:\n        inline: hello\n",
  "systemd:\n  units:\n    - name: hello.service\n      contents: |\n        [Unit]\n        Description=hi\n        [Service]\n        ExecStart=/usr/bin/true\n        [Install]\n        WantedBy=multi-user.target\n      enabled: true\n",
  "kernel_arguments:\n  should_exist:\n    - quiet\n",
  "passwd:\n  users:\n    - name: ops\n      groups: [wheel]\n",
);

export function wizardStateArbitrary(catalogue: Catalogue): fc.Arbitrary<WizardState> {
  return fc
    .record({
      mode: fc.constantFrom(...modes),
      role: fc.constantFrom(...roles),
      kubernetesVersion: fc.constantFrom(...catalogue.releases.map((release) => release.version)),
      arch: fc.constantFrom(...architectures),
      updates: fc.constantFrom(...updatePolicies),
      reboot: fc.constantFrom(...rebootCoordinators),
      kuredInstall: fc.constantFrom(...kuredInstallModes),
      sysupdate: fc.constantFrom(...sysupdateSources),
      hostname,
      controlPlaneEndpoint: endpoint,
      joinToken: token,
      caCertHash: caHash,
      butaneVersion: fc.constantFrom(...butaneVersions),
      rebootStrategy: fc.constantFrom(...rebootStrategies),
      window: windowPair,
      channel: fc.constantFrom(...updateChannels),
      sshKeys,
      verify: fc.constantFrom(...verifyChoices),
      extraButane,
      bootstrap: fc.constantFrom(...bootstrapModes),
      clusterName: fc.constantFrom("kubernetes", "prod-eu-1", "a"),
      podCidr: fc.constantFrom("10.244.0.0/16", "192.168.0.0/16", "fd00:10:244::/56"),
      serviceCidr: fc.constantFrom("10.96.0.0/12", "172.16.0.0/20"),
      cni: fc.constantFrom(...cniChoiceValues),
      tokenTtl: fc.constantFrom(...tokenTtlValues),
      workers: fc.integer({ min: 0, max: 100 }).map(String),
      workerNamePattern: fc.constantFrom("worker-{n}", "{n}.nodes.example.com", "w{n}"),
      controlPlanes: fc.constantFrom(...controlPlaneCounts),
      loadBalancer: fc.constantFrom(...loadBalancers),
      vipInterface: fc.constantFrom("eth0", "ens3", "enp1s0", "bond0.100"),
      controlPlaneNamePattern: fc.constantFrom("cp-{n}", "{n}.control.example.com"),
      mirror: fc.constantFrom("", "https://mirror.example.com/flatcar", "http://10.0.0.5:8080"),
      registry: fc.constantFrom("", "registry.example.com:5000", "http://10.0.0.5:5000/mirror"),
      upgradeTo: fc.constantFrom("", ...catalogue.releases.map((release) => release.version)),
    })
    .map(({ window: [windowStart, windowLength], ...rest }) =>
      withModeRules({ ...rest, windowStart, windowLength }),
    );
}
