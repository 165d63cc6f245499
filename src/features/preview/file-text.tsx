import { HighlightedText, languageOf } from "./highlighted-text";

/**
 * One file's text as the preview shows it: highlighted by its name's language, lines numbered,
 * scrollable by keyboard. Other features show their files with it (the upgrade's scripts).
 */
export function FileText({
  name,
  text,
  onCopy,
}: {
  name: string;
  text: string;
  /** Text selected and copied by hand leaves the page too. */
  onCopy?: () => void;
}) {
  return (
    // The frame clips what the text has scrolled past (overflow: hidden), so checkers such as
    // axe see those lines as out of view rather than covered.
    <div className="file-text-frame">
      <pre
        className="file-text"
        // A region carries the label (a bare <pre> cannot); focusable so it scrolls by keyboard.
        role="region"
        tabIndex={0}
        aria-label={`Contents of ${name}`}
        data-file={name}
        onCopy={onCopy}
      >
        <HighlightedText text={text} language={languageOf(name)} />
      </pre>
    </div>
  );
}
