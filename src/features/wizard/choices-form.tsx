import { memo } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { KubernetesRelease } from "../../core/catalogue/releases";
import { localDay, minorSupport, supportScheduleUrl } from "../../core/catalogue/support-schedule";
import type { FieldErrors, FormInput } from "../../core/config/form-input";
import { sshKeyTypes } from "../../core/config/ssh-keys";
import { rebootStrategyDescriptions, type WizardState } from "../../core/config/wizard-state";
import { architectures, minorOf } from "../../core/version";
import {
  kuredDocsUrl,
  kuredInstallCommands,
  kuredManifestUrl,
  kuredReleases,
} from "../../core/render/kured";
import { addonReleaseFor } from "../../core/cluster/addon-releases";
import { kubeadmApiVersion, kubeadmRules } from "../../core/cluster/kubeadm-rules";
import { CheckboxField } from "../../ui/checkbox-field";
import { CopyButton } from "../../ui/copy-button";
import { RadioGroup } from "../../ui/radio-group";
import { TextField } from "../../ui/text-field";

/** Memoised: the page re-renders when the preview arrives, the form only when a choice changes. */
export const ChoicesForm = memo(function ChoicesForm({
  form,
  catalogue,
  release,
  state,
  errors,
  extraButaneErrors,
  cluster,
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
}) {
  const { register } = form;
  const minor = minorOf(state.kubernetesVersion);
  const digest = release?.sha256[state.arch];
  // The person's own clock says which minors upstream still supports.
  const today = localDay(new Date());
  const chosenSupport = minorSupport(minor, today);
  return (
    <form className="choices-form" onSubmit={(event) => event.preventDefault()} noValidate>
      <h2>Node</h2>
      <RadioGroup
        legend="Role"
        registration={register("role")}
        options={[
          { value: "control-plane", label: "Control plane" },
          { value: "worker", label: "Worker" },
        ]}
        description={
          state.role === "control-plane"
            ? "Runs kubeadm init once on first boot and gives the core user the admin kubeconfig."
            : "Runs kubeadm join once on first boot with the values below."
        }
      />
      <TextField
        label="Hostname"
        registration={register("hostname")}
        error={errors.hostname}
        help="Written to /etc/hostname, e.g. node-1; empty keeps the name the platform gives. Lower-case letters, digits, '-' and '.'."
      />
      <TextField
        label="SSH keys"
        rows={3}
        registration={register("sshKeys")}
        error={errors.sshKeys}
        help={`For the core user, one per line, e.g. ssh-ed25519 AAAA… you@laptop. Types: ${sshKeyTypes.join(", ")}.`}
      />

      {cluster}

      <h2>Kubernetes</h2>
      <div className="field">
        <label htmlFor="field-kubernetesVersion">Kubernetes version</label>
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
      <RadioGroup
        legend="Architecture"
        registration={register("arch")}
        options={architectures.map((arch) => {
          const missing = release !== undefined && !release.arches.includes(arch);
          return {
            value: arch,
            label: missing ? `${arch} (no image for ${state.kubernetesVersion})` : arch,
            disabled: missing,
          };
        })}
      />
      <CheckboxField
        name="verify"
        label="Verify download"
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

      <h2>Updates and reboots</h2>
      <RadioGroup
        legend="Updates"
        registration={register("updates")}
        options={[
          { value: "patch", label: `Patch updates within ${minor} (systemd-sysupdate)` },
          { value: "off", label: "Off" },
        ]}
        description="Updates stay within one minor: upstream Kubernetes does not support unattended upgrades across minors. Move to a new minor deliberately, with kubeadm upgrade."
      />
      {state.updates === "patch" && (
        <RadioGroup
          legend="Sysupdate files"
          registration={register("sysupdate")}
          options={[
            { value: "inline", label: "Written into the Butane" },
            { value: "bakery", label: "Fetched from extensions.flatcar.org at first boot" },
          ]}
        />
      )}
      <RadioGroup
        legend="Reboot coordination"
        registration={register("reboot")}
        options={[
          { value: "kured", label: "kured" },
          { value: "locksmithd", label: "locksmithd" },
        ]}
        description={
          state.reboot === "kured"
            ? "locksmithd is masked; kured, running in the cluster, drains and reboots one node at a time when /run/reboot-required appears."
            : "Flatcar's own reboot manager reboots the node after an OS or Kubernetes update, as set below. It does not drain the node first."
        }
      />
      {state.reboot === "kured" && <KuredInstallFields form={form} state={state} />}
      {state.reboot === "locksmithd" && (
        <RadioGroup
          legend="Reboot strategy"
          registration={register("rebootStrategy")}
          options={[
            { value: "reboot", label: "reboot" },
            { value: "etcd-lock", label: "etcd-lock" },
            { value: "off", label: "off" },
          ]}
          description={rebootStrategyDescriptions[state.rebootStrategy]}
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
      <div className="field">
        <label htmlFor="field-channel">OS update channel</label>
        <select id="field-channel" {...register("channel")}>
          <option value="">As installed (no change)</option>
          <option value="stable">stable</option>
          <option value="beta">beta</option>
          <option value="alpha">alpha</option>
          <option value="lts">lts</option>
          <option value="off">Off: no OS updates (SERVER=disabled)</option>
        </select>
        <p className="help">
          Flatcar's own OS updates, written to /etc/flatcar/update.conf. Off stops downloads; the
          Kubernetes extension still updates as chosen above.
        </p>
      </div>

      <h2>Advanced</h2>
      <RadioGroup
        legend="Butane version"
        registration={register("butaneVersion")}
        options={[
          { value: "1.0.0", label: "flatcar 1.0.0 (Ignition 3.3.0)" },
          { value: "1.1.0", label: "flatcar 1.1.0 (Ignition 3.4.0)" },
        ]}
        description="1.1.0 adds newer Butane fields; it compiles to Ignition 3.4.0, which only newer Flatcar releases read."
      />
      <TextField
        label="Extra Butane"
        rows={6}
        registration={register("extraButane")}
        error={extraButaneErrors ?? errors.extraButane}
        help="Optional: storage, systemd, passwd… merged into the generated config and checked as you type, e.g. a file under storage: files: with its path and contents: inline:. It travels in the share link: keep secrets out."
      />
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
  const commands = kuredInstallCommands(
    state.kubernetesVersion,
    state.windowStart,
    state.windowLength,
  );
  const zeroTouch = state.bootstrap === "generated";
  const byCluster = zeroTouch && state.kuredInstall === "cluster";
  return (
    <>
      <RadioGroup
        legend="Install kured"
        registration={form.register("kuredInstall")}
        options={[
          {
            value: "cluster",
            label: zeroTouch
              ? "Automatically, once (zero-touch)"
              : "Automatically (zero-touch bootstrap only)",
            disabled: !zeroTouch,
          },
          { value: "manual", label: "Yourself, with the commands below" },
        ]}
        description={
          byCluster
            ? `The control plane applies kured ${release.version}'s released manifest once after kubeadm init (install-kured.service), watching /run/reboot-required.`
            : "Run these commands once, with an admin kubeconfig, after the control plane is up."
        }
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
