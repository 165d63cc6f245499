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
