import type { ReactElement } from 'react';
import { formatCount } from '../../lib/format';
import { efficiency, formatCapacity, formatMs, stoppedText } from './results';
import type { Results } from './results';

function Stat({ label, value, title }: { label: string; value: string; title?: string }): ReactElement {
  return (
    <div className="read-stat" title={title}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** What the reads cost and found: rows loaded, Count/ScannedCount (last read and totals), efficiency, capacity, time, why it stopped. */
export function ReadStats({ results: r }: { results: Results }): ReactElement {
  const last = r.last;
  const t = r.totals;
  return (
    <section className="read-stats" aria-label="Read statistics">
      <dl className="read-stat-list">
        <Stat label="Loaded" value={`${formatCount(r.items.length)} ${r.items.length === 1 ? 'item' : 'items'}`} />
        {last ? <Stat label="Last read" value={`${formatCount(last.count)} of ${formatCount(last.scannedCount)} scanned`} title="Count / ScannedCount of the last read" /> : null}
        {r.reads > 1 ? <Stat label="All reads" value={`${formatCount(t.count)} of ${formatCount(t.scannedCount)} scanned`} title="Count / ScannedCount of every read since Run" /> : null}
        <Stat label="Efficiency" value={efficiency(t.count, t.scannedCount)} title="Items that matched / items read (Count / ScannedCount)" />
        <Stat label="Capacity" value={formatCapacity(t.consumedCapacity)} title="Read capacity units consumed by every request since Run" />
        <Stat label="Time" value={formatMs(t.elapsedMs)} />
      </dl>
      {last ? <p className={`read-stopped stopped-${last.stoppedBy}`}>{stoppedText(r)}</p> : null}
      {r.pages.length ? (
        <details className="read-pages">
          <summary>{r.pages.length} {r.pages.length === 1 ? 'request' : 'requests'}</summary>
          <table className="table read-pages-table">
            <thead>
              <tr>
                <th scope="col" className="num">#</th>
                <th scope="col" className="num">Read</th>
                <th scope="col" className="num">Count</th>
                <th scope="col" className="num">Scanned</th>
                <th scope="col" className="num">Capacity</th>
                <th scope="col" className="num">Time</th>
              </tr>
            </thead>
            <tbody>
              {r.pages.slice(-500).map((p, i, shown) => (
                <tr key={i}>
                  <td className="num">{r.pages.length - shown.length + i + 1}</td>
                  <td className="num">{p.read}</td>
                  <td className="num">{formatCount(p.count)}</td>
                  <td className="num">{formatCount(p.scannedCount)}</td>
                  <td className="num">{p.consumedCapacity !== undefined ? p.consumedCapacity : '—'}</td>
                  <td className="num">{formatMs(p.ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}
