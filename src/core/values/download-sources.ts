import { z } from "../zod-mini";

/**
 * Where nodes download from when the person runs their own mirror (an http(s) base URL laid out
 * as the bakery's download host) and their own registry (container images). Empty: upstream.
 */

const hostPart = String.raw`(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])`;
const portPart = String.raw`(?::(?:[1-9]\d{0,4}))?`;
/** Path segments a shell word, a unit line and a TOML string carry as they are. */
const pathPart = String.raw`(?:/[A-Za-z0-9._~%+-]+)*`;

const mirrorPattern = new RegExp(`^https?://${hostPart}${portPart}${pathPart}/?$`);
const registryPattern = new RegExp(
  `^(?:https?://)?${hostPart}${portPart}(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$`,
);

const portInRange = (value: string) => {
  const port = /^[^/]*\/\/[^/]*?:(\d+)|^[^/:]*:(\d+)/.exec(value);
  const digits = port?.[1] ?? port?.[2];
  return digits === undefined || Number(digits) <= 65535;
};

export const mirrorRule =
  "an http:// or https:// address without ?query, #fragment or user name, e.g. https://mirror.example.com/flatcar";
export const mirrorSchema = z
  .string()
  .check(z.refine((value) => mirrorPattern.test(value) && portInRange(value), mirrorRule));

export const registryRule =
  "a registry host with an optional port and path, e.g. registry.example.com:5000 or registry.example.com/mirror (http:// in front for one without TLS)";
export const registrySchema = z
  .string()
  .check(z.refine((value) => registryPattern.test(value) && portInRange(value), registryRule));

/** The mirror's base without a trailing slash: paths below it are joined with one "/". */
export function mirrorBase(mirror: string): string {
  return mirror.replace(/\/+$/, "");
}

/**
 * Where an upstream file sits below a mirror: `<host>/<path>` (the layout `wget
 * --force-directories` makes), so one mirror holds files from several hosts without two ever
 * sharing a path. The bakery's own files are placed by bakery.ts instead, at the paths its
 * download host uses.
 */
export function mirrorPath(upstream: string): string {
  const match = /^https?:\/\/([^/]+)\/(.*)$/.exec(upstream);
  if (!match) throw new Error(`not an http(s) URL with a path: ${upstream}`);
  return `${match[1] ?? ""}/${match[2] ?? ""}`;
}

/** Where a node fetches an upstream file from: unchanged without a mirror. */
export function mirroredUrl(upstream: string, mirror: string): string {
  return mirror === "" ? upstream : `${mirrorBase(mirror)}/${mirrorPath(upstream)}`;
}

/** The registry's address without a scheme: what image references start with. */
export function registryAddress(registry: string): string {
  return registry.replace(/^https?:\/\//, "").replace(/\/+$/, "");
}

/** The registry's host[:port]: the folder name containerd looks up for it. */
export function registryHost(registry: string): string {
  return registryAddress(registry).split("/")[0] ?? "";
}

/** TLS unless the person wrote http:// in front. */
export function registryScheme(registry: string): "http" | "https" {
  return registry.startsWith("http://") ? "http" : "https";
}

/**
 * An upstream image as the registry holds it: below the registry under the upstream's own
 * host, so `registry.k8s.io/pause:3.10` is `<registry>/registry.k8s.io/pause:3.10` and images of
 * two upstreams never share a name (the layout `skopeo copy` into `<registry>/<image>` makes).
 */
export function mirroredImage(image: string, registry: string): string {
  return registry === "" ? image : `${registryAddress(registry)}/${image}`;
}

/** The upstream registry of a fully qualified image reference ("quay.io/tigera/operator:v1" → quay.io). */
export function imageRegistry(image: string): string {
  return image.split("/")[0] ?? "";
}

/**
 * An image reference with its registry, as containerd resolves it: a first part without a
 * "." or ":" (and not localhost) is a Docker Hub name, one part alone an official image
 * ("nginx" → docker.io/library/nginx).
 */
export function qualifiedImage(image: string): string {
  const parts = image.split("/");
  const first = parts[0] ?? "";
  if (parts.length > 1 && (/[.:]/.test(first) || first === "localhost")) return image;
  return parts.length === 1 ? `docker.io/library/${image}` : `docker.io/${image}`;
}

/** The image references a manifest names (`image: …` lines). */
export function manifestImages(text: string): string[] {
  const images = new Set<string>();
  for (const match of text.matchAll(/^\s*(?:-\s+)?image:\s*["']?([^\s"'#]+)/gm)) {
    images.add(qualifiedImage(match[1] as string));
  }
  return [...images];
}
