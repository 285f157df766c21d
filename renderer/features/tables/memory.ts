/**
 * The user's work per table, kept in memory for the life of the window: the query builder's draft
 * (never lost when switching tables or views) and the last results of the most recent tables.
 */
import type { Draft } from './builder';

const drafts = new Map<string, Draft>();
const results = new Map<string, unknown>();
const KEEP_RESULTS = 4;

export const memoryKey = (app: string, region: string, table: string): string => JSON.stringify([app, region, table]);

export function loadDraft(key: string): Draft | undefined {
  return drafts.get(key);
}

export function saveDraft(key: string, draft: Draft): void {
  drafts.set(key, draft);
}

export function loadResults<T>(key: string): T | undefined {
  return results.get(key) as T | undefined;
}

/** Keeps the results of the last few tables only: a large result is many megabytes. */
export function saveResults<T>(key: string, value: T): void {
  results.delete(key);
  results.set(key, value);
  while (results.size > KEEP_RESULTS) {
    const oldest = results.keys().next().value;
    if (oldest === undefined) break;
    results.delete(oldest);
  }
}

export function forgetTable(key: string): void {
  drafts.delete(key);
  results.delete(key);
}

/** PartiQL editor text per app. */
const statements = new Map<string, string>();
export const loadStatement = (app: string): string | undefined => statements.get(app);
export const saveStatement = (app: string, text: string): void => void statements.set(app, text);
