import type { UseFormReturn } from "react-hook-form";
import { cniOption, cniRelease } from "../../core/cluster/cni";
import { choices } from "../../core/config/choices";
import type { DetailsField } from "../../core/help/field-details";
import { fieldHelp } from "../../core/help/field-help";
import type { FieldErrors, FormInput } from "../../core/config/form-input";
import type { WizardState } from "../../core/config/wizard-state";
import { ChoiceField } from "../../ui/choice-field";
import { FieldDetails } from "../../ui/field-details";
import { TextField } from "../../ui/text-field";
import { JoinCommandField } from "./join-command-field";

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
  const worker = state.role === "worker";
  // An upgrade shows the cluster's choices as a new cluster has them.
  const makesCluster = state.mode === "cluster" || state.mode === "upgrade";
  const cni = cniOption(state.cni);
  const release = generated ? cniRelease(state.cni, state.kubernetesVersion) : undefined;
  const help = fieldHelp(state);
  const more = (field: DetailsField) => <FieldDetails field={field} state={state} />;
  return (
    <>
      {!makesCluster && (
        <ChoiceField
          choice={choices.bootstrap}
          registration={register("bootstrap")}
          value={state.bootstrap}
          note={
            generated && state.mode === "join"
              ? "Have the line kubeadm token create --print-join-command prints instead? Choose Manual and paste it."
              : undefined
          }
          details={more("bootstrap")}
        />
      )}
      {/* Above the three fields it fills. */}
      {!generated && worker && (
        <JoinCommandField form={form} help={help.joinCommand} details={more("joinCommand")} />
      )}
      {(generated || worker) && (
        <TextField
          label="Control plane endpoint"
          registration={register("controlPlaneEndpoint")}
          error={errors.controlPlaneEndpoint}
          help={help.controlPlaneEndpoint}
          details={more("controlPlaneEndpoint")}
        />
      )}
      {!generated && worker && (
        <>
          <TextField
            label="Join token"
            registration={register("joinToken")}
            error={errors.joinToken}
            help={help.joinToken}
            details={more("joinToken")}
            secret
          />
          <TextField
            label="CA cert hash"
            registration={register("caCertHash")}
            error={errors.caCertHash}
            help={help.caCertHash}
            details={more("caCertHash")}
          />
        </>
      )}
      {generated && worker && children}
      {generated && !worker && (
        <>
          <TextField
            label="Cluster name"
            registration={register("clusterName")}
            error={errors.clusterName}
            help={help.clusterName}
            details={more("clusterName")}
          />
          <div className="field-row">
            <TextField
              label="Pod CIDR"
              registration={register("podCidr")}
              error={errors.podCidr}
              help={help.podCidr}
              details={more("podCidr")}
            />
            <TextField
              label="Service CIDR"
              registration={register("serviceCidr")}
              error={errors.serviceCidr}
              help={help.serviceCidr}
              details={more("serviceCidr")}
            />
          </div>
          <div className="field">
            <label htmlFor="field-cni">CNI</label>
            <select id="field-cni" aria-describedby="cni-explanation" {...register("cni")}>
              {choices.cni.values.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
            <p className="help" id="cni-explanation">
              {release ? `${release.name}: ` : ""}
              {cni.explanation}
              {release?.note ? ` ${release.note}` : ""}
            </p>
            {more("cni")}
          </div>
          <ChoiceField
            choice={choices.tokenTtl}
            registration={register("tokenTtl")}
            value={state.tokenTtl}
            details={more("tokenTtl")}
          />
          {makesCluster && (
            <ChoiceField
              choice={choices.controlPlanes}
              registration={register("controlPlanes")}
              value={state.controlPlanes}
              details={more("controlPlanes")}
            />
          )}
          {makesCluster && state.controlPlanes !== "1" && (
            <>
              <ChoiceField
                choice={choices.loadBalancer}
                registration={register("loadBalancer")}
                value={state.loadBalancer}
                details={more("loadBalancer")}
              />
              <div className="field-row">
                {state.loadBalancer === "kube-vip" && (
                  <TextField
                    label="Virtual IP interface"
                    registration={register("vipInterface")}
                    error={errors.vipInterface}
                    help={help.vipInterface}
                    details={more("vipInterface")}
                  />
                )}
                <TextField
                  label="Control plane host names"
                  registration={register("controlPlaneNamePattern")}
                  error={errors.controlPlaneNamePattern}
                  help={help.controlPlaneNamePattern}
                />
              </div>
            </>
          )}
          {makesCluster && (
            <div className="field-row">
              <TextField
                label="Workers"
                registration={register("workers")}
                error={errors.workers}
                help={help.workers}
              />
              <TextField
                label="Worker host names"
                registration={register("workerNamePattern")}
                error={errors.workerNamePattern}
                help={help.workerNamePattern}
              />
            </div>
          )}
          {children}
        </>
      )}
    </>
  );
}
