// A file written through a stream that honours backpressure, and the no-overwrite publish of a finished file.
import { once } from 'node:events';
import { access, link, open, rename, rm } from 'node:fs/promises';
import type { WriteStream } from 'node:fs';
import { AirlockError } from '../errors';

export function fileExists(path: string): AirlockError {
  return new AirlockError('FILE_EXISTS', `${path} already exists`, 'choose another file name, or move the existing file away');
}

function code(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (err) {
    if (code(err) === 'ENOENT') return false;
    throw err;
  }
}

export class FileSink {
  bytes: number;
  private error: Error | undefined;
  private closing: Promise<void> | undefined;

  private constructor(private readonly stream: WriteStream, startBytes: number) {
    this.bytes = startBytes;
    stream.on('error', (err) => {
      this.error ??= err;
    });
  }

  /** 'wx' creates (and fails with FILE_EXISTS when the file is there); 'a' appends to an existing file. */
  static async open(path: string, mode: 'wx' | 'a'): Promise<FileSink> {
    let handle;
    try {
      handle = await open(path, mode === 'a' ? 'r+' : 'wx');
    } catch (err) {
      if (code(err) === 'EEXIST') throw fileExists(path);
      throw err;
    }
    try {
      // 'r+' rather than 'a': the file must already exist (appending to a new empty file would lose the earlier part).
      const { size } = await handle.stat();
      return new FileSink(handle.createWriteStream({ start: size }), size);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /** Resolves once the stream can take more: callers await it, so memory stays flat however much is written. */
  async write(text: string): Promise<void> {
    if (this.error) throw this.error;
    this.bytes += Buffer.byteLength(text);
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve, reject) => {
      const settle = (): void => (this.error ? reject(this.error) : resolve());
      if (this.stream.closed) return settle();
      this.stream.once('close', settle);
      this.stream.end();
    });
    return this.closing;
  }
}

/** Moves a finished `partial` to `path` without ever replacing a file that appeared at `path` meanwhile. */
export async function publish(partial: string, path: string): Promise<void> {
  try {
    // A hard link fails with EEXIST instead of replacing: the atomic no-overwrite move.
    await link(partial, path);
  } catch (err) {
    if (code(err) === 'EEXIST') throw fileExists(path);
    // Some file systems (FAT, some network shares) have no hard links: check, then rename.
    if (await exists(path)) throw fileExists(path);
    await rename(partial, path);
    return;
  }
  await rm(partial, { force: true });
}

export async function removeFiles(...paths: string[]): Promise<void> {
  await Promise.all(paths.map((p) => rm(p, { force: true })));
}
