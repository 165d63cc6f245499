import type { PresetNotice } from "../../core/config/preset";

/** One notice listing every preset parameter that was ignored, and why. */
export function PresetNotices({
  notices,
  onDismiss,
}: {
  notices: PresetNotice[];
  onDismiss: () => void;
}) {
  return (
    <div className="notice notice-warning" role="alert" aria-labelledby="preset-notice-title">
      <p id="preset-notice-title">
        <strong>Some link parameters were ignored</strong>; their defaults are used instead:
      </p>
      <ul>
        {notices.map((notice, index) => (
          <li key={index}>
            <code>
              {notice.param}={notice.value}
            </code>{" "}
            — {notice.message}
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
