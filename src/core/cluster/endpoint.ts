/* The control plane endpoint's parts, apart from kube-vip's manifest writer (and its YAML library). */

/** "10.0.0.100:6443" -> its host (brackets dropped) and port. */
export function splitEndpoint(endpoint: string): { host: string; port: string } {
  const colon = endpoint.lastIndexOf(":");
  const host = endpoint.slice(0, colon);
  return { host: host.replace(/^\[(.*)\]$/, "$1"), port: endpoint.slice(colon + 1) };
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** kube-vip needs an address to hold, not a name. */
export function isIpAddress(host: string): boolean {
  return ipv4.test(host) || (host.includes(":") && /^[0-9a-fA-F:.]+$/.test(host));
}

/** kubeadm's default API server bind port (InitConfiguration.localAPIEndpoint.bindPort). */
export const kubeApiServerPort = "6443";

/** What the endpoint is, for one control plane or several, as the page explains the field. */
export function endpointDescription(state: {
  role: string;
  controlPlanes: string;
  loadBalancer: string;
}): string {
  if (state.controlPlanes === "1" || state.role === "worker")
    return `host:port of the control plane's API server, as workers reach it, e.g. 10.0.0.10:${kubeApiServerPort} or cp.example.com:${kubeApiServerPort}.`;
  return state.loadBalancer === "kube-vip"
    ? `The virtual IP kube-vip holds for the control planes, on port ${kubeApiServerPort}: a free address in their subnet, e.g. 10.0.0.100:${kubeApiServerPort}.`
    : `Your load balancer's host:port, forwarding to port ${kubeApiServerPort} on every control plane, e.g. k8s.example.com:${kubeApiServerPort}.`;
}
