import { memo } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { KubernetesRelease } from "../../core/catalogue/releases";
import { minorSupport, supportScheduleUrl } from "../../core/catalogue/support-schedule";
import type { FieldErrors, FormInput } from "../../core/config/form-input";
import { sshKeyTypes } from "../../core/config/ssh-keys";
import { choices, choiceValue, fieldDocs } from "../../core/config/choices";
import type { WizardState } from "../../core/config/wizard-state";
import { minorOf } from "../../core/version";
import {
  kuredDocsUrl,
  kuredInstallCommands,
  kuredManifestUrl,
  kuredReleases,
} from "../../core/render/kured";
import { addonReleaseFor } from "../../core/cluster/addon-releases";
import { bakeryHub } from "../../core/render/bakery";
import { kubeadmApiVersion, kubeadmRules } from "../../core/cluster/kubeadm-rules";
import { CheckboxField } from "../../ui/checkbox-field";
import { CopyButton } from "../../ui/copy-button";
import { DocsLine, FormGroup } from "../../ui/form-group";
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
  return (
    <form className="choices-form" onSubmit={(event) => event.preventDefault()} noValidate>
      <ChoiceField choice={choices.mode} registration={register("mode")} value={state.mode} />
      {state.mode === "node" && (
        <ChoiceField choice={choices.role} registration={register("role")} value={state.role} />
      )}
      {upgrading && upgradeSource}
      <div className="field">
        <label htmlFor="field-kubernetesVersion">
          {upgrading ? "Kubernetes version the cluster runs now" : "Kubernetes version"}
        </label>
        <select id="field-kubernetesVersion" {...register("kubernetesVersion")}>
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
          {chosenSupport.text}. Grouped by minor, newest first: the Kubernetes system extension from
          the Flatcar sysext bakery; support dates from the{" "}
          <a href={supportScheduleUrl} target="_blank" rel="noreferrer">
            upstream release schedule
          </a>
          .
        </p>
        <KubeadmNote version={state.kubernetesVersion} />
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
      />

      <DocsLine docs={[choices.mode.docs, choices.arch.docs]} />

      <FormGroup
        title="Cluster and network"
        docs={[choices.role.docs, choices.bootstrap.docs, choices.tokenTtl.docs, choices.cni.docs]}
      >
        <TextField
          label="Hostname"
          registration={register("hostname")}
          error={errors.hostname}
          help={
            state.mode === "cluster" || upgrading
              ? "The control plane's host name, e.g. cp-1; empty names it control-plane. Lower-case letters, digits, '-' and '.'."
              : "Written to /etc/hostname, e.g. node-1; empty keeps the name the platform gives. Lower-case letters, digits, '-' and '.'."
          }
        />
        {cluster}
      </FormGroup>

      <FormGroup
        title="Updates and reboots"
        collapsible
        defaultOpen
        docs={[
          choices.updates.docs,
          choices.reboot.docs,
          choices.kuredInstall.docs,
          choices.channel.docs,
        ]}
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
        />
        {state.updates === "patch" && (
          <ChoiceField
            choice={choices.sysupdate}
            registration={register("sysupdate")}
            value={state.sysupdate}
          />
        )}
        <ChoiceField
          choice={choices.reboot}
          registration={register("reboot")}
          value={state.reboot}
        />
        {state.reboot === "kured" && <KuredInstallFields form={form} state={state} />}
        {state.reboot === "locksmithd" && (
          <ChoiceField
            choice={choices.rebootStrategy}
            registration={register("rebootStrategy")}
            value={state.rebootStrategy}
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
        <p className="help">
          Optional: reboots happen only inside this window (
          {state.reboot === "kured"
            ? "kured's --reboot-days, --start-time and --end-time, in UTC"
            : "locksmithd's LOCKSMITHD_REBOOT_WINDOW_START and _LENGTH"}
          ). Start as 04:00 or Thu 04:00; length as 1h or 1h30m. Both or neither.
        </p>
        <ChoiceField
          choice={choices.channel}
          registration={register("channel")}
          value={state.channel}
        />
      </FormGroup>

      <FormGroup title="Access" docs={[fieldDocs.sshKeys]}>
        <TextField
          label="SSH keys"
          rows={3}
          registration={register("sshKeys")}
          error={errors.sshKeys}
          help={`For the core user, one per line, e.g. ssh-ed25519 AAAA… you@laptop. Types: ${sshKeyTypes.join(", ")}.`}
        />
      </FormGroup>

      <FormGroup
        title="Advanced"
        collapsible
        docs={[choices.butaneVersion.docs, choices.verify.docs]}
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
          help={
            digest
              ? `Ignition checks the image against GitHub's sha256 (${digest.slice(0, 12)}…) and refuses a changed or corrupted download.`
              : "Ignition would check the image against GitHub's sha256 digest, but the catalogue has none for this image, so no hash is added."
          }
        />
        <ChoiceField
          choice={choices.butaneVersion}
          registration={register("butaneVersion")}
          value={state.butaneVersion}
        />
        <TextField
          label="Download mirror"
          registration={register("mirror")}
          error={errors.mirror}
          help={
            <>
              Optional, for installs without internet: an http(s) address, e.g.
              https://mirror.example.com/flatcar. The nodes download the bakery&apos;s files from it
              at the same paths as below {bakeryHub}, and every other file at
              &lt;mirror&gt;/&lt;host&gt;/&lt;path&gt;. The Mirror section under the preview lists
              each file and a script that fills the mirror.
            </>
          }
        />
        <TextField
          label="Image registry"
          registration={register("registry")}
          error={errors.registry}
          help="Optional: a registry host with an optional port and path, e.g. registry.example.com:5000; http:// in front for one without TLS. The nodes pull every container image from it, under its upstream's name, e.g. <registry>/registry.k8s.io/pause:3.10."
        />
        <TextField
          label="Extra Butane"
          rows={6}
          registration={register("extraButane")}
          error={extraButaneErrors ?? errors.extraButane}
          help="Optional: storage, systemd, passwd… merged into the generated config and checked as you type, e.g. a file under storage: files: with its path and contents: inline:. It travels in the share link: keep secrets out."
        />
      </FormGroup>
    </form>
  );
});

