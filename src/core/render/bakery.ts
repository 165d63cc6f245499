import {
  extensionImageFileName,
  imageFileName,
  imageMatchPattern,
  type Architecture,
} from "../version";

/**
 * Names, URLs and file texts of the Flatcar sysext bakery's Kubernetes extension.
 * Texts are byte for byte what the bakery publishes (lib/sysupdate.conf.tmpl rendered by
 * lib/generate.sh, and the noop transfer from its docs).
 */

export const bakeryHub = "https://extensions.flatcar.org/extensions";

/** Where Ignition downloads an extension's image on first boot (and sysupdate keeps its instances). */
export const sysextDirectory = (extension: string) => `/opt/extensions/${extension}`;
/** The symlink systemd-sysext merges; its name must match the image's extension-release file. */
export const sysextSymlink = (extension: string) => `/etc/extensions/${extension}.raw`;

export function sysextImageUrl(extension: string, version: string, arch: Architecture): string {
  return `${bakeryHub}/${extensionImageFileName(extension, version, arch)}`;
}

export const extensionsDirectory = sysextDirectory("kubernetes");
export const extensionSymlink = sysextSymlink("kubernetes");

export function rawImageUrl(version: string, arch: Architecture): string {
  return `${bakeryHub}/${imageFileName(version, arch)}`;
}

/** "kubernetes-v1.32.conf": the transfer pinned to one minor, so updates never cross minors. */
export function transferFileName(minor: string): string {
  return `kubernetes-${minor}.conf`;
}

export function transferFilePath(minor: string): string {
  return `/etc/sysupdate.kubernetes.d/${transferFileName(minor)}`;
}

export function transferFileUrl(minor: string): string {
  return `${bakeryHub}/kubernetes/${transferFileName(minor)}`;
}

/** The pinned transfer: `@v` captures only the patch number; `%a` is expanded on the host. */
export function transferFileText(minor: string): string {
  return `[Transfer]
Verify=false

[Source]
Type=url-file
Path=${bakeryHub}/kubernetes/
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
export const noopFileUrl = `${bakeryHub}/noop.conf`;

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
