import type { ReadinessItem } from "../../core/readiness/readiness";

/**
 * Moves focus to the control an item is about: the field's input, select or chosen radio
 * button; for missing cluster secrets, the choice between loading them and starting anew.
 * Returns false when the control is not on the page.
 */
export function focusReadinessItem(item: ReadinessItem): boolean {
  const candidates: (HTMLElement | null)[] = [];
  if (item.rule === "secrets-missing") {
    candidates.push(document.querySelector<HTMLElement>("#cluster-secrets-choice button"));
  }
  for (const field of item.fields) {
    candidates.push(
      document.getElementById(`field-${field}`),
      document.querySelector<HTMLElement>(`input[name="${field}"]:checked`),
      document.querySelector<HTMLElement>(`input[name="${field}"]`),
    );
  }
  const target = candidates.find(
    (element): element is HTMLElement => element !== null && element.offsetParent !== null,
  );
  if (!target) return false;
  target.scrollIntoView({ block: "center" });
  target.focus();
  return true;
}