/** How kured gets into the cluster: installed once by the zero-touch control plane, or by hand. */
function KuredInstallFields({
  form,
  state,
}: {
  form: UseFormReturn<FormInput>;
  state: WizardState;
}) {
  const { release, note } = addonReleaseFor("kured", kuredReleases, state.kubernetesVersion);
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
        note={byCluster ? `kured ${release.version}, watching /run/reboot-required.` : undefined}
      />
      <p className="help">
        kured {release.version} supports Kubernetes 1.{release.minMinor}–1.{release.maxMinor} (
        <a href={release.source} target="_blank" rel="noreferrer">
          its release notes
        </a>
        ), from{" "}
        <a href={kuredManifestUrl(release.version)} target="_blank" rel="noreferrer">
          its pinned manifest
        </a>
        ; see also{" "}
        <a href={kuredDocsUrl} target="_blank" rel="noreferrer">
          kured&apos;s installation docs
        </a>
        .{note ? ` ${note}` : ""}
      </p>
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

/** Which kubeadm config API the chosen minor gets, and what its kubeadm changed. */
function KubeadmNote({ version }: { version: string }) {
  const { rules, assumedFrom } = kubeadmRules(version);
  const apiVersion = kubeadmApiVersion(version);
  return (
    <p className="help" id="kubeadm-rules">
      kubeadm config: {apiVersion} ({rules.changes.join("; ")}).{" "}
      {assumedFrom ? `${assumedFrom} ` : ""}
      <a
        href={`https://kubernetes.io/docs/reference/config-api/kubeadm-config.${apiVersion.split("/")[1] ?? ""}/`}
        target="_blank"
        rel="noreferrer"
      >
        kubeadm config reference
      </a>
    </p>
  );
}
