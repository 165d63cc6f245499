import { describe, expect, it } from "vitest";
import { defaultWizardState, type WizardState } from "../config/wizard-state";
import { updateConfText } from "./update-conf";

const state = (changes: Partial<WizardState>) => ({ ...defaultWizardState("v1.32.2"), ...changes });

describe("updateConfText", () => {
  it("is absent with kured and the image's channel", () => {
    expect(updateConfText(state({}))).toBeNull();
  });

  it("sets the channel, or disables OS updates", () => {
    expect(updateConfText(state({ channel: "beta" }))).toBe("GROUP=beta\n");
    expect(updateConfText(state({ channel: "off" }))).toBe("SERVER=disabled\n");
  });

  it("sets locksmithd's strategy and window, quoting a start with a day", () => {
    expect(updateConfText(state({ reboot: "locksmithd", rebootStrategy: "etcd-lock" }))).toBe(
      "REBOOT_STRATEGY=etcd-lock\n",
    );
    expect(
      updateConfText(
        state({
          reboot: "locksmithd",
          channel: "lts",
          windowStart: "Thu 04:00",
          windowLength: "1h30m",
        }),
      ),
    ).toBe(
      'GROUP=lts\nREBOOT_STRATEGY=reboot\nLOCKSMITHD_REBOOT_WINDOW_START="Thu 04:00"\nLOCKSMITHD_REBOOT_WINDOW_LENGTH=1h30m\n',
    );
  });

  it("ignores locksmithd settings when kured coordinates reboots", () => {
    expect(
      updateConfText(state({ rebootStrategy: "off", windowStart: "04:00", windowLength: "1h" })),
    ).toBeNull();
  });
});
