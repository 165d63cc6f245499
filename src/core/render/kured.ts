import { addonReleaseFor, type AddonRelease } from "../cluster/addon-releases";
import { addonDirectory, addonUnit } from "../cluster/addon-unit";
import { mirroredUrl } from "../values/download-sources";

/**
 * kured, the Kubernetes reboot daemon, runs in the cluster as a DaemonSet and drains and reboots
 * one node at a time when the sentinel file appears. Its released manifest
 * (kured-<version>-combined.yaml: kured-rbac.yaml + kured-ds.yaml) mounts the host's /var/run
 * at /sentinel and watches /sentinel/reboot-required: on Flatcar /var/run is /run, so that is
 * /run/reboot-required, the file the sysupdate drop-in touches.
 */

/*
 * Releases, newest first. kured states its compatibility in each release's notes: "The daemon
 * image contains a 0.N.x k8s.io/{client-go,kubectl} … this should work on 1.(N-1).x, 1.N.x and
 * 1.(N+1).x". client-go versions read from each tag's go.mod (github.com/kubereboot/kured).
 */
export const kuredReleases: readonly AddonRelease[] = [
  // client-go v0.36.2, tagged 2026-06-30.
  { version: "1.23.0", minMinor: 35, maxMinor: 37, source: releaseNotes("1.23.0") },
  // client-go v0.35.4.
  { version: "1.22.1", minMinor: 34, maxMinor: 36, source: releaseNotes("1.22.1") },
  // client-go v0.34.3.
  { version: "1.21.0", minMinor: 33, maxMinor: 35, source: releaseNotes("1.21.0") },
  // client-go v0.33.4 ("should work on 1.32.x, 1.33.x and 1.34.x").
  { version: "1.20.0", minMinor: 32, maxMinor: 34, source: releaseNotes("1.20.0") },
  // client-go v0.32.8.
  { version: "1.19.0", minMinor: 31, maxMinor: 33, source: releaseNotes("1.19.0") },
  // client-go v0.30.10.
  { version: "1.17.1", minMinor: 29, maxMinor: 31, source: releaseNotes("1.17.1") },
  // client-go v0.29.9.
  { version: "1.16.2", minMinor: 28, maxMinor: 30, source: releaseNotes("1.16.2") },
  // client-go v0.28.8.
  { version: "1.15.1", minMinor: 27, maxMinor: 29, source: releaseNotes("1.15.1") },
];

function releaseNotes(version: string): string {
  return `https://github.com/kubereboot/kured/releases/tag/${version}`;
}

export function kuredManifestUrl(version: string): string {
  return `https://github.com/kubereboot/kured/releases/download/${version}/kured-${version}-combined.yaml`;
}

export const kuredUnitName = "install-kured.service";
export const kuredStampPath = "/var/lib/install-kured/applied";
export const kuredPatchPath = `${addonDirectory}/kured-command-patch.json`;
export const kuredDocsUrl = "https://kured.dev/docs/installation/";

const dayPattern = /^(sun|mon|tue|wed|thu|fri|sat) /i;
const days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const unitSeconds: Record<string, number> = {
  h: 3600,
  m: 60,
  s: 1,
  ms: 1e-3,
  us: 1e-6,
  µs: 1e-6,
  ns: 1e-9,
};

/** Seconds in a Go duration ("1h30m", "1.5h"); the window's own validation ran first. */
function durationSeconds(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g)) {
    total += Number(amount) * (unitSeconds[unit as string] ?? 0);
  }
  return Math.floor(total);
}

