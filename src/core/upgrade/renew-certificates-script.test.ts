import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renewCertificatesScript, staticPodComponents } from "./renew-certificates-script";

/**
 * The real script under sh, on a control plane's tree in a scratch folder: stand-ins for kubeadm,
 * crictl (a static pod "runs" while its manifest is in /etc/kubernetes/manifests, as the kubelet
 * makes it) and chown (no core user here), each recording its arguments.
 */
function controlPlaneTree(node: string) {
  const root = mkdtempSync(path.join(tmpdir(), "renew-"));
  const bin = path.join(root, "stand-ins");
  const log = path.join(root, "calls.log");
  mkdirSync(path.join(root, "etc/kubernetes/manifests"), { recursive: true });
  mkdirSync(path.join(root, "home/core/.kube"), { recursive: true });
  mkdirSync(bin);
  writeFileSync(path.join(root, "etc/hostname"), `${node}\n`);
  writeFileSync(path.join(root, "etc/kubernetes/admin.conf"), "renewed admin.conf\n");
  for (const component of staticPodComponents)
    writeFileSync(path.join(root, `etc/kubernetes/manifests/${component}.yaml`), `${component}\n`);
  const standIn = (name: string, body: string) =>
    writeFileSync(path.join(bin, name), `#!/bin/sh\necho "${name} $*" >>"${log}"\n${body}\n`, {
      mode: 0o755,
    });
  standIn("kubeadm", "exit 0");
  standIn("chown", "exit 0");
  // crictl ps --quiet --name ^NAME$ --state running
  standIn(
    "crictl",
    `name=$(printf '%s' "$4" | tr -d '^$'); [ -f "$UPGRADE_ROOT/etc/kubernetes/manifests/$name.yaml" ] && echo "id-$name"; exit 0`,
  );
  const run = (script: string) =>
    spawnSync("sh", ["-c", script], {
      encoding: "utf8",
      env: { ...process.env, UPGRADE_ROOT: root, PATH: `${bin}:${process.env.PATH}` },
    });
  const calls = () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []);
  return { root, run, calls };
}

describe("renew-certificates.sh, run", () => {
  it("renews, restarts each static pod by moving its manifest out and back, and refreshes core's kubeconfig", () => {
    const tree = controlPlaneTree("cp-1");
    const result = tree.run(renewCertificatesScript("cp-1"));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const calls = tree.calls();
    expect(calls.filter((call) => call.startsWith("kubeadm"))).toEqual([
      "kubeadm certs check-expiration",
      "kubeadm certs renew all",
      "kubeadm certs check-expiration",
    ]);
    // Each component was seen stopped, then running again, in order.
    const crictl = calls.filter((call) => call.startsWith("crictl"));
    expect(crictl.length).toBe(staticPodComponents.length * 2);
    expect(readdirSync(path.join(tree.root, "etc/kubernetes/manifests")).sort()).toEqual(
      staticPodComponents.map((component) => `${component}.yaml`).sort(),
    );
    expect(readdirSync(path.join(tree.root, "etc/kubernetes/manifests-parked"))).toEqual([]);
    expect(readFileSync(path.join(tree.root, "home/core/.kube/config"), "utf8")).toBe(
      "renewed admin.conf\n",
    );
    for (const component of staticPodComponents)
      expect(result.stdout).toContain(`${component} restarted with its renewed certificate`);
  });

  it("refuses another node, and puts back a manifest an interrupted run parked", () => {
    const tree = controlPlaneTree("cp-2");
    const refused = tree.run(renewCertificatesScript("cp-1"));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("this script is for cp-1, but this node is cp-2");
    expect(tree.calls()).toEqual([]);

    mkdirSync(path.join(tree.root, "etc/kubernetes/manifests-parked"));
    const parked = path.join(tree.root, "etc/kubernetes/manifests-parked/etcd.yaml");
    writeFileSync(parked, "etcd\n");
    const manifests = path.join(tree.root, "etc/kubernetes/manifests");
    spawnSync("rm", [path.join(manifests, "etcd.yaml")]);
    const result = tree.run(renewCertificatesScript("cp-2"));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("put back etcd.yaml, parked by an earlier run");
    expect(existsSync(path.join(manifests, "etcd.yaml"))).toBe(true);
  });
});
