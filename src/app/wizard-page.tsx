import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useChosenRelease } from "../api/queries/release-query";
import type { Catalogue } from "../core/catalogue/catalogue";
import { archFallback } from "../core/catalogue/releases";
import { fieldLabels, readFormInput, type FormInput } from "../core/config/form-input";
import {
  decodePreset,
  encodePreset,
  type DecodedPreset,
  type PresetNotice,
} from "../core/config/preset";
import { clusterReadiness, nodeReadiness } from "../core/readiness/readiness";
import type { ClusterNode } from "../core/render/render-cluster";
import { ClusterActions, ClusterDownload } from "../features/cluster/cluster-actions";
import { ClusterFields } from "../features/cluster/cluster-fields";
import { useClusterSecrets } from "../features/cluster/use-cluster-secrets";
import { PreviewPanel } from "../features/preview/preview-panel";
import { ReadinessSummary } from "../features/readiness/readiness-summary";
import { useNodeDownloads } from "../features/share/bundle-actions";
import { MirrorPanel } from "../features/mirror/mirror-panel";
import { NextStepsPanel } from "../features/next-steps/next-steps-panel";
import { ShareLinkButton } from "../features/share/share-link-button";
import {
  UpgradeOutputSection,
  UpgradeSourceSection,
  UpgradeTargetSection,
} from "../features/upgrade/upgrade-panel";
import { ChoicesForm } from "../features/wizard/choices-form";
import { PresetNotices } from "../features/wizard/preset-notices";
import { useAddressQuery } from "../features/wizard/use-address-query";
import { useRenderedNode } from "../features/wizard/use-rendered-node";
import { takeEditsBeforeScript } from "../ui/edits-before-script";
import { useToday } from "../ui/hydration";

const sameChoices = (a: FormInput, b: FormInput) =>
  (Object.keys(a) as (keyof FormInput)[]).every((key) => a[key] === b[key]) &&
  Object.keys(a).length === Object.keys(b).length;

/**
 * The field typed into since it got focus, until it loses focus: its error waits until then,
 * so a value is not called wrong while it is still being typed.
 */
function useFieldBeingTyped(): string | undefined {
  const [field, setField] = useState<string | undefined>(undefined);
  useEffect(() => {
    const typed = (event: Event) => {
      const target = event.target as HTMLInputElement | null;
      // Only typing counts: a value set without focus (a paste by script, a reset) shows at once.
      if (target?.name && target === document.activeElement) setField(target.name);
    };
    const left = (event: FocusEvent) => {
      const name = (event.target as HTMLInputElement | null)?.name;
      setField((now) => (now === name ? undefined : now));
    };
    document.addEventListener("input", typed, true);
    document.addEventListener("focusout", left, true);
    return () => {
      document.removeEventListener("input", typed, true);
      document.removeEventListener("focusout", left, true);
    };
  }, []);
  return field;
}

