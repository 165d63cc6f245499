import { useRef, useState } from "react";
import { ActionStatus } from "../../ui/action-button";
import { JsonFileInput } from "../../ui/json-file-input";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { ClusterSecrets } from "../../core/cluster/cluster-secrets-file";
import type { DecodedPreset } from "../../core/config/preset";
import { clusterSecretsFileName } from "../../core/file-names";
import { clusterLinkLabel, readClusterLink } from "../../core/upgrade/cluster-link";

const fieldId = "field-clusterLink";

/** "cluster kubernetes at v1.35.6: 3 control planes and 2 workers", for status lines. */
function describe(preset: DecodedPreset): string {
  const { state } = preset;
  const workers = Number(state.workers);
  const controlPlanes = Number(state.controlPlanes);
  return `cluster ${state.clusterName} at ${state.kubernetesVersion}: ${controlPlanes} control plane${controlPlanes === 1 ? "" : "s"} and ${workers} worker${workers === 1 ? "" : "s"}`;
}

/**
 * Where an upgrade starts: the cluster's share link, pasted, or read from its
 * cluster-secrets.json. Either fills every field of the form; a text that is not a cluster's
 * link stays in the field with what is allowed.
 */
export function UpgradeSource({
  catalogue,
  onApply,
  loadSecrets,
}: {
  catalogue: Catalogue;
  /** Fills the form from the cluster's link (mode stays upgrade) and shows its notices. */
  onApply: (preset: DecodedPreset) => void;
  /** Reads a secrets file (the cluster feature's own loader): its settings, a message, or undefined when kept. */
  loadSecrets: (text: string) => Promise<ClusterSecrets | string | undefined>;
}) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState("");
  // A problem waits until the person leaves the field or pastes, not while they type.
  const [showProblem, setShowProblem] = useState(false);
  const [status, setStatus] = useState({ ok: true, message: "" });
  const fileInput = useRef<HTMLInputElement>(null);

  /** Reads the link; fills the form when it is a cluster's. True when it was. */
  const applyLink = (link: string, from: string): boolean => {
    setText(link);
    if (link.trim() === "") {
      setProblem("");
      setStatus({ ok: true, message: "" });
      return false;
    }
    const read = readClusterLink(link, catalogue);
    if (!read.ok) {
      setProblem(read.message);
      setStatus({ ok: true, message: "" });
      return false;
    }
    setProblem("");
    onApply(read.preset);
    setStatus({ ok: true, message: `Filled the form from ${from}: ${describe(read.preset)}.` });
    return true;
  };

  const loadFile = async (fileText: string) => {
    const loaded = await loadSecrets(fileText);
    if (loaded === undefined) return;
    if (typeof loaded === "string") {
      setStatus({ ok: false, message: `Not loaded: ${loaded}` });
      return;
    }
    if (loaded.shareLink === undefined) {
      setStatus({
        ok: false,
        message: `This ${clusterSecretsFileName} of cluster ${loaded.clusterName} is older: it does not record the link that made the cluster. Paste that link above: it is in the README.md of the cluster's zip ("The link that made it"), or was the page's address when the cluster was made.`,
      });
      return;
    }
    setShowProblem(true);
    applyLink(loaded.shareLink, `the link in ${clusterSecretsFileName}`);
  };

  const shownProblem = showProblem ? problem : "";
  return (
    <div className="upgrade-source">
      <div className="field">
        <label htmlFor={fieldId}>{clusterLinkLabel}</label>
        <textarea
          id={fieldId}
          rows={3}
          spellCheck={false}
          autoComplete="off"
          value={text}
          aria-invalid={shownProblem ? true : undefined}
          aria-describedby={`${fieldId}-help${shownProblem ? ` ${fieldId}-error` : ""}`}
          onChange={(event) => applyLink(event.target.value, "the link")}
          onKeyDown={() => setShowProblem(false)}
          onPaste={() => setShowProblem(true)}
          onBlur={() => setShowProblem(true)}
        />
        <p className="help" id={`${fieldId}-help`}>
          The link that made the cluster: in the README.md of every zip the wizard gave for it
          (&ldquo;The link that made it&rdquo;) and in its {clusterSecretsFileName}. A full address,
          the part from ?, or the query alone. It fills every field below: the version the cluster
          runs, its nodes and their names, its add-ons, mirror and registry; check them, then choose
          the version to go to.
        </p>
        {shownProblem && (
          <div className="field-error" id={`${fieldId}-error`}>
            {shownProblem}
          </div>
        )}
      </div>
      <div className="field">
        <span className="action">
          <button type="button" onClick={() => fileInput.current?.click()}>
            Load {clusterSecretsFileName}
          </button>
          <JsonFileInput inputRef={fileInput} label="Cluster secrets file" onText={loadFile} />
          <ActionStatus status={status} />
        </span>
      </div>
    </div>
  );
}
