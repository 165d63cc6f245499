import { memo, useState } from "react";
import type { CompileResult } from "../../core/butane/compile";
import { formatReport } from "../../core/butane/report";
import type { Readiness } from "../../core/readiness/readiness";
import { butaneFileName, ignitionFileName } from "../../core/render/file-names";
import type { OutputFile } from "../../core/render/render-node";
import { ActionButton } from "../../ui/action-button";
import { copyText } from "../../ui/copy-text";
import { saveFile } from "../../ui/save-file";
import { notDone, useConfirmNotReady } from "../readiness/confirm-not-ready";
import { HighlightedText, languageOf } from "./highlighted-text";

/**
 * Tabs of the generated files, the chosen one's highlighted text, and Copy / Download for it.
 * The Ignition tab is always there: its JSON when the Butane compiles, else why not.
 */
export const PreviewPanel = memo(function PreviewPanel({
  files,
  compiled,
  readiness,
  onHandOut,
  secretValues = [],
  secretsPending = false,
}: {
  files: OutputFile[];
  compiled: CompileResult;
  /** The node's readiness: copying or saving a file it concerns needs a second step when blocked. */
  readiness: Readiness;
  /** Told when a file leaves the page, and whether it holds the cluster's secrets. */
  onHandOut?: (holdsSecrets: boolean) => void;
  /** Texts that must stay private: a file holding one is marked. */
  secretValues?: string[];
  /** The cluster's secrets are still being made: the Butane and Ignition will hold them. */
  secretsPending?: boolean;
}) {
  // Ignition holds what its Butane holds, encoded: judge it by the Butane.
  const holdsSecret = (name: string): boolean => {
    const source = name === ignitionFileName ? butaneFileName : name;
    // Marked before the secrets arrive, so the note does not push the text down when they do.
    if (secretsPending && source === butaneFileName) return true;
    const contents = files.find((f) => f.name === source)?.contents ?? "";
    return secretValues.some((secret) => secret !== "" && contents.includes(secret));
  };
  const tabs = [
    ...files.filter((f) => f.name !== ignitionFileName).map((f) => f.name),
    ignitionFileName,
  ];
  const [chosen, setChosen] = useState(butaneFileName);
  // A tab can disappear (updates off): show the Butane then, and come back when it returns.
  const current = tabs.includes(chosen) ? chosen : butaneFileName;
  const file = files.find((f) => f.name === current);
  const selectTab = (index: number) => {
    const next = tabs[(index + tabs.length) % tabs.length];
    if (next) {
      setChosen(next);
      document.getElementById(`tab-${next}`)?.focus();
    }
  };
  const showReports = current === butaneFileName || current === ignitionFileName;
  const confirmNotReady = useConfirmNotReady();
  /** Runs a copy or save of the shown file, after the second step when it is not ready. */
  const handOut = async (
    action: string,
    perform: (
      file: OutputFile,
    ) => Promise<{ ok: boolean; message: string }> | { ok: boolean; message: string },
  ) => {
    if (!file) return { ok: false, message: "Nothing to hand out." };
    const concerned = {
      ...readiness,
      blocking: readiness.blocking.filter((item) => item.affects.includes(file.name)),
    };
    concerned.ready = concerned.blocking.length === 0;
    if (!(await confirmNotReady(`${action} ${file.name}`, concerned))) return notDone(concerned);
    const result = await perform(file);
    if (result.ok) onHandOut?.(holdsSecret(file.name));
    return result;
  };
  return (
    <div className="preview">
      <div className="tabs" role="tablist" aria-label="Generated files">
        {tabs.map((name, index) => (
          <button
            key={name}
            id={`tab-${name}`}
            type="button"
            role="tab"
            aria-selected={name === current}
            aria-controls="preview-panel"
            tabIndex={name === current ? 0 : -1}
            onClick={() => setChosen(name)}
            onKeyDown={(event) => {
              if (event.key === "ArrowRight") selectTab(index + 1);
              if (event.key === "ArrowLeft") selectTab(index - 1);
              if (event.key === "Home") selectTab(0);
              if (event.key === "End") selectTab(tabs.length - 1);
            }}
          >
            {name === ignitionFileName ? `Ignition (${name})` : name}
            {holdsSecret(name) && (
              <span className="secret-badge" title="Holds cluster secrets" aria-hidden="true">
                secret
              </span>
            )}
          </button>
        ))}
      </div>
      <div
        id="preview-panel"
        role="tabpanel"
        aria-labelledby={`tab-${current}`}
        className="tab-panel"
      >
        {holdsSecret(current) && (
          <p className="notice notice-warning secret-note">
            This file holds cluster secrets (the bootstrap token or the CA&apos;s private key):
            share it only with the machines it configures.
          </p>
        )}
        {file?.nodePath && (
          <p className="node-path">
            On the node: <code>{file.nodePath}</code>
          </p>
        )}
        {file ? (
          <>
            <pre
              className="file-text"
              tabIndex={0}
              aria-label={`Contents of ${file.name}`}
              data-file={file.name}
              // Text selected and copied by hand leaves the page too.
              onCopy={() => onHandOut?.(holdsSecret(file.name))}
            >
              <HighlightedText text={file.contents} language={languageOf(file.name)} />
            </pre>
            <div className="file-actions">
              <ActionButton
                label="Copy"
                action={() => handOut("Copy", (shown) => copyText(shown.contents))}
              />
              <ActionButton
                label="Download"
                action={() =>
                  handOut("Download", (shown) =>
                    saveFile(shown.name, shown.contents, shown.mediaType),
                  )
                }
              />
            </div>
          </>
        ) : (
          <p className="file-text file-missing" data-file={current}>
            The Butane config does not compile, so there is no Ignition config yet: see the errors
            below.
          </p>
        )}
        {showReports && (
          <CompileReports
            compiled={compiled}
            extraButaneFailed={readiness.blocking.some((item) => item.rule === "extra-butane")}
          />
        )}
      </div>
    </div>
  );
});

/** Butane's warnings and errors, in its own words, with the line in config.bu. */
function CompileReports({
  compiled,
  extraButaneFailed,
}: {
  compiled: CompileResult;
  /** The extra Butane has errors, so it is not what compiled. */
  extraButaneFailed: boolean;
}) {
  if (compiled.reports.length === 0 && compiled.exitCode === 0) {
    return extraButaneFailed ? (
      <p className="compile-status compile-failed">
        Compiles to Ignition, but without your extra Butane, which has errors (see the list above).
      </p>
    ) : (
      <p className="compile-status compile-ok">Compiles to Ignition with no warnings.</p>
    );
  }
  return (
    <div
      className={`compile-status ${compiled.exitCode === 0 ? "compile-warnings" : "compile-failed"}`}
      aria-label="Butane messages"
    >
      <p>
        {compiled.exitCode === 0
          ? "Compiles to Ignition, with warnings (lines of config.bu):"
          : "Butane cannot compile this config (lines of config.bu):"}
      </p>
      <ul>
        {compiled.reports.map((report, index) => (
          <li key={index} className={`report-${report.level}`}>
            {formatReport(report)}
          </li>
        ))}
        {compiled.reports.length === 0 && (
          <li className="report-error">{compiled.stderr.trim()}</li>
        )}
      </ul>
    </div>
  );
}
