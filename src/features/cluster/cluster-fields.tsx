import type { UseFormReturn } from "react-hook-form";
import { cniOptions, cniRelease } from "../../core/cluster/cni";
import { tokenTtlChoices } from "../../core/cluster/token-ttl";
import type { FieldErrors, FormInput } from "../../core/config/form-input";
import { cniChoiceValues, maxWorkers, type WizardState } from "../../core/config/wizard-state";
import { RadioGroup } from "../../ui/radio-group";
import { TextField } from "../../ui/text-field";

/** The cluster the node belongs to: how it bootstraps, its network, and its secrets. */
export function ClusterFields({
  form,
  state,
  errors,
  children,
}: {
  form: UseFormReturn<FormInput>;
  state: WizardState;
  errors: FieldErrors;
  /** The secrets' actions, shown with the zero-touch choices. */
  children?: React.ReactNode;
}) {
  const { register } = form;
  const generated = state.bootstrap === "generated";
  const cni = cniOptions[state.cni];
  const release = generated ? cniRelease(state.cni, state.kubernetesVersion) : undefined;
  const ttl = tokenTtlChoices.find((choice) => choice.value === state.tokenTtl);
  return (
    <>
      <h2>Cluster</h2>
      <RadioGroup
        legend="Cluster bootstrap"
        registration={register("bootstrap")}
        options={[
          { value: "generated", label: "Zero-touch: secrets made here" },
          { value: "manual", label: "Manual: as in the Flatcar how-to" },
        ]}
        description={
          generated
            ? "This page makes the cluster's CA and bootstrap token (in your browser, never sent anywhere or put in the link): the control plane starts with them and workers join with them on first boot."
            : "The control plane runs kubeadm init; you paste the join token and CA hash it prints into each worker's config."
        }
      />
      {(generated || state.role === "worker") && (
        <TextField
          label="Control plane endpoint"
          registration={register("controlPlaneEndpoint")}
          error={errors.controlPlaneEndpoint}
          help="host:port of the control plane's API server, as workers reach it, e.g. 10.0.0.10:6443 or cp.example.com:6443."
        />
      )}
      {!generated && state.role === "worker" && (
        <>
          <TextField
            label="Join token"
            registration={register("joinToken")}
            error={errors.joinToken}
            help="From kubeadm token create on the control plane: 6 and 16 lower-case letters or digits joined by '.'. A secret: it never goes into the share link."
            secret
          />
          <TextField
            label="CA cert hash"
            registration={register("caCertHash")}
            error={errors.caCertHash}
            help="The --discovery-token-ca-cert-hash printed by kubeadm init: sha256: and 64 hex digits."
          />
        </>
      )}
      {generated && (
        <>
          <TextField
            label="Cluster name"
            registration={register("clusterName")}
            error={errors.clusterName}
          />
          <div className="field-row">
            <TextField label="Pod CIDR" registration={register("podCidr")} error={errors.podCidr} />
            <TextField
              label="Service CIDR"
              registration={register("serviceCidr")}
              error={errors.serviceCidr}
            />
          </div>
          <div className="field">
            <label htmlFor="field-cni">CNI</label>
            <select id="field-cni" {...register("cni")}>
              {cniChoiceValues.map((choice) => (
                <option key={choice} value={choice}>
                  {cniOptions[choice].label}
                </option>
              ))}
            </select>
            <p className="help" id="cni-explanation">
              {release ? `${release.name}: ` : ""}
              {cni.explanation}{" "}
              {release && (
                <>
                  Applied once by install-cni.service from{" "}
                  {release.urls.map((url, index) => (
                    <span key={url}>
                      {index > 0 ? ", " : ""}
                      <a href={url} target="_blank" rel="noreferrer">
                        {url.slice(url.lastIndexOf("/") + 1)}
                      </a>
                    </span>
                  ))}
                  ; {release.name} supports Kubernetes 1.{release.release.minMinor}–1.
                  {release.release.maxMinor} (
                  <a href={release.release.source} target="_blank" rel="noreferrer">
                    compatibility
                  </a>
                  ).{release.note ? ` ${release.note}` : ""}{" "}
                </>
              )}
              <a href={cni.source} target="_blank" rel="noreferrer">
                Source
              </a>
            </p>
          </div>
          <RadioGroup
            legend="Token lifetime"
            registration={register("tokenTtl")}
            options={tokenTtlChoices.map((choice) => ({
              value: choice.value,
              label: choice.label,
            }))}
            description={ttl?.tradeOff}
          />
          <div className="field-row">
            <TextField
              label="Workers"
              registration={register("workers")}
              error={errors.workers}
              help={`For Download cluster: 0 to ${maxWorkers}.`}
            />
            <TextField
              label="Worker host names"
              registration={register("workerNamePattern")}
              error={errors.workerNamePattern}
              help="{n} becomes 1, 2, 3…"
            />
          </div>
          {children}
        </>
      )}
    </>
  );
}