function clock(seconds: number): string {
  const within = ((seconds % 86400) + 86400) % 86400;
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(Math.floor(within / 3600))}:${pad(Math.floor((within % 3600) / 60))}:${pad(within % 60)}`;
}

export interface KuredWindow {
  /** kured's flags: --reboot-days, --start-time, --end-time, --time-zone. */
  flags: string[];
  /** Set when the window had to change to fit kured's model. */
  note?: string;
}

/**
 * locksmithd's window ("Thu 04:00" for "1h30m") as kured's flags. Both run on the node's clock,
 * which is UTC on Flatcar unless changed: kured is told UTC. kured checks the day of the moment
 * itself (pkg/timewindow), so a window with a day that runs past midnight ends at midnight.
 * Undefined when no window is set, or when it is always open.
 */
export function kuredWindow(start: string, length: string): KuredWindow | undefined {
  if (start === "" || length === "") return undefined;
  const day = dayPattern.exec(start)?.[1]?.toLowerCase();
  const time = start.replace(dayPattern, "");
  const [hours = "0", minutes = "0"] = time.split(":");
  const startSeconds = Number(hours) * 3600 + Number(minutes) * 60;
  const lengthSeconds = durationSeconds(length);
  if (!day && lengthSeconds >= 86400) return undefined;
  const endSeconds = startSeconds + lengthSeconds;
  const crossesMidnight = endSeconds > 86400 - 1;
  const startText = clock(startSeconds).slice(0, 5);
  if (day && crossesMidnight) {
    return {
      flags: [
        `--reboot-days=${day}`,
        `--start-time=${startText}`,
        "--end-time=23:59:59",
        "--time-zone=UTC",
      ],
      note: `kured checks the day of each moment, so the window ${start} for ${length} ends at midnight: ${day} ${startText}–23:59:59 UTC.`,
    };
  }
  return {
    flags: [
      `--reboot-days=${day ?? days.join(",")}`,
      `--start-time=${startText}`,
      `--end-time=${clock(endSeconds)}`,
      "--time-zone=UTC",
    ],
  };
}

/**
 * kured's command in every pinned release's kured-ds.yaml: the sentinel is the host's
 * /var/run/reboot-required (= /run/reboot-required on Flatcar), mounted at /sentinel.
 */
export const kuredCommand = ["/usr/bin/kured", "--reboot-sentinel=/sentinel/reboot-required"];

/**
 * A JSON patch that sets kured's whole command (container 0): the sentinel and the window's
 * flags. Replacing the list, never appending, gives the same DaemonSet however often it runs.
 */
export function kuredCommandPatch(window: KuredWindow | undefined): Record<string, unknown>[] {
  return [
    {
      op: "replace",
      path: "/spec/template/spec/containers/0/command",
      value: [...kuredCommand, ...(window?.flags ?? [])],
    },
  ];
}

export interface KuredInstall {
  version: string;
  url: string;
  /** The command patch the unit applies. */
  files: { path: string; contents: string }[];
  /** kubectl's arguments for each step the unit runs with the admin kubeconfig (an upgrade reruns them). */
  steps: string[];
  unit: string;
  notes: string[];
}

/** What kured's install reads from the choices. */
export interface KuredChoices {
  kubernetesVersion: string;
  windowStart: string;
  windowLength: string;
  /** The person's mirror (none when absent or ""): the manifest comes from it. */
  mirror?: string;
}

/** Whether the zero-touch control plane installs kured (its unit and manifest), by the choices. */
export function installsKured(state: { reboot: string; kuredInstall: string }): boolean {
  return state.reboot === "kured" && state.kuredInstall === "cluster";
}

/** kured's release for the Kubernetes version, and the image its manifest runs. */
export function kuredRelease(kubernetesVersion: string): AddonRelease {
  return addonReleaseFor("kured", kuredReleases, kubernetesVersion).release;
}

/** The image kured-<version>-combined.yaml runs (kured-ds.yaml at each tag). */
export const kuredImage = (version: string) => `ghcr.io/kubereboot/kured:${version}`;

/** The control plane's once-only install of kured: the pinned manifest, then the window. */
export function kuredInstall({
  kubernetesVersion,
  windowStart,
  windowLength,
  mirror = "",
}: KuredChoices): KuredInstall {
  const { release, note } = addonReleaseFor("kured", kuredReleases, kubernetesVersion);
  const url = mirroredUrl(kuredManifestUrl(release.version), mirror);
  const window = kuredWindow(windowStart, windowLength);
  const steps = [
    `apply -f ${url}`,
    `--namespace kube-system patch daemonset kured --type json --patch-file ${kuredPatchPath}`,
  ];
  return {
    version: release.version,
    url,
    files: [
      {
        path: kuredPatchPath,
        contents: `${JSON.stringify(kuredCommandPatch(window), null, 2)}\n`,
      },
    ],
    steps,
    unit: addonUnit(
      `Install kured ${release.version} once kubeadm init has finished`,
      kuredStampPath,
      steps,
    ),
    notes: [note, window?.note].filter((text): text is string => text !== undefined),
  };
}

/** What a person runs to install kured themselves (the same manifest and window). */
export function kuredInstallCommands({
  kubernetesVersion,
  windowStart,
  windowLength,
  mirror = "",
}: KuredChoices): string {
  const release = kuredRelease(kubernetesVersion);
  const window = kuredWindow(windowStart, windowLength);
  const lines = [`kubectl apply -f ${mirroredUrl(kuredManifestUrl(release.version), mirror)}`];
  if (window) {
    // The flags are validated shapes (days, times, UTC): nothing in them needs shell quoting
    // beyond the single quotes around the JSON.
    lines.push(
      `kubectl --namespace kube-system patch daemonset kured --type json -p '${JSON.stringify(kuredCommandPatch(window))}'`,
    );
  }
  return `${lines.join("\n")}\n`;
}
