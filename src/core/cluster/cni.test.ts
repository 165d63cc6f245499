import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { addonReleaseFor } from "./addon-releases";
import {
  calicoReleases,
  ciliumReleases,
  ciliumSysext,
  cniChoices,
  cniPodCidrProblem,
  cniStampPath,
  flannelReleases,
} from "./cni";
import { cniInstall, flannelNetConf, flannelPatchPath } from "./cni-install";

const minors = [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37];

describe("CNI releases per minor", () => {
  it.each([
    [27, "v3.27.5"],
    [28, "v3.28.5"],
    [29, "v3.29.7"],
    [30, "v3.30.7"],
    [31, "v3.30.7"],
    [32, "v3.31.7"],
    [33, "v3.31.7"],
    [34, "v3.32.1"],
    [35, "v3.33.0"],
    [36, "v3.33.0"],
    [37, "v3.33.0"],
  ])("Calico for 1.%i is the newest release that lists it: %s", (minor, version) => {
    const choice = addonReleaseFor("Calico", calicoReleases, `v1.${minor}.0`);
    expect(choice.release.version).toBe(version);
    expect(choice.note).toBeUndefined();
    expect(choice.release.minMinor).toBeLessThanOrEqual(minor);
    expect(choice.release.maxMinor).toBeGreaterThanOrEqual(minor);
  });

  it("keeps each table newest first, with a source for every row", () => {
    for (const table of [calicoReleases, flannelReleases]) {
      for (const [index, row] of table.entries()) {
        expect(row.source).toMatch(/^https:\/\//);
        const older = table[index + 1];
        if (older) expect(older.maxMinor).toBeLessThanOrEqual(row.maxMinor);
      }
    }
  });

  it("Flannel v0.28.9 for every minor 1.27–1.37", () => {
    for (const minor of minors) {
      expect(addonReleaseFor("Flannel", flannelReleases, `v1.${minor}.1`).release.version).toBe(
        "v0.28.9",
      );
    }
  });

  it("uses the newest release for a minor newer than every row, and says so", () => {
    const choice = addonReleaseFor("Calico", calicoReleases, "v1.38.0");
    expect(choice.release.version).toBe("v3.33.0");
    expect(choice.note).toBe(
      "No Calico release known to this wizard lists Kubernetes 1.38 as supported: Calico v3.33.0 (tested with 1.35–1.37) is used.",
    );
  });
});

describe("cniInstall", () => {
  it("pins every URL to an exact release, for every choice and minor", () => {
    for (const cni of cniChoices) {
      for (const minor of minors) {
        const install = cniInstall({
          cni,
          kubernetesVersion: `v1.${minor}.2`,
          podCidr: "10.244.0.0/16",
        });
        if (install.kind !== "unit") continue;
        for (const url of install.urls) {
          expect(url).toMatch(/^https:\/\//);
          expect(url).toContain(`/${install.version}/`);
          expect(url).not.toMatch(/latest|master|main/);
          expect(install.unit).toContain(url);
        }
      }
    }
  });

  it("installs Calico through the Tigera operator with the pod CIDR as its pool", () => {
    const install = cniInstall({
      cni: "calico",
      kubernetesVersion: "v1.37.0",
      podCidr: "10.42.0.0/16",
    });
    if (install.kind !== "unit") throw new Error("expected a unit");
    expect(install.urls).toEqual([
      "https://raw.githubusercontent.com/projectcalico/calico/v3.33.0/manifests/operator-crds.yaml",
      "https://raw.githubusercontent.com/projectcalico/calico/v3.33.0/manifests/tigera-operator.yaml",
    ]);
    const [installation, apiServer, ...rest] = parseAllDocuments(
      install.files[0]?.contents ?? "",
    ).map((document) => document.toJS() as Record<string, unknown>);
    expect(rest).toEqual([]);
    expect(installation).toEqual({
      apiVersion: "operator.tigera.io/v1",
      kind: "Installation",
      metadata: { name: "default" },
      spec: {
        calicoNetwork: {
          ipPools: [
            {
              cidr: "10.42.0.0/16",
              encapsulation: "VXLANCrossSubnet",
              natOutgoing: "Enabled",
              nodeSelector: "all()",
            },
          ],
        },
        flexVolumePath: "None",
      },
    });
    expect(apiServer?.kind).toBe("APIServer");
    const steps = install.unit.split("\n").filter((line) => line.startsWith("ExecStart="));
    expect(steps).toEqual([
      "ExecStart=/usr/bin/kubectl --kubeconfig /etc/kubernetes/admin.conf apply --server-side --force-conflicts -f https://raw.githubusercontent.com/projectcalico/calico/v3.33.0/manifests/operator-crds.yaml",
      "ExecStart=/usr/bin/kubectl --kubeconfig /etc/kubernetes/admin.conf apply --server-side --force-conflicts -f https://raw.githubusercontent.com/projectcalico/calico/v3.33.0/manifests/tigera-operator.yaml",
      "ExecStart=/usr/bin/kubectl --kubeconfig /etc/kubernetes/admin.conf wait --for condition=established --timeout=300s crd/installations.operator.tigera.io crd/apiservers.operator.tigera.io",
      "ExecStart=/usr/bin/kubectl --kubeconfig /etc/kubernetes/admin.conf apply -f /etc/kubernetes/addons/calico-installation.yaml",
    ]);
  });

  it("applies tigera-operator.yaml alone before Calico 3.30 (the CRDs are in it)", () => {
    const install = cniInstall({
      cni: "calico",
      kubernetesVersion: "v1.28.5",
      podCidr: "192.168.0.0/16",
    });
    if (install.kind !== "unit") throw new Error("expected a unit");
    expect(install.urls).toEqual([
      "https://raw.githubusercontent.com/projectcalico/calico/v3.28.5/manifests/tigera-operator.yaml",
    ]);
  });

  it("gives Calico an IPv6 pool with VXLAN", () => {
    const install = cniInstall({
      cni: "calico",
      kubernetesVersion: "v1.36.2",
      podCidr: "fd00:10:244::/56",
    });
    if (install.kind !== "unit") throw new Error("expected a unit");
    expect(install.files[0]?.contents).toContain("cidr: fd00:10:244::/56");
    expect(install.files[0]?.contents).toContain("encapsulation: VXLAN\n");
  });

  it("leaves none to the person", () => {
    expect(
      cniInstall({ cni: "none", kubernetesVersion: "v1.37.0", podCidr: "10.244.0.0/16" }).kind,
    ).toBe("none");
  });

  it("writes units whose every line is a section, a comment or key=value, with a stamp", () => {
    for (const cni of ["calico", "flannel"] as const) {
      const install = cniInstall({ cni, kubernetesVersion: "v1.37.0", podCidr: "10.42.0.0/16" });
      if (install.kind !== "unit") throw new Error("expected a unit");
      expect(install.unit).toContain("Type=oneshot");
      expect(install.unit).toContain(`ConditionPathExists=!${cniStampPath}`);
      expect(install.unit).toContain("until [ -s /etc/kubernetes/admin.conf ]");
      expect(install.unit).toContain(`ExecStartPost=/usr/bin/touch ${cniStampPath}`);
      for (const line of install.unit.trimEnd().split("\n")) {
        expect(line).toMatch(/^(\[[A-Za-z]+\]|#.*|[A-Za-z]+=.*)$/);
      }
    }
  });
});

describe("Cilium through the bakery's cilium sysext", () => {
  it.each([
    [30, "v1.18.14", false],
    [33, "v1.19.3", false],
    [35, "v1.19.3", false],
    [29, "v1.18.14", true],
    [37, "v1.19.3", true],
  ])(
    "for 1.%i installs Cilium %s (a note when no release lists it: %s)",
    (minor, version, note) => {
      const install = cniInstall({
        cni: "cilium",
        kubernetesVersion: `v1.${minor}.1`,
        podCidr: "10.244.0.0/16",
      });
      if (install.kind !== "sysext") throw new Error("expected the sysext");
      expect(install.version).toBe(version);
      expect(install.extension).toEqual(ciliumSysext);
      expect(install.installArgs).toContain(`--version ${version.slice(1)}`);
      expect(install.note !== undefined).toBe(note);
      if (note) expect(install.note).toContain(`Kubernetes 1.${minor}`);
    },
  );

  it("runs the bakery's cilium.service once, after kubeadm init, with the arguments split", () => {
    const install = cniInstall({
      cni: "cilium",
      kubernetesVersion: "v1.34.0",
      podCidr: "10.42.0.0/16",
    });
    if (install.kind !== "sysext") throw new Error("expected the sysext");
    expect(install.unitName).toBe("cilium.service");
    const lines = install.dropin.trimEnd().split("\n");
    for (const line of lines) expect(line).toMatch(/^(\[[A-Za-z]+\]|#.*|[A-Za-z]+=.*)$/);
    expect(lines).toEqual(
      expect.arrayContaining([
        "After=kubeadm.service",
        `ConditionPathExists=!${cniStampPath}`,
        "Type=oneshot",
        "Restart=on-failure",
        "Environment=KUBECONFIG=/etc/kubernetes/admin.conf",
        'Environment="CILIUM_INSTALL_ARGS=--version 1.19.3 --namespace kube-system --set ipam.mode=kubernetes"',
        // The bakery's own ExecStart is reset; "$VAR" as its own word is split by systemd.
        "ExecStart=",
        "ExecStart=/usr/local/bin/cilium install $CILIUM_INSTALL_ARGS",
        `ExecStartPost=/usr/bin/touch ${cniStampPath}`,
      ]),
    );
    // The bakery's Restart=always would reinstall for ever; a oneshot may not keep it.
    expect(install.dropin).not.toContain("Restart=always");
  });

  it("turns IPv6 on (and IPv4 off) for an IPv6 pod CIDR", () => {
    const install = cniInstall({
      cni: "cilium",
      kubernetesVersion: "v1.34.0",
      podCidr: "fd00:10:244::/56",
    });
    if (install.kind !== "sysext") throw new Error("expected the sysext");
    expect(install.installArgs).toEqual(
      expect.arrayContaining(["--set ipv4.enabled=false", "--set ipv6.enabled=true"]),
    );
  });

  it("names the compatibility page of every Cilium release", () => {
    for (const release of ciliumReleases)
      expect(release.source).toMatch(/^https:\/\/docs\.cilium\.io\//);
  });
});

describe("Flannel follows the pod CIDR", () => {
  it("sets Network for an IPv4 pod CIDR (10.42.0.0/16) and patches the ConfigMap after the manifest", () => {
    const install = cniInstall({
      cni: "flannel",
      kubernetesVersion: "v1.37.0",
      podCidr: "10.42.0.0/16",
    });
    if (install.kind !== "unit") throw new Error("expected a unit");
    expect(install.files.map((file) => file.path)).toEqual([flannelPatchPath]);
    const patch = JSON.parse(install.files[0]?.contents ?? "") as { data: Record<string, string> };
    expect(Object.keys(patch.data)).toEqual(["net-conf.json"]);
    expect(JSON.parse(patch.data["net-conf.json"] ?? "")).toEqual({
      Network: "10.42.0.0/16",
      EnableIPv4: true,
      EnableIPv6: false,
      Backend: { Type: "vxlan" },
    });
    const steps = install.unit.split("\n").filter((line) => line.startsWith("ExecStart="));
    expect(steps).toEqual([
      "ExecStart=/usr/bin/kubectl --kubeconfig /etc/kubernetes/admin.conf apply -f https://github.com/flannel-io/flannel/releases/download/v0.28.9/kube-flannel.yml",
      `ExecStart=/usr/bin/kubectl --kubeconfig /etc/kubernetes/admin.conf --namespace kube-flannel patch configmap kube-flannel-cfg --type merge --patch-file ${flannelPatchPath}`,
      "ExecStart=/usr/bin/kubectl --kubeconfig /etc/kubernetes/admin.conf --namespace kube-flannel rollout restart daemonset kube-flannel-ds",
    ]);
  });

  it("sets IPv6Network and EnableIPv6, and turns IPv4 off, for an IPv6 pod CIDR", () => {
    expect(flannelNetConf("fd00:10:244::/56")).toEqual({
      IPv6Network: "fd00:10:244::/56",
      EnableIPv4: false,
      EnableIPv6: true,
      Backend: { Type: "vxlan" },
    });
  });

  it("refuses a pod CIDR that is not one, rather than write it", () => {
    expect(() => flannelNetConf("10.42.7.9/16")).toThrow("host bits are set");
  });
});

describe("cniPodCidrProblem", () => {
  it.each([
    ["flannel", "10.42.0.0/16"],
    ["flannel", "10.244.0.0/16"],
    ["flannel", "fd00:10:244::/56"],
    ["calico", "192.168.0.0/16"],
    ["calico", "fd00:10:244::/56"],
    ["cilium", "10.42.0.0/16"],
    ["cilium", "fd00:10:244::/56"],
    ["none", "10.0.0.0/30"],
  ] as const)("%s with %s: agrees", (cni, podCidr) => {
    expect(cniPodCidrProblem({ cni, podCidr, bootstrap: "generated" })).toBeUndefined();
  });

  it.each([
    ["flannel", "10.42.0.0/24", "podCidr", "Flannel gives each node a /24"],
    ["flannel", "fd00::/32", "podCidr", "use a /48 to /63"],
    ["flannel", "fd00::/64", "podCidr", "use a /48 to /63"],
    ["calico", "10.42.0.0/27", "podCidr", "Calico allocates /26 blocks"],
    ["cilium", "10.42.0.0/24", "podCidr", "Cilium gives each node a /24"],
    ["cilium", "fd00::/64", "podCidr", "use a /48 to /63"],
  ] as const)("%s with %s: names %s", (cni, podCidr, field, words) => {
    const problem = cniPodCidrProblem({ cni, podCidr, bootstrap: "generated" });
    expect(problem?.field).toBe(field);
    expect(problem?.message).toContain(words);
  });

  it("has nothing to say about manual bootstrap, where the person installs the CNI", () => {
    expect(
      cniPodCidrProblem({ cni: "cilium", podCidr: "10.42.0.0/16", bootstrap: "manual" }),
    ).toBeUndefined();
  });
});
