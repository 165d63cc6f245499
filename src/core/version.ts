// The functions alone, not the whole package (ranges, comparators): a smaller first load.
import parseSemver from "semver/functions/parse";
import rcompareSemver from "semver/functions/rcompare";
import type SemVer from "semver/classes/semver";
import { architectures, type Architecture } from "./values/architecture";

/**
 * Kubernetes versions and the bakery's names built from them, in one place: every parse,
 * comparison, "minor of" and image or tag name goes through here, on `semver`.
 * Spellings: a version is "v1.32.2", a minor "v1.32"; upstream's schedule writes a minor "1.32".
 */

/** The text a version is written as: "v" and major.minor.patch, nothing after. */
export const kubernetesVersionPattern = /^v\d+\.\d+\.\d+$/;

/** A release's own version: "v1.32.2", never "1.32.2", "v1.32" or "v1.32.2-rc.1". */
export function isKubernetesVersion(text: string): boolean {
  const parsed = parseSemver(text);
  return parsed !== null && text === `v${parsed.major}.${parsed.minor}.${parsed.patch}`;
}

/**
 * A version or a minor, with or without "v" ("v1.32.2", "1.32.2", "v1.32", "1.32"), as
 * semver (a minor as its .0), or null when it is neither.
 */
function parseVersionOrMinor(text: string): SemVer | null {
  const bare = text.trim().replace(/^v/, "");
  const parsed = parseSemver(bare) ?? parseSemver(`${bare}.0`);
  return parsed !== null && parsed.prerelease.length === 0 && parsed.build.length === 0
    ? parsed
    : null;
}

function parseOrThrow(text: string): SemVer {
  const parsed = parseVersionOrMinor(text);
  if (!parsed) throw new Error(`not a Kubernetes version: "${text}" (e.g. v1.32.2 or v1.32)`);
  return parsed;
}

/** The minor series of a version: "v1.32.2" (or "v1.32", "1.32") -> "v1.32". */
export function minorOf(version: string): string {
  const parsed = parseOrThrow(version);
  return `v${parsed.major}.${parsed.minor}`;
}

/** A minor as upstream's release schedule writes it: "v1.32.2" or "v1.32" -> "1.32". */
export function scheduleMinorOf(version: string): string {
  return minorOf(version).slice(1);
}

/** The number of a Kubernetes 1.x minor: "v1.32.2", "v1.32" or "1.32" -> 32; throws on 2.x. */
export function minorNumber(version: string): number {
  const parsed = parseOrThrow(version);
  if (parsed.major !== 1) {
    throw new Error(`not a Kubernetes 1.x version: "${version}" (e.g. v1.32.2 or v1.32)`);
  }
  return parsed.minor;
}

/** Sort order, newest first; takes versions and minors alike (a minor as its .0). */
export function newestFirst(a: string, b: string): number {
  return rcompareSemver(parseOrThrow(a), parseOrThrow(b));
}

/** Sort order, oldest first; takes versions and minors alike (a minor as its .0). */
export function oldestFirst(a: string, b: string): number {
  return -newestFirst(a, b);
}

/** Is this a minor as the page writes it ("v1.32"), not a whole version? */
export function isMinor(text: string): boolean {
  return text.startsWith("v") && text.split(".").length === 2 && parseVersionOrMinor(text) !== null;
}

/** The bakery's name of the Kubernetes extension: its tags, images and sysupdate files start so. */
const extensionPrefix = "kubernetes-";

/** The suffix of every sysext image the bakery publishes (and of the files a listing covers). */
export const imageFileSuffix = ".raw";

/** Is this file an extension image (what a folder's SHA256SUMS lists), not a listing or a transfer? */
export const isExtensionImage = (name: string) => name.endsWith(imageFileSuffix);

/** "cilium-v0.19.6-arm64.raw": the bakery's image of one release of any of its extensions. */
export function extensionImageFileName(extension: string, version: string, arch: string): string {
  return `${extension}-${version}-${arch}${imageFileSuffix}`;
}

/** The bakery's name for one Kubernetes sysext image; `version` and `arch` may be sysupdate patterns. */
function imageName(version: string, arch: string): string {
  return extensionImageFileName(extensionPrefix.slice(0, -1), version, arch);
}

/** "kubernetes-v1.32.2-x86-64.raw": the image the bakery publishes for a version and architecture. */
export function imageFileName(version: string, arch: Architecture): string {
  return imageName(version, arch);
}

/**
 * The pattern systemd-sysupdate matches a minor's images with: "@v" stands for the rest of the
 * version and "%a" for the machine's architecture, as the bakery's sysupdate.conf.tmpl writes it.
 */
export function imageMatchPattern(minor: string): string {
  return imageName(`${minor}.@v`, "%a");
}

/** "kubernetes-v1.32.2-arm64.raw" -> its version and architecture; null for any other name. */
export function parseImageFileName(name: string): { version: string; arch: Architecture } | null {
  for (const arch of architectures) {
    const suffix = `-${arch}${imageFileSuffix}`;
    if (!name.startsWith(extensionPrefix) || !name.endsWith(suffix)) continue;
    const version = name.slice(extensionPrefix.length, -suffix.length);
    if (isKubernetesVersion(version)) return { version, arch };
  }
  return null;
}

/** The bakery's release tag for a version: "kubernetes-v1.32.2". */
export function releaseTag(version: string): string {
  return `${extensionPrefix}${version}`;
}

/** "kubernetes-v1.32.2" -> "v1.32.2"; null for other extensions' tags (k3s-v1.32.2+k3s1, …). */
export function versionOfReleaseTag(tag: string): string | null {
  if (!tag.startsWith(extensionPrefix)) return null;
  const version = tag.slice(extensionPrefix.length);
  return isKubernetesVersion(version) ? version : null;
}
