/// <reference lib="webworker" />
import { generateNodeSecrets } from "../../core/cluster/generate-secrets";

/**
 * Makes a cluster's secrets off the main thread: building and signing the CA certificate
 * is ~40 ms of synchronous ASN.1 work on a fast machine, four times that on a phone.
 * One request, one answer: the secrets, or null when this context cannot make them.
 */
self.onmessage = () => {
  generateNodeSecrets().then(
    (secrets) => self.postMessage(secrets),
    () => self.postMessage(null),
  );
};
