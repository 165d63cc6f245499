import { useCallback, useEffect, useState } from "react";
import type { ClusterSecrets } from "../../core/cluster/cluster-secrets-file";
import type { NodeSecrets } from "../../core/render/kubeadm-parts";

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
      const { generateNodeSecrets } = await import("../../core/cluster/generate-secrets");
      setSecrets(await generateNodeSecrets());
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
