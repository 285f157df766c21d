import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { AuditRecordView } from '../../../preload/contract';
import { call, on } from '../../api';
import type { ApiError } from '../../api';
import { Button } from '../../components/Button';
import { Chip } from '../../components/Chip';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toast';
import { toApiError } from '../../lib/errors';
import { formatBytes, formatTimestamp } from '../../lib/format';
import { roleNameOf } from '../apps/parse';
import { applyFilters, distinct, NO_FILTERS, recordKey, toJsonLines } from './filter';
import type { AuditFilters, StatusFilter } from './filter';

const LIMIT = 1000;

const formatLatency = (ms: number): string => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;

function StatusChip({ r }: { r: AuditRecordView }): ReactElement {
  const tone = r.decision === 'refused' || r.status >= 500 ? 'danger' : r.status >= 400 ? 'warning' : 'success';
  const why = [r.errorCode, r.reason].filter(Boolean).join(': ');
  return (
    <span className="status-cell" title={why || r.decision}>
      <Chip tone={tone}>{r.status}</Chip>
      {r.decision !== 'forwarded' ? <span className="status-decision">{r.decision}</span> : r.errorCode ? <span className="status-decision">{r.errorCode}</span> : null}
    </span>
  );
}

export function AuditView(): ReactElement {
  const [records, setRecords] = useState<AuditRecordView[]>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const toast = useToast();
  const seen = useRef(new Set<string>());
  const ids = { app: useId(), role: useId(), service: useId(), action: useId(), status: useId() };

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const list = await call('audit.query', { limit: LIMIT });
      // Records that arrived live while the query ran are kept (deduplicated by content).
      setRecords((old) => {
        const byKey = new Map<string, AuditRecordView>();
        for (const r of list) byKey.set(recordKey(r), r);
        for (const r of old ?? []) byKey.set(recordKey(r), r);
        const merged = [...byKey.values()].sort((a, b) => a.time.localeCompare(b.time));
        seen.current = new Set(byKey.keys());
        return merged.slice(-LIMIT);
      });
      setError(undefined);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
    return on('proxy.record', ({ record }) => {
      const key = recordKey(record);
      if (seen.current.has(key)) return;
      seen.current.add(key);
      setRecords((old) => [...(old ?? []), record].slice(-LIMIT));
      setFresh((s) => new Set(s).add(key));
    });
  }, [load]);

  const all = records ?? [];
  const shown = useMemo(() => applyFilters(all, filters).reverse(), [all, filters]);
  const options = useMemo(() => ({
    app: distinct(all, (r) => r.app),
    role: distinct(all, (r) => roleNameOf(r.roleArn)),
    service: distinct(all, (r) => r.service),
  }), [all]);
  const filtered = Object.values(filters).some(Boolean);
  const set = <K extends keyof AuditFilters>(k: K, value: AuditFilters[K]): void => setFilters((f) => ({ ...f, [k]: value }));

  const exportJsonl = (): void => {
    const blob = new Blob([toJsonLines([...shown].reverse())], { type: 'application/x-ndjson' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    a.href = url;
    a.download = `airlock-audit-${stamp}.jsonl`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    toast.success(`Exported ${shown.length} ${shown.length === 1 ? 'record' : 'records'}`, a.download);
  };

  return (
    <>
      <PageHeader
        title="Audit"
        description="Every request through Airlock's proxies. Signatures and secrets are never recorded."
        actions={(
          <>
            <Button icon="refresh" onClick={() => void load()} busy={loading && records !== undefined}>Refresh</Button>
            <Button icon="download" onClick={exportJsonl} disabled={shown.length === 0}>Export</Button>
          </>
        )}
      />
      <form className="filters" role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <div className="filter">
          <label htmlFor={ids.app}>App</label>
          <select id={ids.app} className="input select" value={filters.app} onChange={(e) => set('app', e.target.value)}>
            <option value="">All apps</option>
            {options.app.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </div>
        <div className="filter">
          <label htmlFor={ids.role}>Role</label>
          <select id={ids.role} className="input select" value={filters.role} onChange={(e) => set('role', e.target.value)}>
            <option value="">All roles</option>
            {options.role.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </div>
        <div className="filter">
          <label htmlFor={ids.service}>Service</label>
          <select id={ids.service} className="input select" value={filters.service} onChange={(e) => set('service', e.target.value)}>
            <option value="">All services</option>
            {options.service.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </div>
        <div className="filter filter-grow">
          <label htmlFor={ids.action}>Action</label>
          <input id={ids.action} className="input" type="search" placeholder="e.g. PutItem or a table" value={filters.action} onChange={(e) => set('action', e.target.value)} />
        </div>
        <div className="filter">
          <label htmlFor={ids.status}>Status</label>
          <select id={ids.status} className="input select" value={filters.status} onChange={(e) => set('status', e.target.value as StatusFilter)}>
            <option value="">Any status</option>
            <option value="2xx">Success (2xx)</option>
            <option value="4xx">Client error (4xx)</option>
            <option value="5xx">Server error (5xx)</option>
            <option value="errors">Any error</option>
            <option value="refused">Refused by Airlock</option>
          </select>
        </div>
        <div className="filter filter-end">
          <Button size="md" variant="ghost" icon="x" onClick={() => setFilters(NO_FILTERS)} disabled={!filtered}>Clear</Button>
        </div>
      </form>

      {error ? <ErrorNotice error={error} title="Could not read the audit log" action={<Button size="sm" icon="refresh" onClick={() => void load()}>Try again</Button>} /> : null}

      {records === undefined && !error ? (
        <div className="loading-block" role="status"><Spinner size={18} /> Reading the audit log…</div>
      ) : records && records.length === 0 ? (
        <EmptyState icon="audit" title="No requests recorded yet">
          <p>
            Requests appear here as soon as a tool uses one of your proxies: the app and role, the AWS service and
            action, the table, the status and how long it took. New requests are added live.
          </p>
        </EmptyState>
      ) : records ? (
        <>
          <p className="table-caption" aria-live="polite">
            {filtered ? `${shown.length} of ${all.length} requests` : `${all.length} ${all.length === 1 ? 'request' : 'requests'}`}, newest first
          </p>
          <div className="table-wrap">
            <table className="table" aria-label="Audit log">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">App</th>
                  <th scope="col">Role</th>
                  <th scope="col">Service</th>
                  <th scope="col">Action</th>
                  <th scope="col">Table</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">Latency</th>
                </tr>
              </thead>
              <tbody>
                {shown.length === 0 ? (
                  <tr><td colSpan={8} className="table-empty"><Icon name="search" size={14} /> No request matches these filters.</td></tr>
                ) : shown.map((r) => {
                  const key = recordKey(r);
                  return (
                    <tr key={key} className={fresh.has(key) ? 'is-fresh' : undefined}>
                      <td className="mono nowrap"><time dateTime={r.time} title={r.time}>{formatTimestamp(r.time)}</time></td>
                      <td>{r.app}</td>
                      <td title={r.roleArn}>{roleNameOf(r.roleArn) || '—'}</td>
                      <td>{r.service ?? '—'}</td>
                      <td className="mono" title={r.method && r.host ? `${r.method} ${r.host}` : undefined}>{r.action ?? '—'}</td>
                      <td className="mono">{r.table ?? '—'}</td>
                      <td><StatusChip r={r} /></td>
                      <td className="num mono nowrap" title={`${formatBytes(r.bytesIn)} in · ${formatBytes(r.bytesOut)} out`}>{formatLatency(r.latencyMs)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}
