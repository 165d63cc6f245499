import { describe, expect, it } from "vitest";
import { embeddedCatalogue } from "../catalogue/catalogue";
import { decodePreset, encodePreset } from "./preset";
import { defaultWizardState, wizardStateSchema, type WizardState } from "./wizard-state";

const catalogue = embeddedCatalogue();
const defaults = defaultWizardState("v1.36.2");

describe("decodePreset", () => {
  it("gives the defaults for an empty link", () => {
    expect(decodePreset("", catalogue)).toEqual({ state: defaults, notices: [], typed: {} });
  });

  it("reads every documented parameter, from a full URL too", () => {
    const { state, notices } = decodePreset(
      "https://example.org/wizard/?role=worker&k8s=v1.32.2&arch=arm64&updates=off&reboot=locksmithd&sysupdate=bakery&hostname=node-1&endpoint=10.0.0.10:6443&ca-hash=sha256:" +
        "a".repeat(64) +
        "#top",
      catalogue,
    );
    expect(notices).toEqual([]);
    expect(state).toEqual({
      ...defaults,
      // A link from before the mode parameter: a worker is a worker for an existing cluster.
      mode: "join",
      role: "worker",
      kubernetesVersion: "v1.32.2",
      arch: "arm64",
      updates: "off",
      reboot: "locksmithd",
      sysupdate: "bakery",
      hostname: "node-1",
      controlPlaneEndpoint: "10.0.0.10:6443",
      caCertHash: `sha256:${"a".repeat(64)}`,
    });
  });

  it("ignores a choice outside its list with a notice naming the parameter and what is allowed, and keeps a bad text value for its field", () => {
    const { state, notices, typed } = decodePreset(
      "role=boss&arch=i386&reboot=kured&hostname=Bad_Host&window=Thursday 04:00,1h&ssh=ssh-rsa nope",
      catalogue,
    );
    expect(state).toEqual(defaults);
    expect(notices).toEqual([
      { param: "role", value: "boss", message: "Allowed: control-plane, worker." },
      { param: "arch", value: "i386", message: "Allowed: x86-64, arm64." },
    ]);
    expect(typed).toEqual({
      hostname: "Bad_Host",
      windowStart: "Thursday 04:00",
      windowLength: "1h",
      sshKeys: "ssh-rsa nope",
    });
  });

  it("reads the mode and its spellings, and infers it for a link from before it", () => {
    for (const [query, mode] of [
      ["mode=cluster", "cluster"],
      ["mode=new-cluster", "cluster"],
      ["mode=existing", "join"],
      ["mode=one-node", "node"],
      ["workers=5", "cluster"],
      ["role=worker", "join"],
      ["role=control-plane", "node"],
      ["", "node"],
    ] as const) {
      expect(decodePreset(query, catalogue).state.mode).toBe(mode);
    }
    expect(encodePreset(decodePreset("mode=existing", catalogue).state)).toMatch(/^mode=join&/);
    // A new cluster is made from a zero-touch control plane; a join is a worker.
    expect(
      decodePreset("mode=cluster&role=worker&bootstrap=manual", catalogue).state,
    ).toMatchObject({ role: "control-plane", bootstrap: "generated" });
    expect(decodePreset("mode=join", catalogue).state.role).toBe("worker");
  });

  it("reads common spellings as the values they mean, and writes the canonical one", () => {
    for (const [query, field, value] of [
      ["arch=amd64", "arch", "x86-64"],
      ["arch=x86_64", "arch", "x86-64"],
      ["arch=aarch64", "arch", "arm64"],
      ["role=master", "role", "control-plane"],
    ] as const) {
      const { state, notices } = decodePreset(query, catalogue);
      expect(notices).toEqual([]);
      expect(state[field]).toBe(value);
    }
    expect(encodePreset(decodePreset("arch=aarch64", catalogue).state)).toContain("arch=arm64");
    expect(decodePreset("k8s=1.33", catalogue).state.kubernetesVersion).toBe("v1.33.13");
  });

  it("accepts a minor for its newest patch and refuses versions the bakery never published", () => {
    expect(decodePreset("k8s=v1.33", catalogue).state.kubernetesVersion).toBe("v1.33.13");
    expect(decodePreset("k8s=1.32.2", catalogue).state.kubernetesVersion).toBe("v1.32.2");
    const { state, notices } = decodePreset("k8s=v1.29.1", catalogue);
    expect(state.kubernetesVersion).toBe("v1.36.2");
    expect(notices[0]).toMatchObject({ param: "k8s", value: "v1.29.1" });
    expect(notices[0]?.message).toContain("v1.36.2 down to v1.27.3");
  });

  it("never reads a secret from a link and names unknown parameters", () => {
    const { state, notices } = decodePreset("token=abcdef.0123456789abcdef&colour=blue", catalogue);
    expect(state.joinToken).toBe("");
    expect(notices.map((n) => n.param)).toEqual(["token", "colour"]);
    expect(notices[0]?.message).toContain("secret");
  });
});

