import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { chooseMode, download, group, preview, revealSecrets } from "./page-helpers";
import { expect, test } from "./offline-test";

interface SecretsFile {
  bootstrapToken: string;
  caCertificatePem: string;
  caPrivateKeyPem: string;
  discoveryHash: string;
  controlPlaneEndpoint: string;
}

async function downloadSecrets(page: Page): Promise<{ file: string; secrets: SecretsFile }> {
  const saved = await download(page, "Download cluster secrets");
  expect(saved.name).toBe("cluster-secrets.json");
  return { file: saved.file, secrets: JSON.parse(readFileSync(saved.file, "utf8")) as SecretsFile };
}

test("a 1+3 cluster downloads as one zip whose nodes share the generated secrets", async ({
  page,
}) => {
  await page.goto("./?endpoint=10.0.0.10:6443&workers=3&cni=flannel");
  await expect(preview(page)).toContainText("path: /etc/kubernetes/pki/ca.key", {
    timeout: 20_000,
  });
  const saved = await download(page, "Download cluster (.zip)");
  expect(saved.name).toBe("flatcar-cluster-kubernetes.zip");
  const zip = unzipSync(new Uint8Array(readFileSync(saved.file)));
  const names = ["control-plane", "worker-1", "worker-2", "worker-3"];
  expect(Object.keys(zip).sort()).toEqual(
    [
      ...names.flatMap((n) => [`${n}/config.bu`, `${n}/config.ign`]),
      "cluster-secrets.json",
      "README.md",
    ].sort(),
  );
  const text = (name: string) => strFromU8(zip[name] as Uint8Array);
  const secrets = JSON.parse(text("cluster-secrets.json")) as SecretsFile;
  expect(secrets.controlPlaneEndpoint).toBe("10.0.0.10:6443");
  expect(text("control-plane/config.bu")).toContain(`token: ${secrets.bootstrapToken}`);
  expect(text("control-plane/config.bu")).toContain("kube-flannel.yml");
  for (const worker of names.slice(1)) {
    const butane = text(`${worker}/config.bu`);
    expect(butane).toContain(`token: ${secrets.bootstrapToken}`);
    expect(butane).toContain(`- ${secrets.discoveryHash}`);
    expect(butane).toContain("apiServerEndpoint: 10.0.0.10:6443");
    expect(butane).toContain(`inline: ${worker}`);
    expect(butane).not.toContain("PRIVATE KEY");
    expect(JSON.parse(text(`${worker}/config.ign`)).ignition.version).toBe("3.3.0");
  }
  expect(text("README.md")).toContain("## Boot order");
});

test("the cluster CA is made in a worker, and Regenerate makes a new one there", async ({
  page,
}) => {
  const workers: string[] = [];
  page.on("worker", (worker) => {
    if (worker.url().includes("secrets-worker")) workers.push(worker.url());
  });
  await page.goto("./");
  await expect(preview(page)).toContainText("path: /etc/kubernetes/pki/ca.key", {
    timeout: 20_000,
  });
  expect(workers).toHaveLength(1);
  const first = await preview(page).textContent();
  await page.getByRole("button", { name: "Regenerate secrets" }).click();
  await expect(preview(page)).not.toHaveText(first ?? "");
  await expect(preview(page)).toContainText("BEGIN PRIVATE KEY");
  expect(workers).toHaveLength(2);
});

test("no secret reaches the address, localStorage or the console, whatever is done", async ({
  page,
}) => {
  const consoleText: string[] = [];
  page.on("console", (message) => consoleText.push(message.text()));
  await page.goto("./?mode=cluster&endpoint=10.0.0.10:6443");
  const leaks = async (values: string[]) => {
    const stored = await page.evaluate(() => Object.entries(localStorage).flat().join("\n"));
    const everywhere = [page.url(), stored, consoleText.join("\n")].join("\n");
    return values.filter((value) => everywhere.includes(value));
  };
  let { secrets } = await downloadSecrets(page);
  const secretParts = (s: SecretsFile) => [
    s.bootstrapToken,
    s.caPrivateKeyPem.split("\n")[1] ?? "x",
  ];
  expect(await leaks(secretParts(secrets))).toEqual([]);

  const actions: [string, () => Promise<unknown>][] = [
    [
      "choose worker",
      async () => {
        await chooseMode(page, "One node");
        await group(page, "Role").getByLabel("Worker").check();
      },
    ],
    ["type a host name", () => page.getByLabel("Hostname").fill("w-7")],
    ["copy the share link", () => page.getByRole("button", { name: "Copy share link" }).click()],
    [
      "download the cluster",
      async () => {
        await chooseMode(page, "A new cluster");
        await download(page, "Download cluster (.zip)");
      },
    ],
    [
      "regenerate",
      async () => {
        await page.getByRole("button", { name: "Regenerate secrets" }).click();
        // Files already hold these secrets: replacing them takes a second step.
        await page.getByRole("button", { name: "Replace the secrets" }).click();
      },
    ],
    ["reload", () => page.reload()],
  ];
  for (const [name, action] of actions) {
    await action();
    await page.waitForTimeout(200);
    expect(await leaks(secretParts(secrets)), `after: ${name}`).toEqual([]);
    if (name === "regenerate") ({ secrets } = await downloadSecrets(page));
  }
});

test("Regenerate replaces the secrets; Load reads a secrets file back, and names what is wrong with a bad one", async ({
  page,
}) => {
  await page.goto("./?mode=node&endpoint=10.0.0.10:6443&role=worker");
  await page.getByRole("button", { name: "Start a new cluster here" }).click();
  const first = await downloadSecrets(page);
  await revealSecrets(page);
  await expect(preview(page)).toContainText(`token: ${first.secrets.bootstrapToken}`);
  await page.getByRole("button", { name: "Regenerate secrets" }).click();
  await page.getByRole("button", { name: "Replace the secrets" }).click();
  await expect(preview(page)).not.toContainText(`token: ${first.secrets.bootstrapToken}`);

  await page.getByLabel("Cluster secrets file").setInputFiles(first.file);
  await expect(page.getByText("Loaded the secrets of cluster kubernetes.")).toBeVisible();
  await expect(preview(page)).toContainText(`token: ${first.secrets.bootstrapToken}`);
  await expect(preview(page)).toContainText(`- ${first.secrets.discoveryHash}`);

  const broken = path.join(tmpdir(), `broken-secrets-${Date.now()}.json`);
  writeFileSync(
    broken,
    JSON.stringify({
      ...first.secrets,
      kind: "FlatcarKubernetesWizardClusterSecrets",
      version: 1,
      clusterName: "kubernetes",
      tokenTtl: "24h",
      discoveryHash: `sha256:${"0".repeat(64)}`,
    }),
  );
  await page.getByLabel("Cluster secrets file").setInputFiles(broken);
  await expect(
    page.getByText("Not loaded: discoveryHash: does not match the CA certificate"),
  ).toBeVisible();
  await expect(preview(page)).toContainText(`token: ${first.secrets.bootstrapToken}`);
});
