import {
  caCertHashSchema,
  endpointSchema,
  hostnameSchema,
  joinTokenSchema,
  wizardStateSchema,
  type WizardState,
} from "./wizard-state";

/** What the form holds: every field as the person typed it, valid or not. */
export type FormInput = { [K in keyof WizardState]: string };

export type FieldErrors = Partial<Record<keyof WizardState, string>>;

/** The label each field has on the page; messages name fields by it. */
export const fieldLabels: Record<keyof WizardState, string> = {
  role: "Role",
  kubernetesVersion: "Kubernetes version",
  arch: "Architecture",
  updates: "Updates",
  reboot: "Reboot coordination",
  sysupdate: "Sysupdate files",
  hostname: "Hostname",
  controlPlaneEndpoint: "Control plane endpoint",
  joinToken: "Join token",
  caCertHash: "CA cert hash",
};

const textRules = {
  hostname: hostnameSchema,
  controlPlaneEndpoint: endpointSchema,
  joinToken: joinTokenSchema,
  caCertHash: caCertHashSchema,
} as const;

/**
 * The state the preview renders from what the form holds: a text field that is not valid yet
 * is left out (empty) and gets an error naming it and what is allowed; the form keeps the text.
 * Surrounding white space is not part of a value (pasted tokens often carry a newline).
 */
export function readFormInput(
  input: FormInput,
  fallback: WizardState,
): { state: WizardState; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const candidate: Record<string, string> = { ...input };
  for (const [field, rule] of Object.entries(textRules) as [
    keyof typeof textRules,
    (typeof textRules)[keyof typeof textRules],
  ][]) {
    const value = input[field].trim();
    candidate[field] = value;
    if (value === "") continue;
    const result = rule.safeParse(value);
    if (!result.success) {
      errors[field] = `${fieldLabels[field]}: ${result.error.issues[0]?.message ?? "not valid"}.`;
      candidate[field] = "";
    }
  }
  const parsed = wizardStateSchema.safeParse(candidate);
  if (parsed.success) return { state: parsed.data, errors };
  // A choice outside its list cannot come from the form's own controls; keep the last good state for it.
  const state = { ...fallback };
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof WizardState;
    errors[field] = `${fieldLabels[field]}: ${issue.message}.`;
  }
  for (const field of Object.keys(fallback) as (keyof WizardState)[]) {
    if (!errors[field]) Object.assign(state, { [field]: candidate[field] });
  }
  return { state: wizardStateSchema.parse(state), errors };
}
