import { afterEach, describe, expect, it, vi } from 'vitest';
import { forwardSignals, untilStopSignal } from '../../main/cli/signals';

/** Signals are emitted in-process (process.emit), so the listeners run without a real signal. */
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  // What the code under test left listening (untilStopSignal keeps listening until the process exits).
  for (const s of SIGNALS) for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.off(s, l);
});

const emit = (signal: 'SIGINT' | 'SIGTERM'): void => {
  process.emit(signal, signal);
};

describe('untilStopSignal', () => {
  it('resolves on the first signal, ignores its echo while cleaning up, and exits on a second one from the user', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const stopped = untilStopSignal();
    emit('SIGTERM');
    await stopped;
    emit('SIGTERM'); // the echo a library's exit hook sends at once
    expect(exit).not.toHaveBeenCalled();
    vi.setSystemTime(Date.now() + 2_000);
    emit('SIGINT');
    expect(exit).toHaveBeenCalledWith(130);
  });
});

describe('forwardSignals', () => {
  it('passes each signal on once (not its echo), again later, and stops when told', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const sent: string[] = [];
    const stop = forwardSignals({ kill: (s) => sent.push(s) > 0 });
    emit('SIGINT');
    emit('SIGINT');
    emit('SIGTERM');
    expect(sent).toEqual(['SIGINT', 'SIGTERM']);
    vi.setSystemTime(Date.now() + 2_000);
    emit('SIGINT');
    expect(sent).toEqual(['SIGINT', 'SIGTERM', 'SIGINT']);
    stop();
    vi.setSystemTime(Date.now() + 2_000);
    emit('SIGINT');
    expect(sent).toHaveLength(3);
  });
});
