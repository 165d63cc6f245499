import type { UseFormReturn } from "react-hook-form";
import type { Catalogue } from "../../core/catalogue/catalogue";
import { minorOf } from "../../core/catalogue/releases";
import type { FieldErrors, FormInput } from "../../core/config/form-input";
import type { WizardState } from "../../core/config/wizard-state";
import { RadioGroup } from "../../ui/radio-group";
import { TextField } from "../../ui/text-field";

export function ChoicesForm({
  form,
  catalogue,
  state,
  errors,
}: {
  form: UseFormReturn<FormInput>;
  catalogue: Catalogue;
  state: WizardState;
  errors: FieldErrors;
}) {
  const { register } = form;
  const minor = minorOf(state.kubernetesVersion);
  const release = catalogue.releases.find((r) => r.version === state.kubernetesVersion);
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
        placeholder="e.g. node-1 (empty: the platform's name)"
        help="Written to /etc/hostname. Lower-case letters, digits, '-' and '.'."
      />
      {state.role === "worker" && (
        <div className="worker-join">
          <TextField
            label="Control plane endpoint"
            registration={register("controlPlaneEndpoint")}
            error={errors.controlPlaneEndpoint}
            placeholder="10.0.0.10:6443"
            help="host:port of the control plane's API server."
          />
          <TextField
            label="Join token"
            registration={register("joinToken")}
            error={errors.joinToken}
            placeholder="abcdef.0123456789abcdef"
            help="From kubeadm token create on the control plane. A secret: it never goes into the share link."
            secret
          />
          <TextField
            label="CA cert hash"
            registration={register("caCertHash")}
            error={errors.caCertHash}
            placeholder="sha256:…"
            help="The --discovery-token-ca-cert-hash printed by kubeadm init."
          />
        </div>
      )}

      <h2>Kubernetes</h2>
      <div className="field">
        <label htmlFor="field-kubernetesVersion">Kubernetes version</label>
        <select id="field-kubernetesVersion" {...register("kubernetesVersion")}>
          {catalogue.minors.map((group) => (
            <optgroup key={group.minor} label={group.minor}>
              {group.releases.map((r, index) => (
                <option key={r.version} value={r.version}>
                  {r.version}
                  {index === 0 ? " (newest patch)" : ""}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <p className="help">
          Grouped by minor, newest first: the Kubernetes system extension from the Flatcar sysext
          bakery.
        </p>
      </div>
      <RadioGroup
        legend="Architecture"
        registration={register("arch")}
        options={[
          { value: "x86-64", label: "x86-64" },
          { value: "arm64", label: "arm64" },
        ].map((option) => ({
          ...option,
          disabled: release ? !release.arches.includes(option.value as WizardState["arch"]) : false,
        }))}
      />

      <h2>Updates and reboots</h2>
      <RadioGroup
        legend="Updates"
        registration={register("updates")}
        options={[
          { value: "patch", label: `Patch updates within ${minor} (systemd-sysupdate)` },
          { value: "off", label: "Off" },
        ]}
        description="Updates stay within one minor: upstream Kubernetes does not support unattended upgrades across minors."
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
            ? "locksmithd is masked; kured, deployed in the cluster, reboots nodes one at a time when /run/reboot-required appears."
            : "locksmithd reboots the node after an update (REBOOT_STRATEGY=reboot in /etc/flatcar/update.conf)."
        }
      />
    </form>
  );
}
