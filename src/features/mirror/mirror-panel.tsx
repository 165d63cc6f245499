import { lazy, memo, Suspense, useState } from "react";
import { fieldLabels, type FieldErrors } from "../../core/config/form-input";
import type { WizardState } from "../../core/config/wizard-state";

// The list reads the bakery, CNI, kured and kube-vip modules: loaded when the panel opens, so
// the default page's first load does not carry them.
const MirrorContents = lazy(() =>
  import("./mirror-contents").then((module) => ({ default: module.MirrorContents })),
);

/**
 * What the nodes download, for a person filling their own mirror and registry (an install
 * without internet): collapsed until opened, and open by itself once a mirror or a registry is
 * chosen.
 */
export const MirrorPanel = memo(function MirrorPanel({
  state,
  imageSha256,
  errors,
}: {
  /** The current valid choices. */
  state: WizardState;
  /** Hex SHA-256 of the chosen Kubernetes image, when the catalogue has it. */
  imageSha256: string | undefined;
  /** The form's errors: a typed mirror or registry that is not valid yet (the list uses upstream). */
  errors: FieldErrors;
}) {
  const invalidFields = (["mirror", "registry"] as const)
    .filter((field) => errors[field] !== undefined)
    .map((field) => fieldLabels[field]);
  const mirrored = state.mirror !== "" || state.registry !== "";
  const [open, setOpen] = useState(mirrored);
  const [wasMirrored, setWasMirrored] = useState(mirrored);
  if (mirrored !== wasMirrored) {
    setWasMirrored(mirrored);
    if (mirrored) setOpen(true);
  }
  return (
    <section className="mirror-panel" aria-labelledby="mirror-title">
      <h2 id="mirror-title">Mirror</h2>
      <p className="help">
        For nodes without internet access: every file the nodes download and every container image
        they pull, to copy into your own mirror and registry (Advanced: Download mirror, Image
        registry).
      </p>
      <details
        className="mirror-details"
        open={open}
        onToggle={(event) => setOpen(event.currentTarget.open)}
      >
        <summary>What the nodes download</summary>
        {invalidFields.length > 0 && (
          <p className="field-warning">
            {invalidFields.join(" and ")} {invalidFields.length > 1 ? "are" : "is"} not valid yet
            (see Advanced): this list uses upstream until{" "}
            {invalidFields.length > 1 ? "they are" : "it is"} corrected.
          </p>
        )}
        {open && (
          <Suspense fallback={<p className="help">Listing the downloads…</p>}>
            <MirrorContents state={state} imageSha256={imageSha256} />
          </Suspense>
        )}
      </details>
    </section>
  );
});
