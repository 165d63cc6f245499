/**
 * kured, the Kubernetes reboot daemon, runs in the cluster as a DaemonSet and reboots one node
 * at a time when /run/reboot-required appears (its default sentinel /var/run/reboot-required is
 * the same file on Flatcar). Installed once per cluster from its Helm chart.
 */
export const kuredInstallCommands = `helm repo add kubereboot https://kubereboot.github.io/charts
helm repo update
helm install kured kubereboot/kured --namespace kube-system
`;
