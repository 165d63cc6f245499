import { memo } from "react";
import {
  readinessHeadline,
  type Readiness,
  type ReadinessItem,
} from "../../core/readiness/readiness";
import { focusReadinessItem } from "./focus-field";

/**
 * "Ready to boot" or "N things to fix" beside the actions, with each problem and note as a
 * link to its field. Only the headline is a live region, announced politely: a keystroke that
 * changes the list does not make a screen reader read it all again.
 */
export const ReadinessSummary = memo(function ReadinessSummary({
  readiness,
  title,
  action = "boot",
}: {
  readiness: Readiness;
  /** What is judged: "This node", "The cluster", "The upgrade". */
  title: string;
  /** What the files are ready for: "Ready to boot", "Ready to upgrade". */
  action?: string;
}) {
  const headline = readinessHeadline(readiness, action);
  const testId = title === "The cluster" ? "cluster" : title === "The upgrade" ? "upgrade" : "node";
  const items = [...readiness.blocking, ...readiness.warnings];
  return (
    <div
      className={`readiness ${readiness.ready ? "readiness-ready" : "readiness-blocked"}`}
      data-testid={`readiness-${testId}`}
    >
      <p className="readiness-headline">
        <span className="readiness-title">{title}: </span>
        <span aria-live="polite" aria-atomic="true">
          {headline}
        </span>
      </p>
      {items.length > 0 && (
        <ul className="readiness-items">
          {items.map((item) => (
            <ReadinessLine key={`${item.rule}:${item.message}`} item={item} />
          ))}
        </ul>
      )}
    </div>
  );
});

function ReadinessLine({ item }: { item: ReadinessItem }) {
  return (
    <li className={item.level === "blocking" ? "readiness-blocking" : "readiness-warning"}>
      <span className="readiness-level">{item.level === "blocking" ? "Fix" : "Note"}</span>{" "}
      <a
        href={`#field-${item.fields[0] ?? ""}`}
        onClick={(event) => {
          if (focusReadinessItem(item)) event.preventDefault();
        }}
      >
        {item.message}
      </a>
    </li>
  );
}
