import { useCallback, useEffect, useState } from "react";
import type { ClusterSecrets } from "../../core/cluster/cluster-secrets-file";
import type { NodeSecrets } from "../../core/render/kubeadm-parts";

/** Secrets made in a worker, so the page stays responsive; rejects when no worker can run. */
function generateInWorker(): Promise<NodeSecrets> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./secrets-worker.ts", import.meta.url), {
      type: "module",
    });
    const finish = (secrets: NodeSecrets | null) => {
      worker.terminate();
      if (secrets) resolve(secrets);
      else reject(new Error("the worker could not make the secrets"));
    };
    worker.onmessage = (event: MessageEvent<NodeSecrets | null>) => finish(event.data);
    worker.onerror = () => finish(null);
    worker.postMessage(null);
  });
}

/** The same, on the main thread: for browsers that refuse the worker. */
async function generateHere(): Promise<NodeSecrets> {
  const { generateNodeSecrets } = await import("../../core/cluster/generate-secrets");
  return generateNodeSecrets();
}

/**
 * The cluster's secrets, held in memory only: never in the address, localStorage or the
 * console. Made when the page needs them (the X.509 code loads then), replaced on request,
 * or loaded from a secrets file.
 */
export function useClusterSecrets(wanted: boolean) {
  const [secrets, setSecrets] = useState<NodeSecrets | undefined>(undefined);
  const [problem, setProblem] = useState("");

  const regenerate = useCallback(async () => {
    try {
      setSecrets(await generateInWorker().catch(generateHere));
      setProblem("");
    } catch {
      setProblem("This browser could not generate the cluster's CA (WebCrypto unavailable?).");
    }
  }, []);

  useEffect(() => {
    if (!wanted || secrets) return;
    // The certificate code is the heaviest chunk: fetch and run it once the page has painted
    // and the main thread is idle, not while the form and preview are still arriving.
    const idle =
      window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 1));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const handle = idle(() => void regenerate(), { timeout: 1500 });
    return () => cancel(handle);
  }, [wanted, secrets, regenerate]);

  /** Reads a secrets file; returns its cluster settings, or a message that names the field. */
  const load = useCallback(async (text: string): Promise<ClusterSecrets | string> => {
    const { parseClusterSecrets } = await import("../../core/cluster/cluster-secrets-file");
    const parsed = await parseClusterSecrets(text);
    if (!parsed.ok) return parsed.message;
    const { bootstrapToken, caCertificatePem, caPrivateKeyPem, discoveryHash } = parsed.secrets;
    setSecrets({ bootstrapToken, caCertificatePem, caPrivateKeyPem, discoveryHash });
    setProblem("");
    return parsed.secrets;
  }, []);

  return { secrets, problem, regenerate, load };
}
