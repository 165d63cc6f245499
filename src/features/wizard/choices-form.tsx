import { memo } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { KubernetesRelease } from "../../core/catalogue/releases";
import { minorSupport } from "../../core/catalogue/support-schedule";
import type { FieldErrors, FormInput } from "../../core/config/form-input";
import { choices, choiceValue } from "../../core/config/choices";
import type { DetailsField } from "../../core/help/field-details";
import { fieldHelp } from "../../core/help/field-help";
import type { WizardState } from "../../core/config/wizard-state";
import { minorOf } from "../../core/version";
import { kuredInstallCommands, kuredReleases } from "../../core/render/kured";
import { addonReleaseFor } from "../../core/cluster/addon-releases";
import { CheckboxField } from "../../ui/checkbox-field";
import { CopyButton } from "../../ui/copy-button";
import { FieldDetails } from "../../ui/field-details";
import { FormGroup } from "../../ui/form-group";
import { TextField } from "../../ui/text-field";
import { ChoiceField } from "../../ui/choice-field";
import { useToday } from "../../ui/hydration";

/** Memoised: the page re-renders when the preview arrives, the form only when a choice changes. */
export const ChoicesForm = memo(function ChoicesForm({
  form,
  catalogue,
  release,
  state,
  errors,
  extraButaneErrors,
  cluster,
  upgradeSource,
  upgradeTarget,
}: {
  form: UseFormReturn<FormInput>;
  catalogue: Catalogue;
  /** The chosen version's release: its architectures and image digests. */
  release: KubernetesRelease | undefined;
  state: WizardState;
  errors: FieldErrors;
  extraButaneErrors?: React.ReactNode;
  /** The cluster section, owned by the cluster feature. */
  cluster: React.ReactNode;
  /** Upgrade a cluster: where its choices come from (its link), owned by the upgrade feature. */
  upgradeSource?: React.ReactNode;
  /** Upgrade a cluster: the version it goes to, shown after the version it runs. */
  upgradeTarget?: React.ReactNode;
}) {
  const { register } = form;
  const upgrading = state.mode === "upgrade";
  const minor = minorOf(state.kubernetesVersion);
  const digest = release?.sha256[state.arch];
  // The person's own clock says which minors upstream still supports (the build's while hydrating).
  const today = useToday();
  const chosenSupport = minorSupport(minor, today);
  const labelOf = (name: keyof typeof choices, value: string) =>
    choiceValue(choices[name], value)?.label ?? value;
  const updatesSummary = [
    state.updates === "patch" ? `patch updates within ${minor}` : "no Kubernetes updates",
    state.reboot,
    state.windowStart ? `window ${state.windowStart}, ${state.windowLength}` : "",
    `OS channel: ${labelOf("channel", state.channel)}`,
  ]
    .filter(Boolean)
    .join(" · ");
  const advancedSummary = [
    `verify ${state.verify}`,
    labelOf("butaneVersion", state.butaneVersion),
    state.mirror ? "download mirror" : "",
    state.registry ? "image registry" : "",
    state.extraButane.trim() ? "extra Butane" : "",
  ]
    .filter(Boolean)
    .join(" · ");
  const has = (...fields: (keyof FieldErrors)[]) =>
    fields.some((field) => errors[field] !== undefined);
  const help = fieldHelp(state, { digest });
  // Each field's upstream facts, behind its own Details.
  const more = (field: DetailsField) => (
    <FieldDetails field={field} state={state} digest={digest} />
  );
  return (
    <form className="choices-form" onSubmit={(event) => event.preventDefault()} noValidate>
      <ChoiceField
        choice={choices.mode}
        registration={register("mode")}
        value={state.mode}
        details={more("mode")}
      />
      {state.mode === "node" && (
        <ChoiceField
          choice={choices.role}
          registration={register("role")}
          value={state.role}
          details={more("role")}
        />
      )}
      {upgrading && upgradeSource}
      <div className="field">
        <label htmlFor="field-kubernetesVersion">
          {upgrading ? "Kubernetes version the cluster runs now" : "Kubernetes version"}
        </label>
        <select
          id="field-kubernetesVersion"
          aria-describedby="kubernetes-version-support"
          {...register("kubernetesVersion")}
        >
          {catalogue.minors.map((group) => {
            const support = minorSupport(group.minor, today);
            return (
              <optgroup key={group.minor} label={support.text}>
                {group.releases.map((r, index) => (
                  <option key={r.version} value={r.version}>
                    {r.version}
                    {index === 0 ? " (newest patch)" : ""}
                    {support.status === "end-of-life" ? " — end of life" : ""}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
        <p className="help" id="kubernetes-version-support">
          {chosenSupport.text}. {help.kubernetesVersion}
        </p>
        {more("kubernetesVersion")}
        {chosenSupport.warning && (
          // Not a live region: the readiness summary announces the same note once.
          <p className="field-warning">{chosenSupport.warning}</p>
        )}
      </div>
      {upgrading && upgradeTarget}
      <ChoiceField
        choice={choices.arch}
        registration={register("arch")}
        value={state.arch}
        disabled={(entry) =>
          release !== undefined && !release.arches.some((a) => a === entry.value)
        }
        label={(entry) =>
          release !== undefined && !release.arches.some((a) => a === entry.value)
            ? `${entry.label} (no image for ${state.kubernetesVersion})`
            : entry.label
        }
        details={more("arch")}
      />

      <FormGroup title="Cluster and network">
        <TextField
          label="Hostname"
          registration={register("hostname")}
          error={errors.hostname}
          help={help.hostname}
          details={more("hostname")}
        />
        {cluster}
      </FormGroup>

      <FormGroup
        title="Updates and reboots"
        collapsible
        defaultOpen
        summary={updatesSummary}
        hasError={has("windowStart", "windowLength")}
      >
        <ChoiceField
          choice={choices.updates}
          registration={register("updates")}
          value={state.updates}
          label={(entry) =>
            entry.value === "patch"
              ? `Patch updates within ${minor} (systemd-sysupdate)`
              : entry.label
          }
          details={more("updates")}
        />
        {state.updates === "patch" && (
          <ChoiceField
            choice={choices.sysupdate}
            registration={register("sysupdate")}
            value={state.sysupdate}
            details={more("sysupdate")}
          />
        )}
        <ChoiceField
          choice={choices.reboot}
          registration={register("reboot")}
          value={state.reboot}
          details={more("reboot")}
        />
        {state.reboot === "kured" && (
          <KuredInstallFields form={form} state={state} details={more("kuredInstall")} />
        )}
        {state.reboot === "locksmithd" && (
          <ChoiceField
            choice={choices.rebootStrategy}
            registration={register("rebootStrategy")}
            value={state.rebootStrategy}
            details={more("rebootStrategy")}
          />
        )}
        <div className="field-row">
          <TextField
            label="Reboot window start"
            registration={register("windowStart")}
            error={errors.windowStart}
          />
          <TextField
            label="Reboot window length"
            registration={register("windowLength")}
            error={errors.windowLength}
          />
        </div>
        <p className="help">{help.window}</p>
        {more("window")}
        <ChoiceField
          choice={choices.channel}
          registration={register("channel")}
          value={state.channel}
          details={more("channel")}
        />
      </FormGroup>

      <FormGroup title="Access">
        <TextField
          label="SSH keys"
          rows={3}
          registration={register("sshKeys")}
          error={errors.sshKeys}
          help={help.sshKeys}
          details={more("sshKeys")}
        />
      </FormGroup>

      <FormGroup
        title="Advanced"
        collapsible
        summary={advancedSummary}
        hasError={has("mirror", "registry", "extraButane") || extraButaneErrors !== undefined}
      >
        <CheckboxField
          name="verify"
          label={choices.verify.label}
          checked={state.verify === "on"}
          onChange={(checked) =>
            form.setValue("verify", checked ? "on" : "off", { shouldDirty: true })
          }
          help={help.verify}
          details={more("verify")}
        />
        <ChoiceField
          choice={choices.butaneVersion}
          registration={register("butaneVersion")}
          value={state.butaneVersion}
          details={more("butaneVersion")}
        />
        <TextField
          label="Download mirror"
          registration={register("mirror")}
          error={errors.mirror}
          help={help.mirror}
          details={more("mirror")}
        />
        <TextField
          label="Image registry"
          registration={register("registry")}
          error={errors.registry}
          help={help.registry}
          details={more("registry")}
        />
        <TextField
          label="Extra Butane"
          rows={6}
          registration={register("extraButane")}
          error={extraButaneErrors ?? errors.extraButane}
          help={help.extraButane}
          details={more("extraButane")}
        />
      </FormGroup>
    </form>
  );
});

/** How kured gets into the cluster: installed once by the zero-touch control plane, or by hand. */
function KuredInstallFields({
  form,
  state,
  details,
}: {
  form: UseFormReturn<FormInput>;
  state: WizardState;
  /** kured's release, manifest and compatibility. */
  details: React.ReactNode;
}) {
  // Said beside the choice: the page stays honest about an untested Kubernetes minor.
  const { note } = addonReleaseFor("kured", kuredReleases, state.kubernetesVersion);
  const commands = kuredInstallCommands(state);
  const zeroTouch = state.bootstrap === "generated";
  const byCluster = zeroTouch && state.kuredInstall === "cluster";
  return (
    <>
      <ChoiceField
        choice={choices.kuredInstall}
        registration={form.register("kuredInstall")}
        value={state.kuredInstall}
        disabled={(entry) => entry.value === "cluster" && !zeroTouch}
        label={(entry) =>
          entry.value === "cluster" && !zeroTouch
            ? `${entry.label}: zero-touch bootstrap only`
            : entry.label
        }
        note={note}
        details={details}
      />
      {!byCluster && (
        <div className="field">
          <p className="field-title" id="kured-install">
            Install kured in the cluster once
          </p>
          <pre className="command" aria-labelledby="kured-install">
            {commands}
          </pre>
          <CopyButton text={commands} label="Copy kured commands" />
        </div>
      )}
    </>
  );
}
