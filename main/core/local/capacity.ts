/** ReturnConsumedCapacity for operations that touch several tables (transactions, PartiQL batches). */
import type { JsonObject } from './wire';

export const CAPACITY = ['INDEXES', 'TOTAL', 'NONE'] as const;
export type CapacityMode = typeof CAPACITY[number];

/** Capacity units one request used on one table (as dynalite reported them). */
export interface TableUse {
  table: string;
  units: number;
}

/** `ConsumedCapacity`, one entry per table, when asked for; `factor` 2 for transactions, which cost double. */
export function capacityReport(mode: string | undefined, used: TableUse[], factor = 1): JsonObject {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return {};
  const byTable = new Map<string, number>();
  for (const { table, units } of used) byTable.set(table, (byTable.get(table) ?? 0) + units);
  return {
    ConsumedCapacity: [...byTable].map(([TableName, units]) => ({
      TableName,
      CapacityUnits: units * factor,
      ...(mode === 'INDEXES' ? { Table: { CapacityUnits: units * factor } } : {}),
    })),
  };
}
