import type { WizardState } from "../config/wizard-state";

/** Where Flatcar's update settings live on the node. */
export const updateConfPath = "/etc/flatcar/update.conf";

/**
 * The update.conf file: read by update-engine (GROUP, SERVER) and, as a systemd
 * EnvironmentFile, by locksmithd (REBOOT_STRATEGY, the reboot window). Values are validated
 * before they get here; one with a space is quoted, as EnvironmentFile requires.
 * Returns null when nothing needs setting (the image's defaults apply).
 */
export function updateConfText(state: WizardState): string | null {
  const lines: string[] = [];
  if (state.channel === "off") {
    // An invalid server stops downloads while update-engine still marks a booted partition good.
    lines.push("SERVER=disabled");
  } else if (state.channel !== "") {
    lines.push(`GROUP=${state.channel}`);
  }
  if (state.reboot === "locksmithd") {
    lines.push(`REBOOT_STRATEGY=${state.rebootStrategy}`);
    if (state.windowStart !== "" && state.windowLength !== "") {
      lines.push(`LOCKSMITHD_REBOOT_WINDOW_START=${environmentValue(state.windowStart)}`);
      lines.push(`LOCKSMITHD_REBOOT_WINDOW_LENGTH=${environmentValue(state.windowLength)}`);
    }
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : null;
}

function environmentValue(value: string): string {
  return /\s/.test(value) ? `"${value}"` : value;
}
