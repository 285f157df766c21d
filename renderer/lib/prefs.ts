import { useSyncExternalStore } from 'react';

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

const KEY = 'airlock.defaultDuration';
const listeners = new Set<() => void>();

function read(): number {
  try {
    const n = Number(localStorage.getItem(KEY));
    return DURATIONS.some((d) => d.seconds === n) ? n : 3600;
  } catch {
    return 3600;
  }
}

let current = read();

export function defaultDuration(): number {
  return current;
}

export function setDefaultDuration(seconds: number): void {
  current = seconds;
  try {
    localStorage.setItem(KEY, String(seconds));
  } catch {
    // not persisted in private mode
  }
  listeners.forEach((l) => l());
}

export function useDefaultDuration(): number {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, () => current);
}
