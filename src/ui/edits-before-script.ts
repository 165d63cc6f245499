/**
 * What the person changed in the prerendered page before its script took over. The markup's
 * controls carry their defaults as attributes (defaultValue, defaultChecked, defaultSelected),
 * so any control whose live value differs was changed by hand; react-hook-form does not see
 * those changes, so the page hands them to the form once it is live (docs/prerender.md).
 */
export type EditsBeforeScript = Record<string, string>;

/** A control's form name: its own, or for a switch ("field-verify") the name in its id. */
function fieldName(control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): string {
  if (control.name) return control.name;
  return control.id.startsWith("field-") ? control.id.slice("field-".length) : "";
}

export function readEditsBeforeScript(root: ParentNode): EditsBeforeScript {
  const edits: EditsBeforeScript = {};
  for (const control of root.querySelectorAll<HTMLInputElement>("input")) {
    const name = fieldName(control);
    if (!name) continue;
    if (control.type === "radio") {
      if (control.checked && !control.defaultChecked) edits[name] = control.value;
    } else if (control.type === "checkbox") {
      // A switch holds its choice as "on" / "off" (src/ui/checkbox-field.tsx).
      if (control.checked !== control.defaultChecked) edits[name] = control.checked ? "on" : "off";
    } else if (control.value !== control.defaultValue) edits[name] = control.value;
  }
  for (const control of root.querySelectorAll<HTMLSelectElement>("select")) {
    const name = fieldName(control);
    const chosen = control.selectedOptions[0];
    if (name && chosen && !chosen.defaultSelected) edits[name] = chosen.value;
  }
  for (const control of root.querySelectorAll<HTMLTextAreaElement>("textarea")) {
    const name = fieldName(control);
    if (name && control.value !== control.defaultValue) edits[name] = control.value;
  }
  return edits;
}

let pending: EditsBeforeScript = {};

/** main.tsx records the edits before hydrating; the form takes them once, when it is live. */
export function setEditsBeforeScript(edits: EditsBeforeScript): void {
  pending = edits;
}

export function takeEditsBeforeScript(): EditsBeforeScript {
  const taken = pending;
  pending = {};
  return taken;
}
