import { useEffect, useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { Catalogue } from "../../core/catalogue/catalogue";
import { readFormInput, type FormInput } from "../../core/config/form-input";
import { decodePreset, encodePreset, type PresetNotice } from "../../core/config/preset";
import { renderNode } from "../../core/render/render-node";
import { PreviewPanel } from "../preview/preview-panel";
import { ShareLinkButton } from "../share/share-link-button";
import { ChoicesForm } from "./choices-form";
import { PresetNotices } from "./preset-notices";

/** Choices on one side, the live preview on the other: choices -> render -> files. */
export function WizardPage({ catalogue }: { catalogue: Catalogue }) {
  const [initial] = useState(() => decodePreset(window.location.search, catalogue));
  const [presetNotices, setPresetNotices] = useState<PresetNotice[]>(initial.notices);
  const form = useForm<FormInput>({ defaultValues: initial.state, mode: "onChange" });
  const values = useWatch({ control: form.control }) as FormInput;
  // The form's own controls only offer valid choices, so the preset's state is fallback enough.
  const { state, errors } = useMemo(() => readFormInput(values, initial.state), [values, initial]);
  const rendered = useMemo(() => renderNode(state), [state]);
  const query = encodePreset(state);

  // The address always holds the current choices, so a reload or a bookmark restores them.
  useEffect(() => {
    const url = new URL(window.location.href);
    url.search = query;
    window.history.replaceState(null, "", url);
  }, [query]);

  return (
    <main className="wizard">
      <section className="choices" aria-label="Choices">
        {presetNotices.length > 0 && (
          <PresetNotices notices={presetNotices} onDismiss={() => setPresetNotices([])} />
        )}
        <ChoicesForm form={form} catalogue={catalogue} state={state} errors={errors} />
      </section>
      <section className="output" aria-label="Preview">
        <PreviewPanel files={rendered.files} notices={rendered.notices} />
        <div className="share-actions">
          <ShareLinkButton query={query} />
        </div>
      </section>
    </main>
  );
}
