import { randomUUID } from 'node:crypto';
import Conf from 'conf';
import { z } from 'zod';
import type { ReadSpec} from '../../../preload/dynamodb';
import { HistoryEntry, SavedQuery } from '../../../preload/dynamodb';

const HISTORY_PER_TABLE = 25;

const QueriesSchema = z.object({
  saved: z.array(SavedQuery),
  /** "app/table" → recent reads; "app" → recent PartiQL statements. Newest first. */
  history: z.record(z.string(), z.array(HistoryEntry)),
});
type QueriesData = z.infer<typeof QueriesSchema>;

/**
 * Saved queries and recent history, in AIRLOCK_HOME/queries.json (kept apart from config.json:
 * history changes on every read). Shared by every host, like the rest of the config.
 */
export class QueryStore {
  private readonly conf: Conf<QueriesData>;

  constructor(home: string) {
    this.conf = new Conf<QueriesData>({
      cwd: home,
      configName: 'queries',
      projectName: 'airlock',
      defaults: { saved: [], history: {} },
      configFileMode: 0o600,
      clearInvalidConfig: false,
    });
  }

  list(filter: { app?: string; table?: string } = {}): SavedQuery[] {
    return this.saved().filter((q) => (!filter.app || q.app === filter.app) && (!filter.table || q.spec.table === filter.table))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  save(q: { id?: string; name: string; app: string; region?: string; spec: ReadSpec }): SavedQuery {
    const entry = SavedQuery.parse({ ...q, id: q.id ?? randomUUID(), savedAt: new Date().toISOString() });
    this.conf.set('saved', [...this.saved().filter((s) => s.id !== entry.id), entry]);
    return entry;
  }

  remove(id: string): boolean {
    const before = this.saved();
    const after = before.filter((q) => q.id !== id);
    if (after.length !== before.length) this.conf.set('saved', after);
    return after.length !== before.length;
  }

  history(app: string, table?: string): HistoryEntry[] {
    return this.historyMap()[table ? `${app}/${table}` : app] ?? [];
  }

  /** Remembers a read (or a PartiQL statement); the same one again moves to the top instead of repeating. */
  record(app: string, entry: { spec: ReadSpec } | { statement: string }): void {
    const key = 'spec' in entry ? `${app}/${entry.spec.table}` : app;
    const body = 'spec' in entry ? JSON.stringify(entry.spec) : entry.statement;
    const map = this.historyMap();
    const list = (map[key] ?? []).filter((h) => (h.spec ? JSON.stringify(h.spec) : h.statement) !== body);
    map[key] = [{ at: new Date().toISOString(), ...entry }, ...list].slice(0, HISTORY_PER_TABLE);
    this.conf.set('history', map);
  }

  /** A file edited by hand may not parse: a bad entry is dropped from view, never trusted. */
  private saved(): SavedQuery[] {
    return this.conf.get('saved').filter((q) => SavedQuery.safeParse(q).success);
  }

  private historyMap(): Record<string, HistoryEntry[]> {
    const parsed = QueriesSchema.shape.history.safeParse(this.conf.get('history'));
    return parsed.success ? parsed.data : {};
  }
}
