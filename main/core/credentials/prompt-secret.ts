import { AirlockError } from '../errors';

/** Asks for a secret; resolves with what was typed. */
export type SecretPrompt = (question: string) => Promise<string>;

/**
 * Reads a line from the terminal without echoing it. Raw mode lets us see each key, so nothing
 * typed reaches the screen, scrollback or a terminal recording.
 */
export function promptSecretFromTty(
  question: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) {
    return Promise.reject(new AirlockError('NOT_A_TTY', 'cannot ask for a passphrase: stdin is not a terminal'));
  }
  return new Promise((resolvePrompt, reject) => {
    let typed = '';
    const wasRaw = input.isRaw;
    const finish = (err: Error | null): void => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolvePrompt(typed);
    };
    const onData = (chunk: Buffer | string): void => {
      // A paste arrives as one chunk: walk every character.
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(null);
        if (ch === '\u0003') return finish(new AirlockError('CANCELLED', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    output.write(question);
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}
