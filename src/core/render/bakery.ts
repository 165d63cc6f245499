import type { Architecture } from "../values/architecture";
import { extensionImageFileName, imageFileName, imageMatchPattern } from "../version";
import { mirrorBase } from "../values/download-sources";

/**
 * Names, URLs and file texts of the Flatcar sysext bakery's Kubernetes extension.
 * Texts are byte for byte what the bakery publishes (lib/sysupdate.conf.tmpl rendered by
 * lib/generate.sh, and the noop transfer from its docs).
 */

export const bakeryHub = "https://extensions.flatcar.org/extensions";

/** The bakery's download host, or the person's mirror of it ("" for none): the same paths below either. */
export function bakeryBase(mirror: string): string {
  return mirror === "" ? bakeryHub : mirrorBase(mirror);
}

/**
 * An extension image's path below the base. Through a mirror it sits in the extension's folder,
 * beside the SHA256SUMS systemd-sysupdate reads, so one copy serves Ignition and sysupdate; the
 * bakery's host serves that path too (its Caddyfile's @raw rule skips the folder).
 */
export function sysextImagePath(imageName: string, extension: string, mirror: string): string {
  return mirror === "" ? imageName : `${extension}/${imageName}`;
}

/** Where Ignition downloads an extension's image on first boot (and sysupdate keeps its instances). */
export const sysextDirectory = (extension: string) => `/opt/extensions/${extension}`;
/** The symlink systemd-sysext merges; its name must match the image's extension-release file. */
export const sysextSymlink = (extension: string) => `/etc/extensions/${extension}.raw`;

export function sysextImageUrl(
  extension: string,
  version: string,
  arch: Architecture,
  mirror = "",
): string {
  const name = extensionImageFileName(extension, version, arch);
  return `${bakeryBase(mirror)}/${sysextImagePath(name, extension, mirror)}`;
}

export const extensionsDirectory = sysextDirectory("kubernetes");
export const extensionSymlink = sysextSymlink("kubernetes");

export function rawImageUrl(version: string, arch: Architecture, mirror = ""): string {
  const path = sysextImagePath(imageFileName(version, arch), transferSourceFolder, mirror);
  return `${bakeryBase(mirror)}/${path}`;
}

/** "kubernetes-v1.32.conf": the transfer pinned to one minor, so updates never cross minors. */
export function transferFileName(minor: string): string {
  return `kubernetes-${minor}.conf`;
}

export function transferFilePath(minor: string): string {
  return `/etc/sysupdate.kubernetes.d/${transferFileName(minor)}`;
}

/** The folder below the base that the transfer lists and downloads from, and where its file is. */
export const transferSourceFolder = "kubernetes";

/** The listing systemd-sysupdate reads in a url-file source's folder (it appends it to Path=). */
export const listingFileName = "SHA256SUMS";
export const transferListingPath = `${transferSourceFolder}/${listingFileName}`;

/** The transfer file's path below the base. */
export function transferFileHostPath(minor: string): string {
  return `${transferSourceFolder}/${transferFileName(minor)}`;
}

export function transferFileUrl(minor: string, mirror = ""): string {
  return `${bakeryBase(mirror)}/${transferFileHostPath(minor)}`;
}

/** The folder the transfer lists (its SHA256SUMS) and downloads from. */
export function transferSourceUrl(mirror: string): string {
  return `${bakeryBase(mirror)}/${transferSourceFolder}/`;
}

/** The pinned transfer: `@v` captures only the patch number; `%a` is expanded on the host. */
export function transferFileText(minor: string, mirror = ""): string {
  return `[Transfer]
Verify=false

[Source]
Type=url-file
Path=${transferSourceUrl(mirror)}
MatchPattern=${imageMatchPattern(minor)}

[Target]
InstancesMax=3
Type=regular-file
Path=${extensionsDirectory}
CurrentSymlink=${extensionSymlink}
`;
}

export const noopFileName = "noop.conf";
export const noopFilePath = "/etc/sysupdate.d/noop.conf";
export const noopFileUrl = (mirror = "") => `${bakeryBase(mirror)}/${noopFileName}`;

/** A transfer that never matches, so the plain systemd-sysupdate run does not fail with "No transfer definitions found." */
export const noopFileText = `[Source]
Type=regular-file
Path=/
MatchPattern=invalid@v.raw
[Target]
Type=regular-file
Path=/
`;

/** The systemd-sysupdate.service drop-in: update the kubernetes component, flag a reboot when the image changed. */
export const sysupdateDropinText = `[Service]
ExecStartPre=/usr/bin/sh -c "readlink --canonicalize /etc/extensions/kubernetes.raw > /tmp/kubernetes"
ExecStartPre=/usr/lib/systemd/systemd-sysupdate -C kubernetes update
ExecStartPost=/usr/bin/sh -c "readlink --canonicalize /etc/extensions/kubernetes.raw > /tmp/kubernetes-new"
ExecStartPost=/usr/bin/sh -c "if ! cmp --silent /tmp/kubernetes /tmp/kubernetes-new; then touch /run/reboot-required; fi"
`;
