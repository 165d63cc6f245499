/** The names the node's main files go by, in tabs, downloads and bundles. */
export const butaneFileName = "config.bu";
export const ignitionFileName = "config.ign";
/** The control plane's folder in a cluster's zip, and its host name when none is given. */
export const defaultControlPlaneName = "control-plane";
