import type { WizardState } from "../config/wizard-state";

/**
 * What rendering found that the person should know, beyond the choices themselves (the
 * readiness rules judge those): what Butane and the merge said about the extra Butane, and
 * notes on the versions chosen for kubeadm and the add-ons.
 */
export interface RenderNotice {
  field: keyof WizardState;
  level: "error" | "warning";
  message: string;
}
