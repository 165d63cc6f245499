import type { UseFormReturn } from "react-hook-form";
import { cniOption, cniRelease } from "../../core/cluster/cni";
import { endpointDescription } from "../../core/cluster/endpoint";
import { choices } from "../../core/config/choices";
import type { FieldErrors, FormInput } from "../../core/config/form-input";
import { maxWorkers, type WizardState } from "../../core/config/wizard-state";
import { ChoiceField } from "../../ui/choice-field";
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
        />
      )}
      {/* Above the three fields it fills. */}
      {!generated && worker && <JoinCommandField form={form} />}
      {(generated || worker) && (
        <TextField
          label="Control plane endpoint"
          registration={register("controlPlaneEndpoint")}
          error={errors.controlPlaneEndpoint}
          help={endpointDescription(state)}
        />
      )}
      {!generated && worker && (
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
      {generated && worker && children}
      {generated && !worker && (
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
              {choices.cni.values.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
            <p className="help" id="cni-explanation">
              {release ? `${release.name}: ` : ""}
              {cni.explanation}{" "}
              {release && (
                <>
                  Installed once by {release.unitName}
                  {release.extension ? (
                    <>
                      {" "}
                      from the bakery&apos;s {release.extension.name} sysext{" "}
                      <a href={release.extension.source} target="_blank" rel="noreferrer">
                        {release.extension.version}
                      </a>
                    </>
                  ) : (
                    <>
                      {" "}
                      from{" "}
                      {release.urls.map((url, index) => (
                        <span key={url}>
                          {index > 0 ? ", " : ""}
                          <a href={url} target="_blank" rel="noreferrer">
                            {url.slice(url.lastIndexOf("/") + 1)}
                          </a>
                        </span>
                      ))}
                    </>
                  )}
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
          <ChoiceField
            choice={choices.tokenTtl}
            registration={register("tokenTtl")}
            value={state.tokenTtl}
          />
          {makesCluster && (
            <ChoiceField
              choice={choices.controlPlanes}
              registration={register("controlPlanes")}
              value={state.controlPlanes}
            />
          )}
          {makesCluster && state.controlPlanes !== "1" && (
            <>
              <ChoiceField
                choice={choices.loadBalancer}
                registration={register("loadBalancer")}
                value={state.loadBalancer}
              />
              <div className="field-row">
                {state.loadBalancer === "kube-vip" && (
                  <TextField
                    label="Virtual IP interface"
                    registration={register("vipInterface")}
                    error={errors.vipInterface}
                    help="The control planes' network interface kube-vip puts the virtual IP on, e.g. eth0 or ens3 (ip -brief link on a node)."
                  />
                )}
                <TextField
                  label="Control plane host names"
                  registration={register("controlPlaneNamePattern")}
                  error={errors.controlPlaneNamePattern}
                  help="{n} becomes 1, 2, 3…: cp-1 runs kubeadm init, the others join it."
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
                help={
                  state.mode === "upgrade"
                    ? `The workers the cluster has: 0 to ${maxWorkers}.`
                    : `For Download cluster: 0 to ${maxWorkers}.`
                }
              />
              <TextField
                label="Worker host names"
                registration={register("workerNamePattern")}
                error={errors.workerNamePattern}
                help="{n} becomes 1, 2, 3…"
              />
            </div>
          )}
          {children}
        </>
      )}
    </>
  );
}