/** Choices on one side, the live preview on the other: choices -> render -> files. */
export function WizardPage({ catalogue }: { catalogue: Catalogue }) {
  // Prerendered at build time there is no address: the default page (main.tsx hydrates only that).
  const [openedWith] = useState(() =>
    typeof window === "undefined" ? "" : window.location.search,
  );
  const today = useToday();
  const [initial, setInitial] = useState(() => decodePreset(openedWith, catalogue));
  const [presetNotices, setPresetNotices] = useState<PresetNotice[]>(initial.notices);
  // A bad text value from the link stays in its field, with its error, to be corrected there.
  const form = useForm<FormInput>({
    defaultValues: { ...initial.state, ...initial.typed },
    mode: "onChange",
  });
  const values = useWatch({ control: form.control }) as FormInput;

  // A newer catalogue (live data) may know versions the snapshot did not: read the link again,
  // unless the person has already changed something.
  const { isDirty } = form.formState;
  const [decodedFor, setDecodedFor] = useState(catalogue);
  if (decodedFor !== catalogue) {
    setDecodedFor(catalogue);
    if (!isDirty) {
      const again = decodePreset(openedWith, catalogue);
      setInitial(again);
      setPresetNotices(again.notices);
    }
  }
  // Apply a new reading of the link only while the form still holds the last one. The check
  // reads the form's live values: formState can lag behind a keystroke made just before.
  const applied = useRef<FormInput>({ ...initial.state, ...initial.typed });
  useEffect(() => {
    const next = { ...initial.state, ...initial.typed };
    if (sameChoices(next, applied.current)) return;
    if (!sameChoices(form.getValues(), applied.current)) return;
    applied.current = next;
    form.reset(next);
  }, [form, initial]);
  // What was typed or chosen in the prerendered page before its script ran stays, and counts.
  // A reset, not setValue: react-hook-form read typed text from the field when it registered,
  // so setValue would see no change and tell no watcher.
  useEffect(() => {
    const edits = Object.entries(takeEditsBeforeScript()).filter(([name]) =>
      Object.hasOwn(fieldLabels, name),
    );
    if (edits.length > 0)
      form.reset(
        { ...form.getValues(), ...Object.fromEntries(edits) },
        { keepDefaultValues: true },
      );
  }, [form]);

  // The form's own controls only offer valid choices, so the preset's state is fallback enough.
  const { state, errors: allErrors } = useMemo(
    () => readFormInput(values, initial.state),
    [values, initial],
  );
  // A field's error shows once the person has left it, not from the first keystroke.
  const typingIn = useFieldBeingTyped();
  const errorsKey = JSON.stringify(
    Object.entries(allErrors).filter(([field]) => field !== typingIn),
  );
  const errors = useMemo(
    () => Object.fromEntries(JSON.parse(errorsKey) as [string, string][]) as typeof allErrors,
    [errorsKey],
  );
  // Until the person changes something, the link decides the version: when live data
  // re-reads the link, ask GitHub about that version only, not the one it replaces.
  const releaseVersion = isDirty ? state.kubernetesVersion : initial.state.kubernetesVersion;
  const release = useChosenRelease(catalogue, releaseVersion);
  const imageSha256 = release?.sha256[state.arch];

  // The chosen version's own release can show an architecture has no image: switch, and say so.
  const [archNotice, setArchNotice] = useState("");
  const fallback = release ? archFallback(release, state.arch) : undefined;
  if (fallback && fallback.message !== archNotice) setArchNotice(fallback.message);
  const fallbackArch = fallback?.arch;
  useEffect(() => {
    if (fallbackArch) form.setValue("arch", fallbackArch, { shouldDirty: true });
  }, [fallbackArch, form]);
  // A new cluster's control plane makes its secrets; a worker asks which cluster it joins. An
  // upgrade makes none: the cluster has its own.
  const zeroTouch = state.bootstrap === "generated";
  const upgrading = state.mode === "upgrade";
  const cluster = useClusterSecrets(
    zeroTouch && state.role === "control-plane" && !upgrading,
    Number(state.controlPlanes),
  );
  const secrets = zeroTouch ? cluster.secrets : undefined;
  const rendered = useRenderedNode(state, { imageSha256, secrets }, !upgrading);
  const judged = useMemo(
    () => ({
      state,
      fieldErrors: errors,
      catalogue,
      release,
      hasSecrets: secrets !== undefined,
      hasControlPlaneSecrets: secrets?.controlPlane !== undefined,
      today,
    }),
    [state, errors, catalogue, release, secrets, today],
  );
  const readiness = useMemo(
    () => (rendered ? nodeReadiness({ ...judged, rendered }) : undefined),
    [judged, rendered],
  );
  const clusterJudgement = useMemo(() => clusterReadiness(judged), [judged]);
  const judgeNodes = useCallback(
    (nodes: ClusterNode[]) => clusterReadiness({ ...judged, nodes }),
    [judged],
  );
  const secretValues = useMemo(
    () =>
      secrets
        ? [
            secrets.bootstrapToken,
            secrets.caPrivateKeyPem,
            ...(secrets.controlPlane
              ? [
                  secrets.controlPlane.etcdCaPrivateKeyPem,
                  secrets.controlPlane.frontProxyCaPrivateKeyPem,
                  secrets.controlPlane.serviceAccountPrivateKeyPem,
                ]
              : []),
          ]
        : state.joinToken
          ? [state.joinToken]
          : [],
    [secrets, state.joinToken],
  );
  const query = encodePreset(state);

  useAddressQuery(query);

  // The form re-renders only when a choice changes, not when the preview arrives: its
  // elements are memoised on what they show.
  const extraProblemsKey = JSON.stringify(
    (rendered?.notices ?? [])
      .filter((notice) => notice.field === "extraButane")
      .map((notice) => notice.message),
  );
  const extraButaneErrors = useMemo(() => {
    const messages = JSON.parse(extraProblemsKey) as string[];
    return messages.length > 0 ? (
      <ul>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    ) : undefined;
  }, [extraProblemsKey]);
  const {
    regenerate,
    load: loadSecrets,
    problem: secretsProblem,
    handedOut,
    saved: secretsSaved,
  } = cluster;
  const makesCluster = state.mode === "cluster";
  const downloads = useNodeDownloads({
    state,
    files: rendered?.files,
    readiness,
    holdsSecrets: secrets !== undefined,
    onHandOut: zeroTouch ? handedOut : undefined,
  });
  const loadClusterSecrets = useCallback(
    async (text: string) => {
      const loaded = await loadSecrets(text);
      if (loaded !== undefined && typeof loaded !== "string") {
        const options = { shouldDirty: true, shouldValidate: true };
        form.setValue("clusterName", loaded.clusterName, options);
        form.setValue("controlPlaneEndpoint", loaded.controlPlaneEndpoint, options);
        form.setValue("tokenTtl", loaded.tokenTtl, options);
      }
      return loaded;
    },
    [form, loadSecrets],
  );
  const clusterSection = useMemo(
    () => (
      <ClusterFields form={form} state={state} errors={errors}>
        {/* An upgrade reads the cluster's secrets file beside its link, above. */}
        {!upgrading && (
          <ClusterActions
            state={state}
            secrets={secrets}
            onRegenerate={regenerate}
            onLoad={loadClusterSecrets}
            onSaved={secretsSaved}
          />
        )}
        {secretsProblem && (
          <p className="field-error" role="alert">
            {secretsProblem}
          </p>
        )}
      </ClusterFields>
    ),
    [
      form,
      state,
      errors,
      upgrading,
      secrets,
      regenerate,
      loadClusterSecrets,
      secretsSaved,
      secretsProblem,
    ],
  );
  // Upgrade a cluster: the cluster's link fills every field (the mode stays), its ignored
  // parameters listed as a link's are.
  const applyClusterLink = useCallback(
    (preset: DecodedPreset) => {
      const next: FormInput = { ...preset.state, ...preset.typed };
      const options = { shouldDirty: true, shouldValidate: true };
      for (const field of Object.keys(next) as (keyof FormInput)[])
        form.setValue(field, next[field], options);
      setPresetNotices(preset.notices);
    },
    [form],
  );
  const upgradeSource = useMemo(
    () =>
      upgrading ? (
        <UpgradeSourceSection
          catalogue={catalogue}
          onApply={applyClusterLink}
          loadSecrets={loadClusterSecrets}
        />
      ) : undefined,
    [upgrading, catalogue, applyClusterLink, loadClusterSecrets],
  );
  const typedTarget = values.upgradeTo ?? "";
  const upgradeTarget = useMemo(
    () =>
      upgrading ? (
        <UpgradeTargetSection
          form={form}
          catalogue={catalogue}
          state={state}
          typed={typedTarget}
          error={errors.upgradeTo}
        />
      ) : undefined,
    [upgrading, form, catalogue, state, typedTarget, errors.upgradeTo],
  );
  return (
    <main className="wizard">
      <section className="choices" aria-label="Choices">
        {archNotice && (
          <p className="notice notice-warning" role="status">
            {archNotice}
          </p>
        )}
        {presetNotices.length > 0 && (
          <PresetNotices notices={presetNotices} onDismiss={() => setPresetNotices([])} />
        )}
        <ChoicesForm
          form={form}
          catalogue={catalogue}
          release={release}
          state={state}
          errors={errors}
          cluster={clusterSection}
          extraButaneErrors={extraButaneErrors}
          upgradeSource={upgradeSource}
          upgradeTarget={upgradeTarget}
        />
      </section>
      {/* The skip link's target: focusable from the link only. */}
      <section className="output" aria-label="Preview" id="preview" tabIndex={-1}>
        {upgrading ? (
          <UpgradeOutputSection
            state={state}
            errors={errors}
            catalogue={catalogue}
            shareLink={<ShareLinkButton query={query} />}
          />
        ) : (
          <>
            {/* On phones a bar fixed at the bottom: readiness, the one primary action, the preview. */}
            <div className="output-bar">
              {makesCluster ? (
                <ClusterDownload
                  state={state}
                  secrets={secrets}
                  imageSha256={imageSha256}
                  readiness={clusterJudgement}
                  judgeNodes={judgeNodes}
                  onSaved={secretsSaved}
                />
              ) : (
                <>
                  {readiness && <ReadinessSummary readiness={readiness} title="This node" />}
                  {downloads.downloadAll}
                </>
              )}
              <a className="to-preview" href="#preview-panel">
                Preview
              </a>
            </div>
            <div className="share-actions">
              {!makesCluster && downloads.downloadIgnition}
              <ShareLinkButton query={query} />
            </div>
            {makesCluster && (
              <p className="help">
                The control plane&apos;s files; each worker&apos;s differ in host name and role.
              </p>
            )}
            {rendered && readiness ? (
              <PreviewPanel
                files={rendered.files}
                compiled={rendered.compiled}
                readiness={readiness}
                onHandOut={zeroTouch ? handedOut : undefined}
                secretValues={secretValues}
                secretsPending={zeroTouch && !secrets && state.role === "control-plane"}
              />
            ) : (
              <p className="preview-loading" role="status">
                Preparing the preview…
              </p>
            )}
            <MirrorPanel state={state} imageSha256={imageSha256} errors={errors} />
            <NextStepsPanel state={state} />
          </>
        )}
      </section>
    </main>
  );
}
