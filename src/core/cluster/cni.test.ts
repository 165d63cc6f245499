import { describe, expect, it } from "vitest";
import { cidrsOverlap, parseCidr } from "./cidr";
import { cniChoices, cniInstallUnit, cniManifestUrl, cniOptions, cniStampPath } from "./cni";

describe("cniOptions", () => {
  it("pins every manifest to a released version", () => {
    for (const choice of cniChoices) {
      const install = cniOptions[choice].install;
      if (install.kind !== "manifest") continue;
      expect(install.url).toMatch(/^https:\/\//);
      expect(install.url).toContain(`/${install.version}/`);
      expect(install.url).not.toMatch(/latest|master|main/);
    }
  });

  it("uses the Flatcar how-to's Calico manifest", () => {
    expect(cniManifestUrl("calico")).toBe(
      "https://raw.githubusercontent.com/projectcalico/calico/v3.24.1/manifests/calico.yaml",
    );
  });

  it("offers no made-up Cilium manifest", () => {
    expect(cniOptions.cilium.install.kind).toBe("manual");
    expect(cniManifestUrl("cilium")).toBeUndefined();
    expect(cniInstallUnit("cilium")).toBeUndefined();
    expect(cniInstallUnit("none")).toBeUndefined();
  });

  it("gives default pod subnets that parse and do not overlap kubeadm's service subnet", () => {
    const services = parseCidr("10.96.0.0/12");
    if (!services.ok) throw new Error(services.message);
    expect(cniOptions.flannel.defaultPodSubnet).toBe("10.244.0.0/16");
    expect(cniOptions.calico.defaultPodSubnet).toBe("192.168.0.0/16");
    for (const choice of ["calico", "flannel"] as const) {
      const pods = parseCidr(cniOptions[choice].defaultPodSubnet ?? "");
      if (!pods.ok) throw new Error(pods.message);
      expect(cidrsOverlap(pods.cidr, services.cidr)).toBe(false);
    }
  });
});

describe("cniInstallUnit", () => {
  it("waits for admin.conf, applies the URL once and leaves a stamp", () => {
    const unit = cniInstallUnit("flannel") ?? "";
    expect(unit).toContain("Type=oneshot");
    expect(unit).toContain(`ConditionPathExists=!${cniStampPath}`);
    expect(unit).toContain("until [ -s /etc/kubernetes/admin.conf ]");
    expect(unit).toContain(
      "ExecStart=/usr/bin/kubectl --kubeconfig /etc/kubernetes/admin.conf apply -f https://github.com/flannel-io/flannel/releases/download/v0.27.4/kube-flannel.yml",
    );
    expect(unit).toContain(`ExecStartPost=/usr/bin/touch ${cniStampPath}`);
    expect(unit).toContain("WantedBy=multi-user.target");
    // No line may break the unit's syntax: every line is a section, a comment or key=value.
    for (const line of unit.trimEnd().split("\n")) {
      expect(line).toMatch(/^(\[[A-Za-z]+\]|#.*|[A-Za-z]+=.*)$/);
    }
  });
});
