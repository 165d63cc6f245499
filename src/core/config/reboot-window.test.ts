import { describe, expect, it } from "vitest";
import { isWindowLength, isWindowStart } from "./reboot-window";

describe("reboot window", () => {
  it.each(["04:00", "4:00", "23:59", "Thu 04:00", "thu 23:00", "SUN 0:30"])(
    "accepts start %s",
    (start) => {
      expect(isWindowStart(start)).toBe(true);
    },
  );
  it.each([
    "24:00",
    "04:60",
    "Thursday 04:00",
    "Thu",
    "04:00 Thu",
    "Thu  04:00",
    "4",
    "04:00\nX=1",
  ])("refuses start %j", (start) => expect(isWindowStart(start)).toBe(false));
  it.each(["1h", "30m", "1h30m", "90s", "1.5h", "2h0m0s"])("accepts length %s", (length) => {
    expect(isWindowLength(length)).toBe(true);
  });
  it.each(["0h", "0", "1", "1d", "h", "1h 30m", "-1h", ""])("refuses length %j", (length) => {
    expect(isWindowLength(length)).toBe(false);
  });
});