describe("encodePreset", () => {
  it("writes every choice in a fixed order and never the join token", () => {
    const state: WizardState = {
      ...defaults,
      role: "worker",
      hostname: "w1",
      controlPlaneEndpoint: "cp.example.com:6443",
      joinToken: "abcdef.0123456789abcdef",
    };
    const query = encodePreset(state);
    expect(query).toBe(
      "mode=node&role=worker&k8s=v1.36.2&arch=x86-64&updates=patch&reboot=kured&kured=cluster&sysupdate=inline&hostname=w1&endpoint=cp.example.com%3A6443&butane=1.0.0&strategy=reboot&verify=on" +
        "&bootstrap=generated&cluster=kubernetes&pod-cidr=10.244.0.0%2F16&service-cidr=10.96.0.0%2F12" +
        "&cni=calico&token-ttl=24h&workers=3&worker-name=worker-%7Bn%7D" +
        "&control-planes=1&lb=kube-vip&vip-interface=eth0&cp-name=cp-%7Bn%7D",
    );
    expect(query).not.toContain("abcdef");
  });

  it("round-trips every state but the secret", () => {
    const states: WizardState[] = [
      defaults,
      {
        ...defaults,
        role: "worker",
        arch: "arm64",
        updates: "off",
        reboot: "locksmithd",
        sysupdate: "bakery",
      },
      {
        ...defaults,
        kubernetesVersion: "v1.27.3",
        hostname: "a.b.c",
        caCertHash: `sha256:${"0".repeat(64)}`,
      },
    ];
    for (const state of states) {
      expect(wizardStateSchema.parse(state)).toEqual(state);
      expect(decodePreset(encodePreset(state), catalogue)).toEqual({
        state,
        notices: [],
        typed: {},
      });
    }
  });
});

describe("cluster parameters", () => {
  it("reads them, and keeps overlapping pod and service ranges for their fields", () => {
    const { state, notices, typed } = decodePreset(
      "mode=node&bootstrap=manual&cluster=prod&pod-cidr=10.0.0.0/8&service-cidr=10.96.0.0/12&cni=flannel&token-ttl=0&workers=12&worker-name=node-{n}",
      catalogue,
    );
    expect(state).toMatchObject({
      bootstrap: "manual",
      clusterName: "prod",
      podCidr: "10.244.0.0/16",
      serviceCidr: "10.96.0.0/12",
      cni: "flannel",
      tokenTtl: "0",
      workers: "12",
      workerNamePattern: "node-{n}",
    });
    expect(notices).toEqual([]);
    expect(typed).toEqual({ podCidr: "10.0.0.0/8", serviceCidr: "10.96.0.0/12" });
    const bad = decodePreset(
      "workers=101&worker-name=worker&cluster=&pod-cidr=10.0.0.1/8",
      catalogue,
    );
    expect(bad.notices).toEqual([]);
    expect(bad.typed).toEqual({
      workers: "101",
      workerNamePattern: "worker",
      clusterName: "",
      podCidr: "10.0.0.1/8",
    });
    expect(bad.state.workers).toBe("3");
  });
});
