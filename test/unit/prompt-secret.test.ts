import { describe, it, expect } from 'vitest';
import { PassThrough } from 'node:stream';
import { promptSecretFromTty } from '../../main/core/credentials/prompt-secret';

/** A stand-in terminal: records raw-mode switches and everything written to it. */
function fakeTty(isTTY = true) {
  const input = Object.assign(new PassThrough(), { isTTY, isRaw: false, rawModes: [] as boolean[] }) as PassThrough & {
    isTTY: boolean; isRaw: boolean; rawModes: boolean[]; setRawMode(m: boolean): unknown;
  };
  input.setRawMode = (m: boolean) => { input.rawModes.push(m); input.isRaw = m; return input; };
  let written = '';
  const output = Object.assign(new PassThrough(), { write: (s: string) => ((written += s), true) });
  return { input, output, written: () => written };
}

describe('promptSecretFromTty', () => {
  it('reads a line without echoing it, handling backspace, and restores the terminal', async () => {
    const tty = fakeTty();
    const answer = promptSecretFromTty('Passphrase: ', tty.input as unknown as NodeJS.ReadStream, tty.output as unknown as NodeJS.WriteStream);
    tty.input.write('hunter3\u007f2');
    tty.input.write('\rignored');
    expect(await answer).toBe('hunter2');
    expect(tty.written()).toBe('Passphrase: \n');
    expect(tty.input.rawModes).toEqual([true, false]);
  });

  it('rejects on Ctrl-C and when stdin is not a terminal', async () => {
    const tty = fakeTty();
    const answer = promptSecretFromTty('P: ', tty.input as unknown as NodeJS.ReadStream, tty.output as unknown as NodeJS.WriteStream);
    tty.input.write('abc\u0003');
    await expect(answer).rejects.toMatchObject({ code: 'CANCELLED' });
    const pipe = fakeTty(false);
    await expect(promptSecretFromTty('P: ', pipe.input as unknown as NodeJS.ReadStream, pipe.output as unknown as NodeJS.WriteStream))
      .rejects.toMatchObject({ code: 'NOT_A_TTY' });
  });
});
