import { useCallback, useEffect, useRef, useState } from "react";
import type { ClusterSecrets } from "../../core/cluster/cluster-secrets-file";
import type { NodeSecrets } from "../../core/cluster/node-secrets";
import { clusterSecretsFileName } from "../../core/file-names";
import { whenPersonPresent } from "../../ui/first-presence";
import { useConfirm } from "../readiness/confirm-not-ready";

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

/** Where the secrets in memory stand: whether files hold them, and whether they are saved. */
interface Lifecycle {
  /** A file holding them was saved or copied: nodes may already be built from them. */
  handedOut: boolean;
  /** The secrets file (alone or in the cluster zip) was saved, or they were loaded from one. */
  saved: boolean;
}

const fresh: Lifecycle = { handedOut: false, saved: false };

/**
 * The cluster's secrets, held in memory only: never in the address, localStorage or the
 * console. Made when the page needs them (`autoGenerate`: a new cluster's control plane; the
 * X.509 code loads then), made on request, or loaded from a secrets file.
 *
 * They are never replaced without the person knowing: once files holding them have left the
 * page, Regenerate and Load ask first, and leaving or reloading the page asks first while
 * the secrets file has not been saved.
 */
export function useClusterSecrets(autoGenerate: boolean, controlPlanes = 1) {
  const [secrets, setSecrets] = useState<NodeSecrets | undefined>(undefined);
  const [problem, setProblem] = useState("");
  const [lifecycle, setLifecycleState] = useState<Lifecycle>(fresh);
  // The same, current at once: leaving the page right after a file was saved or handed out must
  // see it, before React has re-rendered.
  const lifecycleNow = useRef<Lifecycle>(fresh);
  const setLifecycle = useCallback((next: Lifecycle | ((now: Lifecycle) => Lifecycle)) => {
    const value = typeof next === "function" ? next(lifecycleNow.current) : next;
    lifecycleNow.current = value;
    setLifecycleState(value);
  }, []);
  const confirm = useConfirm();

  const generate = useCallback(async () => {
    try {
      setSecrets(await generateInWorker().catch(generateHere));
      setLifecycle(fresh);
      setProblem("");
    } catch {
      setProblem("This browser could not generate the cluster's CA (WebCrypto unavailable?).");
    }
  }, [setLifecycle]);

  const keepCurrent = useCallback(
    async (action: string) =>
      !lifecycle.handedOut ||
      confirm({
        title: "Replace the cluster's secrets?",
        intro: `Files you saved or copied hold the current CA and bootstrap token. ${action}:`,
        items: [
          "Nodes built from those files and nodes built from the new secrets can never form one cluster.",
          lifecycle.saved
            ? `The current secrets are in the ${clusterSecretsFileName} you saved: load it to come back to them.`
            : "The current secrets were never saved: after this they are gone for good.",
        ],
        proceed: "Replace the secrets",
      }),
    [confirm, lifecycle],
  );

  /** New secrets on request: true when they were made. */
  const regenerate = useCallback(async () => {
    if (!(await keepCurrent("New secrets replace them"))) return false;
    await generate();
    return true;
  }, [generate, keepCurrent]);

  useEffect(() => {
    if (!autoGenerate || secrets) return;
    // The certificate code is the heaviest chunk: fetch and run it once someone is at the page
    // and the main thread is idle, not while the form and preview are still arriving. Until
    // then the readiness says the CA is not made yet, never "Ready to boot".
    const idle =
      window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 1));
    const cancelIdle = window.cancelIdleCallback ?? window.clearTimeout;
    let handle: number | undefined;
    const stopWaiting = whenPersonPresent(() => {
      handle = idle(() => void generate(), { timeout: 1500 });
    });
    return () => {
      stopWaiting();
      if (handle !== undefined) cancelIdle(handle);
    };
  }, [autoGenerate, secrets, generate]);

  // Several control planes share more than the CA: add it to these secrets (same CA and
  // token), and the secrets file must be saved again to hold it.
  const lacksShared = secrets !== undefined && controlPlanes > 1 && !secrets.controlPlane;
  useEffect(() => {
    if (!lacksShared || !secrets) return;
    let current = true;
    void import("../../core/cluster/generate-secrets")
      .then(({ withControlPlaneSecrets }) => withControlPlaneSecrets(secrets))
      .then(
        (more) => {
          if (!current) return;
          setSecrets(more);
          setLifecycle((now) => ({ ...now, saved: false }));
        },
        () => {
          if (current)
            setProblem("This browser could not make the control planes' shared certificates.");
        },
      );
    return () => {
      current = false;
    };
  }, [lacksShared, secrets, setLifecycle]);

  // Reloading or leaving would lose secrets that files already hold: ask first. The listener
  // reads where the secrets stand when the page is left, not when it last rendered.
  const holdsSecrets = secrets !== undefined;
  useEffect(() => {
    if (!holdsSecrets) return;
    const ask = (event: BeforeUnloadEvent) => {
      const now = lifecycleNow.current;
      if (!now.handedOut || now.saved) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [holdsSecrets]);

  /** Reads a secrets file; returns its cluster settings, a message that names the field, or undefined when the person kept the current secrets. */
  const load = useCallback(
    async (text: string): Promise<ClusterSecrets | string | undefined> => {
      const { parseClusterSecrets } = await import("../../core/cluster/cluster-secrets-file");
      const parsed = await parseClusterSecrets(text);
      if (!parsed.ok) return parsed.message;
      if (secrets && !(await keepCurrent("Loading this file replaces them"))) return undefined;
      const { bootstrapToken, caCertificatePem, caPrivateKeyPem, discoveryHash, controlPlane } =
        parsed.secrets;
      setSecrets({
        bootstrapToken,
        caCertificatePem,
        caPrivateKeyPem,
        discoveryHash,
        ...(controlPlane ? { controlPlane } : {}),
      });
      setLifecycle({ handedOut: false, saved: true });
      setProblem("");
      return parsed.secrets;
    },
    [secrets, keepCurrent, setLifecycle],
  );

  /** A file left the page; it counts when it holds the secrets. */
  const handedOut = useCallback(
    (holdsSecrets: boolean) => {
      if (holdsSecrets) setLifecycle((now) => (now.handedOut ? now : { ...now, handedOut: true }));
    },
    [setLifecycle],
  );
  /** The secrets file was saved (alone or in the cluster zip). */
  const saved = useCallback(() => setLifecycle({ handedOut: true, saved: true }), [setLifecycle]);

  return { secrets, problem, regenerate, load, handedOut, saved };
}
