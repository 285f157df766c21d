// Lines of a (possibly huge) file, one at a time: the file is pulled chunk by chunk, never held whole.
import { createReadStream } from 'node:fs';

export interface Line {
  /** 1-based. */
  number: number;
  text: string;
  /** Bytes of the file consumed up to the end of this line. */
  bytes: number;
  /** Longer than the limit: `text` is empty and the line is to be rejected. */
  tooLong: boolean;
}

const NEWLINE = 0x0a;
/** Well above any DynamoDB item (400 KB) in JSON; a bound so a file without newlines cannot fill memory. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export async function* readLines(path: string, maxBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let tooLong = false;
  let number = 0;
  let bytes = 0;
  const finish = (): Line => {
    let text = tooLong ? '' : Buffer.concat(parts, partBytes).toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (number === 0 && text.startsWith('\ufeff')) text = text.slice(1);
    const line = { number: ++number, text, bytes, tooLong };
    parts = [];
    partBytes = 0;
    tooLong = false;
    return line;
  };
  const take = (piece: Buffer): void => {
    if (tooLong) return;
    if (partBytes + piece.length > maxBytes) {
      tooLong = true;
      parts = [];
      partBytes = 0;
      return;
    }
    parts.push(piece);
    partBytes += piece.length;
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
      take(chunk.subarray(start, at));
      bytes += at + 1 - start;
      start = at + 1;
      yield finish();
    }
    // The rest is copied: a subarray would pin the whole chunk while the line goes on.
    if (start < chunk.length) take(Buffer.from(chunk.subarray(start)));
    bytes += chunk.length - start;
  }
  if (partBytes > 0 || tooLong) yield finish();
}
