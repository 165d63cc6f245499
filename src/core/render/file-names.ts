/** The names the node's main files go by, in tabs, downloads and bundles. */
export const butaneFileName = "config.bu";
export const ignitionFileName = "config.ign";
