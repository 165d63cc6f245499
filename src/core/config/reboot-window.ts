/**
 * locksmithd's reboot window: a start ("04:00" or "Thu 04:00", short day names in any case,
 * 24-hour time) and a length in Go's time.ParseDuration syntax ("1h30m"). Both or neither.
 */

const startPattern = /^((sun|mon|tue|wed|thu|fri|sat) )?([01]?\d|2[0-3]):[0-5]\d$/i;
const durationPattern = /^(\d+(\.\d+)?(h|m|s|ms|us|µs|ns))+$/;

export const windowStartRule = "a time like 04:00 or a short day and time like Thu 04:00 (24-hour)";
export const windowLengthRule = "a duration like 1h, 30m or 1h30m";

export function isWindowStart(value: string): boolean {
  return startPattern.test(value);
}

export function isWindowLength(value: string): boolean {
  if (!durationPattern.test(value)) return false;
  // A zero-length window never opens.
  return /[1-9]/.test(value);
}
