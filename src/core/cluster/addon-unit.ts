/** The once-only units the zero-touch control plane runs to install cluster add-ons. */

/** Where the add-on files the units read are written. */
export const addonDirectory = "/etc/kubernetes/addons";
export const adminKubeconfig = "/etc/kubernetes/admin.conf";
const kubectl = `/usr/bin/kubectl --kubeconfig ${adminKubeconfig}`;

/**
 * A oneshot unit for the control plane: waits for kubeadm's admin kubeconfig, runs the steps
 * once, then leaves a stamp. Every step may be run again (apply, patch, restart), so a failed
 * run is simply retried.
 */
export function addonUnit(description: string, stampPath: string, steps: string[]): string {
  const stampDirectory = stampPath.slice(0, stampPath.lastIndexOf("/"));
  return `[Unit]
Description=${description}
Wants=network-online.target
After=network-online.target kubeadm.service
ConditionPathExists=!${stampPath}
[Service]
Type=oneshot
RemainAfterExit=yes
# kubeadm init writes admin.conf near its end; wait for it however long init takes.
TimeoutStartSec=infinity
ExecStartPre=/usr/bin/sh -c 'until [ -s ${adminKubeconfig} ]; do sleep 5; done'
${steps.map((step) => `ExecStart=${kubectl} ${step}`).join("\n")}
ExecStartPost=/usr/bin/mkdir -p ${stampDirectory}
ExecStartPost=/usr/bin/touch ${stampPath}
# The API server may refuse for a while after admin.conf appears: try again.
Restart=on-failure
RestartSec=10
[Install]
WantedBy=multi-user.target
`;
}
