/**
 * Time-to-live settings per table, which dynalite does not keep. With a data directory they live
 * in a small JSON file inside it (so removing the directory resets everything); else in memory.
 * Each setting remembers its table's creation time: a table deleted and created again under the
 * same name starts with TTL disabled, as in DynamoDB.
 * The emulator only records the setting: it never deletes expired items.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isObject } from './wire';

export const TTL_FILE = 'airlock-ttl.json';

interface TtlEntry {
  attributeName: string;
  /** The table's CreationDateTime (ms). */
  tableCreated: number;
}

function parseEntries(text: string): Record<string, TtlEntry> {
  const data: unknown = JSON.parse(text);
  const out: Record<string, TtlEntry> = {};
  if (!isObject(data)) return out;
  for (const [table, e] of Object.entries(data)) {
    if (isObject(e) && typeof e.attributeName === 'string' && typeof e.tableCreated === 'number') {
      out[table] = { attributeName: e.attributeName, tableCreated: e.tableCreated };
    }
  }
  return out;
}

export class TtlStore {
  private entries: Promise<Record<string, TtlEntry>> | undefined;

  /** `dataDir`: dynalite's LevelDB directory, or undefined for in-memory. */
  constructor(private readonly dataDir: string | undefined) {}

  private get file(): string | undefined {
    return this.dataDir === undefined ? undefined : join(this.dataDir, TTL_FILE);
  }

  private load(): Promise<Record<string, TtlEntry>> {
    this.entries ??= (async () => {
      const file = this.file;
      if (file === undefined) return {};
      try {
        return parseEntries(await readFile(file, 'utf8'));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
        throw err;
      }
    })();
    return this.entries;
  }

  /** The TTL attribute of the table created at `tableCreated`, or undefined when TTL is disabled. */
  async get(table: string, tableCreated: number): Promise<string | undefined> {
    const e = (await this.load())[table];
    return e && e.tableCreated === tableCreated ? e.attributeName : undefined;
  }

  /** Callers serialise set() (the embedded server's write lock), so writes never interleave. */
  async set(table: string, tableCreated: number, attributeName: string | undefined): Promise<void> {
    const entries = await this.load();
    if (attributeName === undefined) delete entries[table];
    else entries[table] = { attributeName, tableCreated };
    const file = this.file;
    if (file === undefined) return;
    await mkdir(dirname(file), { recursive: true });
    // Write then rename: a crash leaves the old file or the new one, never half of one.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(entries, null, 2)}\n`);
    await rename(tmp, file);
  }
}
