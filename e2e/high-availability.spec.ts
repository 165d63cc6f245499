import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { chooseThreeControlPlanes, clusterReadiness, download, group } from "./page-helpers";
import { expect, test } from "./offline-test";

interface SecretsFile {
  version: number;
  caPrivateKeyPem: string;
  controlPlane?: Record<string, string>;
}

test("three control planes behind kube-vip: chosen in the form, downloaded as one zip with its README", async ({
  page,
}) => {
  await chooseThreeControlPlanes(page);
  await expect(group(page, "Control plane endpoint served by")).toBeVisible();
  await expect(page).toHaveURL(/control-planes=3/);
  await expect(page).toHaveURL(/vip-interface=ens3/);
  // The shared certificates are made beside the CA; then the cluster is ready.
  await expect(clusterReadiness(page)).toContainText("Ready", { timeout: 20_000 });

  const saved = await download(page, "Download cluster (.zip)");
  const zip = unzipSync(new Uint8Array(readFileSync(saved.file)));
  const nodes = ["cp-1", "cp-2", "cp-3", "worker-1", "worker-2", "worker-3"];
  expect(Object.keys(zip).sort()).toEqual(
    [
      ...nodes.flatMap((node) => [`${node}/config.bu`, `${node}/config.ign`]),
      "cluster-secrets.json",
      "README.md",
    ].sort(),
  );
  const text = (name: string) => strFromU8(zip[name] as Uint8Array);
  const secrets = JSON.parse(text("cluster-secrets.json")) as SecretsFile;
  expect(secrets.version).toBe(2);
  expect(Object.keys(secrets.controlPlane ?? {}).sort()).toEqual([
    "etcdCaCertificatePem",
    "etcdCaPrivateKeyPem",
    "frontProxyCaCertificatePem",
    "frontProxyCaPrivateKeyPem",
    "serviceAccountPrivateKeyPem",
    "serviceAccountPublicKeyPem",
  ]);
  for (const controlPlane of ["cp-1", "cp-2", "cp-3"]) {
    const butane = text(`${controlPlane}/config.bu`);
    expect(butane).toContain("path: /etc/kubernetes/pki/etcd/ca.key");
    expect(butane).toContain("image: ghcr.io/kube-vip/kube-vip:v1.2.3");
    expect(butane).toContain("value: ens3");
    expect(butane).toContain(`inline: ${controlPlane}`);
  }
  expect(text("cp-1/config.bu")).toContain("kubeadm init --config");
  expect(text("cp-2/config.bu")).toContain("controlPlane: {}");
  expect(text("worker-1/config.bu")).not.toContain("PRIVATE KEY");

  const readme = text("README.md");
  expect(readme).toContain(
    '# Kubernetes cluster "kubernetes" on Flatcar: 3 control planes, 3 workers',
  );
  expect(readme).toContain("The other control planes (`cp-2`, `cp-3`)");
  expect(readme).toContain("virtual IP held by kube-vip v1.2.3");
  expect(readme).toContain("member list -w table");
});

test("kube-vip with a host name as the endpoint: the cluster is not ready, and says why", async ({
  page,
}) => {
  await page.goto("./?mode=cluster&control-planes=3&endpoint=k8s.example.com:6443");
  await expect(clusterReadiness(page)).toContainText(
    "kube-vip holds an IP address for the control planes, not a name",
    { timeout: 20_000 },
  );
  await group(page, "Control plane endpoint served by").getByLabel("My own load balancer").check();
  await expect(clusterReadiness(page)).not.toContainText("kube-vip holds an IP address");
  await expect(page.getByLabel("Virtual IP interface")).toHaveCount(0);
});
