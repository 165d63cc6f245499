import { describe, expect, it } from "vitest";
import { embeddedCatalogue } from "../../src/core/catalogue/catalogue.ts";
import {
  bootstrapModes,
  butaneVersions,
  cniChoiceValues,
  rebootCoordinators,
  rebootStrategies,
  roles,
  sysupdateSources,
  updatePolicies,
  verifyChoices,
} from "../../src/core/config/wizard-state.ts";
import { architectures } from "../../src/core/values/architecture.ts";
import { simulatedNodes, versionsFor } from "./matrix.ts";

const nodes = await simulatedNodes();
const single = nodes.filter((node) => !/^\d\+\d cluster/.test(node.name));
const valuesOf = <K extends keyof (typeof nodes)[number]["state"]>(key: K, list = single) =>
  new Set(list.map((node) => node.state[key]));

describe("the first-boot matrix", () => {
  it("makes every choice at least once", () => {
    expect(valuesOf("role")).toEqual(new Set(roles));
    expect(valuesOf("arch")).toEqual(new Set(architectures));
    expect(valuesOf("updates")).toEqual(new Set(updatePolicies));
    expect(valuesOf("reboot")).toEqual(new Set(rebootCoordinators));
    expect(valuesOf("butaneVersion")).toEqual(new Set(butaneVersions));
    expect(valuesOf("bootstrap")).toEqual(new Set(bootstrapModes));
    expect(valuesOf("verify")).toEqual(new Set(verifyChoices));
    // Choices that only matter beside another one: sysupdate with updates, strategy with
    // locksmithd, the CNI on a control plane.
    expect(
      valuesOf(
        "sysupdate",
        single.filter((n) => n.state.updates === "patch"),
      ),
    ).toEqual(new Set(sysupdateSources));
    expect(
      valuesOf(
        "rebootStrategy",
        single.filter((n) => n.state.reboot === "locksmithd"),
      ),
    ).toEqual(new Set(rebootStrategies));
    expect(
      valuesOf(
        "cni",
        single.filter((n) => n.state.role === "control-plane"),
      ),
    ).toEqual(new Set(cniChoiceValues));
  });

  it("sets SSH keys, a host name, extra Butane and a reboot window with both coordinators", () => {
    expect(single.some((n) => n.state.sshKeys.split("\n").length > 1)).toBe(true);
    expect(single.some((n) => n.state.hostname !== "")).toBe(true);
    expect(
      single
        .filter((n) => n.state.extraButane !== "")
        .map((n) => n.state.role)
        .sort(),
    ).toEqual(["control-plane", "worker"]);
    for (const reboot of rebootCoordinators)
      expect(single.some((n) => n.state.reboot === reboot && n.state.windowStart !== "")).toBe(
        true,
      );
  });

  it("runs an old, a middle and the newest minor", () => {
    const catalogue = embeddedCatalogue();
    const wanted = new Set(
      ["x86-64", "arm64"].flatMap((arch) =>
        Object.values(versionsFor(catalogue, arch as "x86-64")),
      ),
    );
    expect(valuesOf("kubernetesVersion")).toEqual(wanted);
    const minors = new Set([...wanted].map((version) => version.split(".").slice(0, 2).join(".")));
    expect(minors.size).toBeGreaterThanOrEqual(3);
    expect(minors).toContain(catalogue.newest.minor);
  });

  it.each([
    ["3+2 cluster, kube-vip", ["cp-1", "cp-2", "cp-3"], "kube-vip"],
    ["3+2 cluster, external load balancer", ["master-1", "master-2", "master-3"], "external"],
  ])("ends with a %s: three control planes, two workers", (label, names, loadBalancer) => {
    const cluster = nodes.filter((node) => node.name.startsWith(`${label},`));
    expect(cluster.map((node) => [node.state.hostname, node.state.role])).toEqual([
      ...names.map((name) => [name, "control-plane"]),
      ["worker-1", "worker"],
      ["worker-2", "worker"],
    ]);
    expect(cluster.every((node) => node.state.loadBalancer === loadBalancer)).toBe(true);
  });

  it("has a 1+2 cluster downloading from a mirror and pulling from a registry, the others from upstream", () => {
    const mirrored = nodes.filter((node) => node.cluster === "1+2 cluster, mirror and registry");
    expect(mirrored.map((node) => node.state.role)).toEqual(["control-plane", "worker", "worker"]);
    for (const node of mirrored) {
      expect(node.state).toMatchObject({
        mirror: "https://mirror.example.com/flatcar",
        registry: "registry.example.com:5000",
        cni: "calico",
        reboot: "kured",
        kuredInstall: "cluster",
        updates: "patch",
        sysupdate: "inline",
      });
      expect(node.ignition).toContain("/etc/containerd/config.toml");
    }
    const others = nodes.filter((node) => !mirrored.includes(node));
    expect(others.every((node) => node.state.mirror === "" && node.state.registry === "")).toBe(
      true,
    );
  });

  it("ends with a 1+3 zero-touch cluster sharing one set of secrets", () => {
    const cluster = nodes.filter((node) => node.name.startsWith("1+3 cluster"));
    expect(cluster.map((node) => node.state.role)).toEqual([
      "control-plane",
      "worker",
      "worker",
      "worker",
    ]);
    expect(cluster.every((node) => node.state.bootstrap === "generated")).toBe(true);
    const token = cluster[0]?.secrets[0] ?? "missing";
    expect(cluster.every((node) => node.ignition.length > 0 && node.secrets.includes(token))).toBe(
      true,
    );
  });
});
