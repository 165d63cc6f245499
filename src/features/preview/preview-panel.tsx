import { memo, useMemo, useState } from "react";
import type { CompileResult } from "../../core/butane/compile";
import { formatReport } from "../../core/butane/report";
import type { Readiness } from "../../core/readiness/readiness";
import { butaneFileName, ignitionFileName } from "../../core/file-names";
import type { OutputFile } from "../../core/render/render-node";
import { ActionButton } from "../../ui/action-button";
import { copyText } from "../../ui/copy-text";
import { saveFile } from "../../ui/save-file";
import { notDone, useConfirmNotReady } from "../readiness/confirm-not-ready";
import { FileText } from "./file-text";
import { secretFileSources } from "../../core/render/secret-files";
import { maskSecrets } from "./mask-secrets";

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
  const [revealed, setRevealed] = useState(false);
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
  // What the preview shows: secrets masked until revealed. Copy and Download use the real text.
  const shownText = useMemo(() => {
    if (!file || revealed) return file?.contents ?? "";
    const secrets =
      file.name === ignitionFileName ? secretFileSources(file.contents) : secretValues;
    return secrets.length > 0 ? maskSecrets(file.contents, secrets) : file.contents;
  }, [file, revealed, secretValues]);
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
      {/* Clipped like the file text: tabs scrolled sideways count as out of view. */}
      <div className="tabs-frame">
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
            share it only with the machines it configures. They are {revealed ? "shown" : "masked"}{" "}
            here; Copy and Download give the real file.{" "}
            <button
              type="button"
              className="link-button"
              aria-pressed={revealed}
              onClick={() => setRevealed((now) => !now)}
            >
              {revealed ? "Mask secrets" : "Show secrets"}
            </button>
          </p>
        )}
        {file?.nodePath && (
          <p className="node-path">
            On the node: <code>{file.nodePath}</code>
          </p>
        )}
        {file ? (
          <>
            <FileText
              name={file.name}
              text={shownText}
              onCopy={() => onHandOut?.(holdsSecret(file.name))}
            />
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
            onShowLine={(line) => {
              setChosen(butaneFileName);
              // After the Butane tab has rendered.
              requestAnimationFrame(() => showButaneLine(line));
            }}
            compiled={compiled}
            extraButaneFailed={readiness.blocking.some((item) => item.rule === "extra-butane")}
          />
        )}
      </div>
    </div>
  );
});

/** Butane's warnings and errors, in its own words, with the line in config.bu. */
/** Scrolls the preview's config.bu to a line and marks it for a moment. */
function showButaneLine(line: number) {
  const target = document.querySelector<HTMLElement>(
    `#preview-panel .file-text[data-file="${butaneFileName}"] .line:nth-child(${line})`,
  );
  const text = target?.closest<HTMLElement>(".file-text");
  if (!target || !text) return;
  // Scroll the text to the line, then bring the text into view: nothing else moves.
  // The text is positioned, so a line's offsetTop is measured from the text's own top.
  text.scrollTop = target.offsetTop - text.clientHeight / 2;
  text.scrollIntoView({ block: "nearest" });
  target.classList.add("line-target");
  window.setTimeout(() => target.classList.remove("line-target"), 2500);
}

function CompileReports({
  compiled,
  extraButaneFailed,
  onShowLine,
}: {
  compiled: CompileResult;
  /** Shows a line of config.bu in the preview. */
  onShowLine: (line: number) => void;
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
      role="group"
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
            {report.line !== undefined && (
              <>
                {" "}
                <button
                  type="button"
                  className="link-button line-link"
                  onClick={() => onShowLine(report.line as number)}
                >
                  Show line {report.line}
                </button>
              </>
            )}
          </li>
        ))}
        {compiled.reports.length === 0 && (
          <li className="report-error">{compiled.stderr.trim()}</li>
        )}
      </ul>
    </div>
  );
}
