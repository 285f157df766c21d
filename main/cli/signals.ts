/** Exit status of a process ended by a signal, as shells report it. */
const SIGNAL_STATUS: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * A library's exit hook (when-exit, under conf's atomic writes) answers the first signal by
 * sending the process the same signal again: that echo arrives within milliseconds and is not the
 * user asking twice.
 */
const ECHO_MS = 500;

/**
 * Resolves on the first SIGINT or SIGTERM, for commands that run until the user stops them. It
 * stays the signals' listener while the command cleans up (stops its proxies, flushes the audit
 * log, hands over the Local DynamoDB): with no listener left, the echoed signal would kill the
 * process halfway. A second signal from the user ends the process at once.
 */
export function untilStopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    let first = 0;
    const again = (signal: 'SIGINT' | 'SIGTERM'): void => {
      if (Date.now() - first < ECHO_MS) return;
      process.exit(SIGNAL_STATUS[signal]);
    };
    const stop = (): void => {
      first = Date.now();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.on('SIGINT', again);
      process.on('SIGTERM', again);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Passes SIGINT and SIGTERM on to a child (`airlock aws`), once per signal (not the echo); the
 * returned function stops it.
 */
export function forwardSignals(child: { kill(signal: NodeJS.Signals): boolean }): () => void {
  const last: Partial<Record<NodeJS.Signals, number>> = {};
  const forward = (signal: NodeJS.Signals): void => {
    const now = Date.now();
    if (now - (last[signal] ?? 0) < ECHO_MS) return;
    last[signal] = now;
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return () => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  };
}
