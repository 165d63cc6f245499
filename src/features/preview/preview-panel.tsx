import { useState } from "react";
import type { OutputFile, RenderNotice } from "../../core/render/render-node";
import { CopyButton } from "../../ui/copy-button";
import { saveFile } from "../../ui/save-file";

/** Tabs of the generated files, the chosen one's text, and Copy / Download for it. */
export function PreviewPanel({ files, notices }: { files: OutputFile[]; notices: RenderNotice[] }) {
  const [chosen, setChosen] = useState(files[0]?.name ?? "");
  // A tab can disappear (updates off): show the Butane then, without losing the choice for later.
  const file = files.find((f) => f.name === chosen) ?? files[0];
  if (!file) return null;
  const selectTab = (index: number) => {
    const next = files[(index + files.length) % files.length];
    if (next) {
      setChosen(next.name);
      document.getElementById(`tab-${next.name}`)?.focus();
    }
  };
  return (
    <div className="preview">
      <div className="tabs" role="tablist" aria-label="Generated files">
        {files.map((f, index) => (
          <button
            key={f.name}
            id={`tab-${f.name}`}
            type="button"
            role="tab"
            aria-selected={f === file}
            aria-controls="preview-panel"
            tabIndex={f === file ? 0 : -1}
            onClick={() => setChosen(f.name)}
            onKeyDown={(event) => {
              if (event.key === "ArrowRight") selectTab(index + 1);
              if (event.key === "ArrowLeft") selectTab(index - 1);
            }}
          >
            {f.name}
          </button>
        ))}
      </div>
      <div
        id="preview-panel"
        role="tabpanel"
        aria-labelledby={`tab-${file.name}`}
        className="tab-panel"
      >
        {file.nodePath && (
          <p className="node-path">
            On the node: <code>{file.nodePath}</code>
          </p>
        )}
        <pre
          className="file-text"
          tabIndex={0}
          aria-label={`Contents of ${file.name}`}
          data-file={file.name}
        >
          {file.contents}
        </pre>
        <div className="file-actions">
          <CopyButton text={file.contents} label="Copy" />
          <button type="button" onClick={() => saveFile(file.name, file.contents, file.mediaType)}>
            Download
          </button>
        </div>
      </div>
      {notices.length > 0 && (
        <ul className="render-notices" aria-label="Notes on the generated config">
          {notices.map((notice) => (
            <li key={notice.field + notice.message} className="notice notice-info">
              {notice.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
