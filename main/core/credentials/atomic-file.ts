import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const RENAME_RETRIES = 5;

/** Creates the folder (and missing parents) owner-only; an existing folder is left as it is. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

/**
 * Replaces `path` with `data` so a reader or a crash sees the old file or the new one, never
 * half of one: temp file in the same folder (same filesystem), created with `mode`, fsynced,
 * then renamed over the target.
 */
export async function writeFileAtomic(path: string, data: Buffer, mode = 0o600): Promise<void> {
  const dir = dirname(path);
  await ensurePrivateDir(dir);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx': never follow or reuse something already at the temp name.
    const fh = await open(temp, 'wx', mode);
    try {
      await fh.writeFile(data);
      await fh.chmod(mode); // exactly `mode`, whatever the umask
      await fh.sync();
    } finally {
      await fh.close();
    }
    await renameWithRetry(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDir(dir);
}

// Windows refuses a rename while another process briefly has the target open: retry a little.
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await rename(from, to);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt >= RENAME_RETRIES || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw err;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

// Makes the rename itself durable. Not possible on Windows (directories cannot be opened): skip.
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the data itself is already synced.
  } finally {
    await fh.close();
  }
}
