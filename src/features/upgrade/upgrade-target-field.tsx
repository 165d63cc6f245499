import type { UseFormReturn } from "react-hook-form";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { KubernetesRelease } from "../../core/catalogue/releases";
import { localDay, minorSupport } from "../../core/catalogue/support-schedule";
import { fieldHelp } from "../../core/help/field-help";
import type { FormInput } from "../../core/config/form-input";
import type { WizardState } from "../../core/config/wizard-state";
import { nextMinor, upgradeTargetProblem, upgradeTargets } from "../../core/upgrade/upgrade-target";
import { minorOf } from "../../core/version";
import { FieldDetails } from "../../ui/field-details";

const fieldId = "field-upgradeTo";

/** The targets by minor, newest first, as the version select groups them. */
function byMinor(targets: KubernetesRelease[]): [string, KubernetesRelease[]][] {
  const groups = new Map<string, KubernetesRelease[]>();
  for (const target of targets) {
    const minor = minorOf(target.version);
    groups.set(minor, [...(groups.get(minor) ?? []), target]);
  }
  return [...groups];
}

/**
 * Upgrade to: the versions kubeadm can take the cluster to from its version (a newer patch of
 * its minor, a patch of the next one), grouped by minor with upstream's support. Empty means the
 * default, the newest patch of the next minor. A value from the link that is not among them
 * stays chosen, with why it cannot be used.
 */
export function UpgradeTargetField({
  form,
  catalogue,
  state,
  typed,
  error,
}: {
  form: UseFormReturn<FormInput>;
  catalogue: Catalogue;
  /** The cluster's valid choices; upgradeTo is the target when valid. */
  state: WizardState;
  /** What the field holds, valid or not. */
  typed: string;
  /** The field's own error (not a version at all). */
  error?: string;
}) {
  const from = state.kubernetesVersion;
  const targets = upgradeTargets(catalogue, from, state.arch);
  const fallback = targets[0];
  const today = localDay(new Date());
  const listed = typed === "" || targets.some((target) => target.version === typed);
  const to = state.upgradeTo || fallback?.version;
  const problem = to ? upgradeTargetProblem(catalogue, from, to, state.arch) : undefined;
  const support = to ? minorSupport(to, today) : undefined;
  const message =
    error ??
    problem?.message ??
    (fallback
      ? undefined
      : `Upgrade to: the release list has no ${nextMinor(from)} version and no newer ${minorOf(from)} patch for ${state.arch} yet.`);
  return (
    <div className="field">
      <label htmlFor={fieldId}>Upgrade to</label>
      <select
        id={fieldId}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${fieldId}-help${message ? ` ${fieldId}-error` : ""}`}
        {...form.register("upgradeTo")}
      >
        <option value="">
          {fallback
            ? `${fallback.version}: the default, newest patch of ${minorOf(fallback.version)}`
            : "No version to go to yet"}
        </option>
        {byMinor(targets).map(([minor, releases]) => (
          <optgroup
            key={minor}
            label={
              minor === minorOf(from)
                ? `${minorSupport(minor, today).text} (newer patches of the cluster's minor)`
                : minorSupport(minor, today).text
            }
          >
            {releases.map((release, index) => (
              <option key={release.version} value={release.version}>
                {release.version}
                {index === 0 ? " (newest patch)" : ""}
              </option>
            ))}
          </optgroup>
        ))}
        {!listed && <option value={typed}>{typed} (not a version the cluster can go to)</option>}
      </select>
      <p className="help" id={`${fieldId}-help`}>
        {support ? `${support.text}. ` : ""}
        {fieldHelp(state).upgradeTo}
      </p>
      <FieldDetails field="upgradeTo" state={state} />
      {message && (
        <div className="field-error" id={`${fieldId}-error`}>
          {message}
        </div>
      )}
    </div>
  );
}
