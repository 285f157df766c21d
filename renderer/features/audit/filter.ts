import type { AuditRecordView } from '../../../preload/contract';
import { roleNameOf } from '../apps/parse';

export type StatusFilter = '' | '2xx' | '4xx' | '5xx' | 'refused' | 'errors';

export interface AuditFilters {
  app: string;
  role: string;
  service: string;
  action: string;
  status: StatusFilter;
}

export const NO_FILTERS: AuditFilters = { app: '', role: '', service: '', action: '', status: '' };

export function matchesStatus(r: AuditRecordView, status: StatusFilter): boolean {
  switch (status) {
    case '':
      return true;
    case '2xx':
      return r.status >= 200 && r.status < 300;
    case '4xx':
      return r.status >= 400 && r.status < 500;
    case '5xx':
      return r.status >= 500;
    case 'refused':
      return r.decision === 'refused';
    case 'errors':
      return r.status >= 400 || r.decision === 'refused';
  }
}

export function applyFilters(records: readonly AuditRecordView[], f: AuditFilters): AuditRecordView[] {
  const action = f.action.trim().toLowerCase();
  return records.filter((r) => (!f.app || r.app === f.app)
    && (!f.role || roleNameOf(r.roleArn) === f.role)
    && (!f.service || (r.service ?? '') === f.service)
    && (!action || (r.action ?? '').toLowerCase().includes(action) || (r.table ?? '').toLowerCase().includes(action))
    && matchesStatus(r, f.status));
}

/** Distinct non-empty values, sorted, for a filter's options. */
export function distinct(records: readonly AuditRecordView[], pick: (r: AuditRecordView) => string | undefined): string[] {
  return [...new Set(records.map(pick).filter((v): v is string => Boolean(v)))].sort((a, b) => a.localeCompare(b));
}

export function recordKey(r: AuditRecordView): string {
  return `${r.time}|${r.localKeyId ?? ''}|${r.action ?? ''}|${r.status}|${r.latencyMs}|${r.bytesIn}|${r.bytesOut}|${r.table ?? ''}`;
}

export function toJsonLines(records: readonly AuditRecordView[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
}
