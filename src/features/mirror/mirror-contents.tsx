import { useMemo } from "react";
import type { WizardState } from "../../core/config/wizard-state";
import { mirrorList, mirrorNodes } from "../../core/mirror/mirror-list";
import { mirrorListText, mirrorScript } from "../../core/mirror/mirror-script";
import { ActionButton } from "../../ui/action-button";
import { CopyButton } from "../../ui/copy-button";
import { saveFile } from "../../ui/save-file";

/** The script's file name, as `cli mirror --script > mirror.sh` would write it. */
export const mirrorScriptFileName = "mirror.sh";

/**
 * The mirror list of the current choices (the nodes of a new cluster, or the one node), the
 * same list `cli mirror --preset <share link>` prints: files, images, notes, the text to copy
 * and the script that fills the mirror.
 */
export function MirrorContents({
  state,
  imageSha256,
}: {
  state: WizardState;
  imageSha256: string | undefined;
}) {
  const list = useMemo(
    () => mirrorList(mirrorNodes(state), imageSha256 ? { imageSha256 } : {}),
    [state, imageSha256],
  );
  const text = useMemo(() => mirrorListText(list), [list]);
  const script = useMemo(() => mirrorScript(list), [list]);
  return (
    <div className="mirror-contents" data-testid="mirror-contents">
      <h3 id="mirror-files-title">
        Files{list.mirror ? ` on ${list.mirror}` : " (from upstream: no mirror chosen)"}
      </h3>
      <ul className="mirror-files" aria-labelledby="mirror-files-title">
        {list.files.map((file) => (
          <li key={file.url}>
            <code className="mirror-url">{file.url}</code>
            <span className="mirror-what">
              {file.what}, fetched by {file.fetchedBy}
            </span>
            <span className="mirror-detail">
              {file.source === undefined ? (
                "Written by the wizard (the script writes it)"
              ) : file.source === file.url ? (
                "From upstream"
              ) : (
                <>
                  From <code>{file.source}</code>
                </>
              )}
              {file.sha256 && (
                <>
                  {" · sha256 "}
                  <code>{file.sha256}</code>
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
      <h3 id="mirror-images-title">
        Images
        {list.registry ? ` in ${list.registry}` : " (from upstream: no registry chosen)"}
      </h3>
      <table className="mirror-images" aria-labelledby="mirror-images-title">
        <thead>
          <tr>
            <th scope="col">{list.registry ? "Name in the registry" : "Image"}</th>
            {list.registry && <th scope="col">Copied from</th>}
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          {list.images.map((image) => (
            <tr key={image.image}>
              <td>
                <code>{image.mirrored}</code>
              </td>
              {list.registry && (
                <td>
                  <code>{image.image}</code>
                </td>
              )}
              <td>{image.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.notes.length > 0 && (
        <ul className="mirror-notes" aria-label="Not in the list">
          {list.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <div className="file-actions">
        <CopyButton text={text} label="Copy list" />
      </div>
      <details className="mirror-script">
        <summary>The script that fills the mirror ({mirrorScriptFileName})</summary>
        <p className="help">
          Run it on a machine with internet access, curl and skopeo:{" "}
          <code>sh {mirrorScriptFileName} DIR</code> downloads each file into DIR, checks its sha256
          and, with a registry chosen, copies each image into it; then serve DIR at the
          mirror&apos;s address.
        </p>
        <pre className="command" data-testid="mirror-script">
          {script}
        </pre>
      </details>
      <div className="file-actions">
        <CopyButton text={script} label="Copy script" />
        <ActionButton
          label={`Download ${mirrorScriptFileName}`}
          action={() => saveFile(mirrorScriptFileName, script, "text/x-shellscript")}
        />
      </div>
    </div>
  );
}
