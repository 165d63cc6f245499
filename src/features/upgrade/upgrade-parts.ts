import { UpgradeOutput } from "./upgrade-output";
import { UpgradeSource } from "./upgrade-source";
import { UpgradeTargetField } from "./upgrade-target-field";

/**
 * What the page loads when "Upgrade a cluster" is chosen (upgrade-panel.tsx), as one import:
 * one chunk, where one for each would split the page's shared modules into more, heavier chunks.
 */
export const upgradeParts = { UpgradeOutput, UpgradeSource, UpgradeTargetField };
