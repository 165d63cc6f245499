/** The names the node's main files go by, in tabs, downloads and bundles. */
export const butaneFileName = "config.bu";
export const ignitionFileName = "config.ign";
/** The README written beside the files in every bundle and output folder. */
export const bundleReadmeFileName = "README.md";
/** What more workers need to join later; the wizard and the CLI both write and read it. */
export const clusterSecretsFileName = "cluster-secrets.json";
/** The control plane's folder in a cluster's zip, and its host name when none is given. */
export const defaultControlPlaneName = "control-plane";
