import { useRef, useState } from 'react';
import type { Item } from '../../../preload/dynamodb';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { toApiError } from '../../lib/errors';
import { mergeColumns, orderColumns } from './columns';
import { loadResults, saveResults } from './memory';
import type { Column } from './columns';
import { statementTable } from './partiql';
import { describeTable } from './useTableView';
import { itemId } from './values';
import type { KeyNames } from './values';

export interface PartiqlResults {
  statement: string;
  items: Item[];
  ids: string[];
  columns: Column[];
  nextToken?: string;
  capacity?: number;
  elapsedMs: number;
  requests: number;
  table?: string;
  keyNames?: KeyNames;
}

export interface PartiqlOptions {
  limit?: number | undefined;
  consistent: boolean;
}

/**
 * Runs PartiQL statements (partiql.execute) and keeps their rows; "next" continues with the
 * nextToken. Rows of a statement on one table get that table's key columns and identities.
 */
export function usePartiql(app: string, region: string, memKey: string, onRan: () => void): {
  results: PartiqlResults | undefined;
  error: ApiError | undefined;
  running: 'run' | 'next' | undefined;
  execute(statement: string, options: PartiqlOptions, prev?: PartiqlResults): Promise<void>;
} {
  // The last results come back when the user returns to the tab (kept in memory, like the statement).
  const [results, setResultsState] = useState<PartiqlResults | undefined>(() => loadResults<PartiqlResults>(memKey));
  const setResults = (r: PartiqlResults): void => {
    setResultsState(r);
    saveResults(memKey, r);
  };
  const [error, setError] = useState<ApiError>();
  const [running, setRunning] = useState<'run' | 'next'>();
  const gen = useRef(0);
  const regionArg = region ? { region } : {};

  const execute = async (statement: string, options: PartiqlOptions, prev?: PartiqlResults): Promise<void> => {
    const nextToken = prev?.nextToken;
    const mine = ++gen.current;
    setRunning(nextToken ? 'next' : 'run');
    setError(undefined);
    try {
      const res = await call('partiql.execute', {
        app, ...regionArg, statement,
        ...(nextToken ? { nextToken } : {}),
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        ...(options.consistent ? { consistent: true } : {}),
      });
      if (mine !== gen.current) return;
      const tableName = prev?.table ?? statementTable(statement);
      let keyNames = prev?.keyNames;
      if (!prev && tableName) {
        try {
          const t = await describeTable(app, region, tableName);
          keyNames = { partition: t.key.partition, ...(t.key.sort ? { sort: t.key.sort } : {}) };
        } catch {
          // Without the key the rows are still shown, only not editable.
        }
        if (mine !== gen.current) return;
      }
      const base: PartiqlResults = prev ?? {
        statement, items: [], ids: [], elapsedMs: 0, requests: 0,
        columns: orderColumns({ partition: keyNames?.partition, sort: keyNames?.sort }, []),
        ...(tableName ? { table: tableName } : {}),
        ...(keyNames ? { keyNames } : {}),
      };
      const seen = new Set(base.ids);
      const ids = res.items.map((it, i) => {
        const id = (keyNames ? itemId(it, keyNames) : undefined) ?? `#${base.items.length + i}`;
        return seen.has(id) ? `${id}#${base.items.length + i}` : id;
      });
      setResults({
        ...base,
        items: [...base.items, ...res.items],
        ids: [...base.ids, ...ids],
        columns: mergeColumns(base.columns, res.items),
        nextToken: res.nextToken,
        elapsedMs: base.elapsedMs + res.elapsedMs,
        requests: base.requests + 1,
        ...(res.consumedCapacity !== undefined ? { capacity: (base.capacity ?? 0) + res.consumedCapacity } : {}),
      });
      if (!nextToken) onRan();
    } catch (err) {
      if (mine === gen.current) setError(toApiError(err));
    } finally {
      if (mine === gen.current) setRunning(undefined);
    }
  };

  return { results, error, running, execute };
}
