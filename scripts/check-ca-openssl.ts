// Checks discoveryHash() against the kubeadm docs' openssl recipe for
// --discovery-token-ca-cert-hash, on a freshly generated cluster CA.
// Run: npx tsx scripts/check-ca-openssl.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discoveryHash, generateClusterCa } from "../src/core/cluster/cluster-ca.ts";

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "check-ca-"));
  try {
    const started = performance.now();
    const ca = await generateClusterCa();
    const generationMs = performance.now() - started;
    const certPath = join(dir, "ca.crt");
    writeFileSync(certPath, ca.certificatePem);
    writeFileSync(join(dir, "ca.key"), ca.privateKeyPem, { mode: 0o600 });

    // The recipe from the kubeadm join docs, one pipe stage per process, no shell.
    const pubkey = execFileSync("openssl", ["x509", "-pubkey", "-noout", "-in", certPath]);
    const der = execFileSync("openssl", ["pkey", "-pubin", "-outform", "der"], { input: pubkey });
    const digest = execFileSync("openssl", ["dgst", "-sha256", "-hex"], { input: der }).toString();
    // "SHA2-256(stdin)= <hex>" (OpenSSL 3) or "(stdin)= <hex>" (1.1): the hex is last.
    const opensslHex = digest.trim().split(/\s+/).pop() ?? "";
    const fromOpenssl = `sha256:${opensslHex}`;
    const fromCore = await discoveryHash(ca.certificatePem);

    // openssl must also accept the key as the certificate's own.
    const keyPublic = execFileSync("openssl", ["pkey", "-in", join(dir, "ca.key"), "-pubout"]);
    const certPublic = execFileSync("openssl", ["pkey", "-pubin"], { input: pubkey });
    const keyMatches = keyPublic.equals(certPublic);

    console.log(`CA generated in ${generationMs.toFixed(0)} ms`);
    console.log(`openssl:       ${fromOpenssl}`);
    console.log(`discoveryHash: ${fromCore}`);
    console.log(`key matches certificate (openssl): ${keyMatches}`);
    if (fromOpenssl !== fromCore || !keyMatches) {
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
