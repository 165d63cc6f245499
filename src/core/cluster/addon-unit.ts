/** The once-only units the zero-touch control plane runs to install cluster add-ons. */

/** Where the add-on files the units read are written. */
export const addonDirectory = "/etc/kubernetes/addons";
export const adminKubeconfig = "/etc/kubernetes/admin.conf";
const kubectl = `/usr/bin/kubectl --kubeconfig ${adminKubeconfig}`;

/** A shell test that waits, however long it takes, until kubeadm init has written admin.conf. */
export const waitForAdminKubeconfig = `until [ -s ${adminKubeconfig} ]; do sleep 5; done`;

/**
 * The [Service] of a unit that runs once on the control plane after kubeadm init: `body` does
 * the work; a stamp marks it done (with `ConditionPathExists=!stamp` in [Unit]); a failure
 * is tried again, as the API server may refuse for a while after admin.conf appears.
 */
export function runOnceService(stampPath: string, body: string): string {
  const stampDirectory = stampPath.slice(0, stampPath.lastIndexOf("/"));
  return `[Service]
Type=oneshot
RemainAfterExit=yes
# kubeadm init writes admin.conf near its end; wait for it however long init takes.
TimeoutStartSec=infinity
${body}ExecStartPost=/usr/bin/mkdir -p ${stampDirectory}
ExecStartPost=/usr/bin/touch ${stampPath}
# The API server may refuse for a while after admin.conf appears: try again.
Restart=on-failure
RestartSec=10
`;
}

/**
 * A oneshot unit for the control plane: waits for kubeadm's admin kubeconfig, runs the steps
 * once, then leaves a stamp. Every step may be run again (apply, patch, restart), so a failed
 * run is simply retried.
 */
export function addonUnit(description: string, stampPath: string, steps: string[]): string {
  return `[Unit]
Description=${description}
Wants=network-online.target
After=network-online.target kubeadm.service
ConditionPathExists=!${stampPath}
${runOnceService(
  stampPath,
  `ExecStartPre=/usr/bin/sh -c '${waitForAdminKubeconfig}'
${steps.map((step) => `ExecStart=${kubectl} ${step}\n`).join("")}`,
)}[Install]
WantedBy=multi-user.target
`;
}
