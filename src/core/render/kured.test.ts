import { describe, expect, it } from "vitest";
import { addonReleaseFor } from "../cluster/addon-releases";
import {
  kuredCommandPatch,
  kuredInstall,
  kuredInstallCommands,
  kuredPatchPath,
  kuredReleases,
  kuredStampPath,
  kuredWindow,
} from "./kured";

describe("kured releases per minor", () => {
  it.each([
    [27, "1.15.1"],
    [28, "1.16.2"],
    [29, "1.17.1"],
    [30, "1.17.1"],
    [31, "1.19.0"],
    [32, "1.20.0"],
    [33, "1.21.0"],
    [34, "1.22.1"],
    [35, "1.23.0"],
    [36, "1.23.0"],
    [37, "1.23.0"],
  ])("1.%i: kured %s", (minor, version) => {
    const choice = addonReleaseFor("kured", kuredReleases, `v1.${minor}.0`);
    expect(choice.release.version).toBe(version);
    expect(choice.note).toBeUndefined();
  });
});

describe("kuredWindow", () => {
  it.each([
    [
      "04:00",
      "1h30m",
      [
        "--reboot-days=sun,mon,tue,wed,thu,fri,sat",
        "--start-time=04:00",
        "--end-time=05:30:00",
        "--time-zone=UTC",
      ],
    ],
    [
      "Thu 04:00",
      "1h",
      ["--reboot-days=thu", "--start-time=04:00", "--end-time=05:00:00", "--time-zone=UTC"],
    ],
    // No day: kured's window wraps past midnight by itself.
    [
      "23:30",
      "2h",
      [
        "--reboot-days=sun,mon,tue,wed,thu,fri,sat",
        "--start-time=23:30",
        "--end-time=01:30:00",
        "--time-zone=UTC",
      ],
    ],
    [
      "sat 1:05",
      "90m",
      ["--reboot-days=sat", "--start-time=01:05", "--end-time=02:35:00", "--time-zone=UTC"],
    ],
  ])("%s for %s", (start, length, flags) => {
    expect(kuredWindow(start, length)).toEqual({ flags });
  });

  it("ends a window with a day at midnight, and says so", () => {
    expect(kuredWindow("Fri 23:00", "2h")).toEqual({
      flags: ["--reboot-days=fri", "--start-time=23:00", "--end-time=23:59:59", "--time-zone=UTC"],
      note: "kured checks the day of each moment, so the window Fri 23:00 for 2h ends at midnight: fri 23:00–23:59:59 UTC.",
    });
  });

  it("sets no window when none is given, or when it is always open", () => {
    expect(kuredWindow("", "")).toBeUndefined();
    expect(kuredWindow("04:00", "24h")).toBeUndefined();
  });
});

describe("kuredInstall", () => {
  it("applies the pinned manifest once, then sets the command: sentinel and window", () => {
    const install = kuredInstall({
      kubernetesVersion: "v1.37.0",
      windowStart: "Thu 04:00",
      windowLength: "1h",
    });
    expect(install.url).toBe(
      "https://github.com/kubereboot/kured/releases/download/1.23.0/kured-1.23.0-combined.yaml",
    );
    expect(install.unit).toContain(`ConditionPathExists=!${kuredStampPath}`);
    const steps = install.unit.split("\n").filter((line) => line.startsWith("ExecStart="));
    expect(steps).toEqual([
      `ExecStart=/usr/bin/kubectl --kubeconfig /etc/kubernetes/admin.conf apply -f ${install.url}`,
      `ExecStart=/usr/bin/kubectl --kubeconfig /etc/kubernetes/admin.conf --namespace kube-system patch daemonset kured --type json --patch-file ${kuredPatchPath}`,
    ]);
    expect(install.files.map((file) => file.path)).toEqual([kuredPatchPath]);
    expect(JSON.parse(install.files[0]?.contents ?? "")).toEqual([
      {
        op: "replace",
        path: "/spec/template/spec/containers/0/command",
        value: [
          "/usr/bin/kured",
          "--reboot-sentinel=/sentinel/reboot-required",
          "--reboot-days=thu",
          "--start-time=04:00",
          "--end-time=05:00:00",
          "--time-zone=UTC",
        ],
      },
    ]);
    expect(install.notes).toEqual([]);
  });

  it("keeps kured's own sentinel when no window is set", () => {
    expect(kuredCommandPatch(undefined)).toEqual([
      {
        op: "replace",
        path: "/spec/template/spec/containers/0/command",
        value: ["/usr/bin/kured", "--reboot-sentinel=/sentinel/reboot-required"],
      },
    ]);
  });

  it("says when the minor is newer than every kured release known", () => {
    expect(
      kuredInstall({ kubernetesVersion: "v1.38.0", windowStart: "", windowLength: "" }).notes,
    ).toEqual([
      "No kured release known to this wizard lists Kubernetes 1.38 as supported: kured 1.23.0 (tested with 1.35–1.37) is used.",
    ]);
  });
});

describe("kuredInstallCommands", () => {
  it("gives the same manifest and window to run by hand", () => {
    expect(
      kuredInstallCommands({
        kubernetesVersion: "v1.36.2",
        windowStart: "04:00",
        windowLength: "1h",
      }),
    ).toBe(
      "kubectl apply -f https://github.com/kubereboot/kured/releases/download/1.23.0/kured-1.23.0-combined.yaml\n" +
        `kubectl --namespace kube-system patch daemonset kured --type json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/command","value":["/usr/bin/kured","--reboot-sentinel=/sentinel/reboot-required","--reboot-days=sun,mon,tue,wed,thu,fri,sat","--start-time=04:00","--end-time=05:00:00","--time-zone=UTC"]}]'\n`,
    );
    expect(
      kuredInstallCommands({ kubernetesVersion: "v1.33.2", windowStart: "", windowLength: "" }),
    ).toBe(
      "kubectl apply -f https://github.com/kubereboot/kured/releases/download/1.21.0/kured-1.21.0-combined.yaml\n",
    );
  });
});
