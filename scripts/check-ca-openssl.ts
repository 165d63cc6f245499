// Renders a 3+2 cluster (three control planes) with freshly generated secrets, then checks
// with openssl, as an operator would: the CA in each control plane's config, its key, the
// --discovery-token-ca-cert-hash that every worker's JoinConfiguration carries (the kubeadm
// docs' recipe), and that every control plane holds the same front-proxy CA, etcd CA and
// service-account key pair, each CA with its own key. Run: npx tsx scripts/check-ca-openssl.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { generateNodeSecrets } from "../src/core/cluster/generate-secrets.ts";
import { defaultWizardState } from "../src/core/config/wizard-state.ts";
import { renderCluster } from "../src/core/render/render-cluster.ts";

interface Butane {
  storage: { files: { path: string; contents: { inline?: string } }[] };
}

const inlineFile = (butane: string, path: string): string => {
  const file = (parse(butane, { version: "1.1" }) as Butane).storage.files.find(
    (f) => f.path === path,
  );
  if (file?.contents.inline === undefined) throw new Error(`no inline ${path}`);
  return file.contents.inline;
};

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "check-ca-"));
  try {
    const started = performance.now();
    const secrets = await generateNodeSecrets({ controlPlanes: 3 });
    const generationMs = performance.now() - started;
    const state = {
      ...defaultWizardState("v1.33.2"),
      controlPlaneEndpoint: "10.0.0.10:6443",
      workers: "2",
      controlPlanes: "3" as const,
    };
    const nodes = renderCluster(state, secrets);
    const controlPlanes = nodes.filter((node) => node.role === "control-plane");
    const workers = nodes.filter((node) => node.role === "worker");
    const [controlPlane] = controlPlanes;
    if (!controlPlane || controlPlanes.length !== 3) throw new Error("not 3 control planes");

    // Every control plane holds the same shared files, byte for byte.
    const sharedPaths = [
      "/etc/kubernetes/pki/ca.crt",
      "/etc/kubernetes/pki/ca.key",
      "/etc/kubernetes/pki/front-proxy-ca.crt",
      "/etc/kubernetes/pki/front-proxy-ca.key",
      "/etc/kubernetes/pki/etcd/ca.crt",
      "/etc/kubernetes/pki/etcd/ca.key",
      "/etc/kubernetes/pki/sa.key",
      "/etc/kubernetes/pki/sa.pub",
    ];
    const sameEverywhere = sharedPaths.every((path) =>
      controlPlanes.every(
        (node) =>
          inlineFile(node.rendered.butane, path) === inlineFile(controlPlane.rendered.butane, path),
      ),
    );
    const write = (name: string, path: string, mode = 0o644) => {
      const file = join(dir, name);
      writeFileSync(file, inlineFile(controlPlane.rendered.butane, path), { mode });
      return file;
    };
    const caPairs = [
      ["front-proxy-ca", "/etc/kubernetes/pki/front-proxy-ca"],
      ["etcd-ca", "/etc/kubernetes/pki/etcd/ca"],
    ].map(([name, base]) => ({
      name: name as string,
      cert: write(`${name}.crt`, `${base}.crt`),
      key: write(`${name}.key`, `${base}.key`, 0o600),
    }));
    const sharedCasOk = caPairs.every(({ name, cert, key }) => {
      const subject = execFileSync("openssl", ["x509", "-in", cert, "-noout", "-subject"]);
      const constraints = execFileSync("openssl", [
        "x509",
        "-in",
        cert,
        "-noout",
        "-ext",
        "basicConstraints",
      ]);
      const fromCert = execFileSync("openssl", ["x509", "-in", cert, "-noout", "-pubkey"]);
      const fromKey = execFileSync("openssl", ["pkey", "-in", key, "-pubout"]);
      const ok =
        subject.toString().includes(`CN=${name}`) || subject.toString().includes(`CN = ${name}`);
      console.log(
        `${name}: ${subject.toString().trim()}; key matches: ${fromCert.equals(fromKey)}`,
      );
      return ok && constraints.toString().includes("CA:TRUE") && fromCert.equals(fromKey);
    });
    const saKey = write("sa.key", "/etc/kubernetes/pki/sa.key", 0o600);
    const saPub = write("sa.pub", "/etc/kubernetes/pki/sa.pub");
    const saMatches = execFileSync("openssl", ["pkey", "-in", saKey, "-pubout"]).equals(
      execFileSync("openssl", ["pkey", "-pubin", "-in", saPub]),
    );
    console.log(
      `shared files identical on ${controlPlanes.map((node) => node.name).join(", ")}: ${sameEverywhere}; sa.key matches sa.pub (openssl): ${saMatches}`,
    );

    const certPath = join(dir, "ca.crt");
    const keyPath = join(dir, "ca.key");
    writeFileSync(certPath, inlineFile(controlPlane.rendered.butane, "/etc/kubernetes/pki/ca.crt"));
    writeFileSync(keyPath, inlineFile(controlPlane.rendered.butane, "/etc/kubernetes/pki/ca.key"), {
      mode: 0o600,
    });

    // The recipe from the kubeadm join docs, one pipe stage per process, no shell.
    const pubkey = execFileSync("openssl", ["x509", "-pubkey", "-noout", "-in", certPath]);
    const der = execFileSync("openssl", ["pkey", "-pubin", "-outform", "der"], { input: pubkey });
    const digest = execFileSync("openssl", ["dgst", "-sha256", "-hex"], { input: der }).toString();
    // "SHA2-256(stdin)= <hex>" (OpenSSL 3) or "(stdin)= <hex>" (1.1): the hex is last.
    const fromOpenssl = `sha256:${digest.trim().split(/\s+/).pop() ?? ""}`;
    const isCa = execFileSync("openssl", [
      "x509",
      "-in",
      certPath,
      "-noout",
      "-ext",
      "basicConstraints",
    ])
      .toString()
      .includes("CA:TRUE");

    // openssl must also accept the key as the certificate's own.
    const keyPublic = execFileSync("openssl", ["pkey", "-in", keyPath, "-pubout"]);
    const certPublic = execFileSync("openssl", ["pkey", "-pubin"], { input: pubkey });
    const keyMatches = keyPublic.equals(certPublic);

    const workerHashes = workers.map((worker) => {
      const [join] = parseAllDocuments(inlineFile(worker.rendered.butane, "/etc/kubeadm.yml")).map(
        (document) =>
          document.toJS() as { discovery: { bootstrapToken: { caCertHashes: string[] } } },
      );
      return { name: worker.name, hashes: join?.discovery.bootstrapToken.caCertHashes ?? [] };
    });

    console.log(`CA generated in ${generationMs.toFixed(0)} ms`);
    console.log(`openssl hash of the control plane's CA: ${fromOpenssl}`);
    for (const worker of workerHashes)
      console.log(`${worker.name} caCertHashes: ${worker.hashes.join(", ")}`);
    console.log(`CA:TRUE (openssl): ${isCa}; key matches certificate (openssl): ${keyMatches}`);
    const hashesAgree = workerHashes.every((worker) => worker.hashes.join() === fromOpenssl);
    if (
      !hashesAgree ||
      !keyMatches ||
      !isCa ||
      workers.length !== 2 ||
      !sameEverywhere ||
      !sharedCasOk ||
      !saMatches
    ) {
      console.error("MISMATCH");
      return 1;
    }
    console.log("OK");
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
