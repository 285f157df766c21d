import { formatDurationLabel } from './format';
import { settings, useSettings } from './settings';

/** Session durations offered everywhere (seconds); STS allows 15 minutes to 12 hours. */
export const DURATIONS: ReadonlyArray<{ seconds: number; label: string }> = [
  { seconds: 900, label: '15 minutes' },
  { seconds: 1800, label: '30 minutes' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 7200, label: '2 hours' },
  { seconds: 14_400, label: '4 hours' },
  { seconds: 28_800, label: '8 hours' },
  { seconds: 43_200, label: '12 hours' },
];

/** The offered durations, plus `seconds` if it is another one (a preference set elsewhere). */
export function durationOptions(seconds: number): ReadonlyArray<{ seconds: number; label: string }> {
  if (DURATIONS.some((d) => d.seconds === seconds)) return DURATIONS;
  return [...DURATIONS, { seconds, label: formatDurationLabel(seconds) }].sort((a, b) => a.seconds - b.seconds);
}

/** The default session duration preference (seconds). */
export function defaultDuration(): number {
  return settings().defaultDurationSeconds;
}

export function useDefaultDuration(): number {
  return useSettings().defaultDurationSeconds;
}
