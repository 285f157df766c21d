import type { ReactElement, ReactNode } from 'react';
import type { TableView } from '../../../preload/dynamodb';
import { Button } from '../../components/Button';
import { Chip } from '../../components/Chip';
import { CopyButton } from '../../components/CopyButton';
import { formatBytes, formatCount, formatTimestamp } from '../../lib/format';
import { statusTone } from './TableWorkspace';

function Row({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    <div className="details-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function KeyAttr({ name, type }: { name: string | undefined; type: string | undefined }): ReactElement {
  if (!name) return <span className="details-none">none</span>;
  return <span className="details-key"><code className="attr-name">{name}</code>{type ? <span className="type-badge">{type}</span> : null}</span>;
}

const Approx = (): ReactElement => <span className="details-approx" title="DynamoDB updates this about every six hours">approximate</span>;

function billing(t: TableView): string {
  if (t.billingMode === 'PAY_PER_REQUEST') return 'On-demand (pay per request)';
  return t.capacity ? `Provisioned · ${t.capacity.read} read / ${t.capacity.write} write units` : 'Provisioned';
}

/** Everything DescribeTable (and TTL, PITR, tags) says about the table; what the service could not read is noted discreetly. */
export function TableDetails({ table: t, onRefresh, refreshing }: { table: TableView; onRefresh: () => void; refreshing: boolean }): ReactElement {
  const tags = Object.entries(t.tags ?? {});
  return (
    <div className="table-details">
      <div className="details-toolbar">
        <Button size="sm" icon="refresh" onClick={onRefresh} busy={refreshing}>Refresh details</Button>
      </div>
      <div className="details-grid">
        <section className="card details-card" aria-labelledby="details-overview">
          <h3 id="details-overview" className="details-title">Overview</h3>
          <dl className="details-list">
            <Row label="Status"><Chip tone={statusTone(t.status)}>{t.status}</Chip></Row>
            <Row label="Partition key"><KeyAttr name={t.key.partition} type={t.attributeTypes[t.key.partition]} /></Row>
            <Row label="Sort key"><KeyAttr name={t.key.sort} type={t.key.sort ? t.attributeTypes[t.key.sort] : undefined} /></Row>
            <Row label="Item count">{formatCount(t.itemCount)} <Approx /></Row>
            <Row label="Table size">{formatBytes(t.sizeBytes)} <Approx /></Row>
            <Row label="Billing mode">{billing(t)}</Row>
            {t.createdAt ? <Row label="Created">{formatTimestamp(t.createdAt)}</Row> : null}
            {t.arn ? (
              <Row label="ARN">
                <span className="details-arn"><code>{t.arn}</code><CopyButton text={t.arn} iconOnly variant="ghost" ariaLabel="Copy table ARN" /></span>
              </Row>
            ) : null}
          </dl>
        </section>
        <section className="card details-card" aria-labelledby="details-settings">
          <h3 id="details-settings" className="details-title">Settings</h3>
          <dl className="details-list">
            <Row label="Time to live">
              {t.ttl ? <>{t.ttl.status}{t.ttl.attribute ? <> on <code className="attr-name">{t.ttl.attribute}</code></> : null}</> : <span className="details-none">not reported</span>}
            </Row>
            <Row label="Stream">{t.stream.enabled ? `Enabled${t.stream.viewType ? ` · ${t.stream.viewType}` : ''}` : 'Disabled'}</Row>
            <Row label="Point-in-time recovery">{t.pointInTimeRecovery ?? <span className="details-none">not reported</span>}</Row>
            <Row label="Deletion protection">{t.deletionProtection ? 'On' : 'Off'}</Row>
            <Row label="Attribute types">
              <span className="details-attrs">
                {Object.entries(t.attributeTypes).map(([name, type]) => <KeyAttr key={name} name={name} type={type} />)}
              </span>
            </Row>
            <Row label="Tags">
              {tags.length ? (
                <span className="details-tags" role="list" aria-label="Tags">
                  {tags.map(([k, v]) => <span key={k} role="listitem"><Chip><span className="chip-key">{k}</span>{v}</Chip></span>)}
                </span>
              ) : t.tags ? <span className="details-none">none</span> : <span className="details-none">not reported</span>}
            </Row>
          </dl>
        </section>
      </div>
      <section className="card details-card" aria-labelledby="details-indexes">
        <h3 id="details-indexes" className="details-title">Secondary indexes ({t.indexes.length})</h3>
        {t.indexes.length === 0 ? <p className="details-none details-pad">This table has no secondary indexes.</p> : (
          <div className="details-index-wrap">
            <table className="table details-index-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Partition key</th>
                  <th scope="col">Sort key</th>
                  <th scope="col">Projection</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">Items <Approx /></th>
                  <th scope="col" className="num">Size</th>
                  <th scope="col">Capacity</th>
                </tr>
              </thead>
              <tbody>
                {t.indexes.map((ix) => (
                  <tr key={ix.name}>
                    <td><code className="attr-name">{ix.name}</code></td>
                    <td><Chip tone={ix.kind === 'GSI' ? 'accent' : 'neutral'}>{ix.kind}</Chip></td>
                    <td><KeyAttr name={ix.key.partition} type={t.attributeTypes[ix.key.partition]} /></td>
                    <td><KeyAttr name={ix.key.sort} type={ix.key.sort ? t.attributeTypes[ix.key.sort] : undefined} /></td>
                    <td>
                      {ix.projection.type}
                      {ix.projection.attributes.length ? <span className="details-proj"> · {ix.projection.attributes.join(', ')}</span> : null}
                    </td>
                    <td>{ix.status ? <Chip tone={statusTone(ix.status)}>{ix.status}</Chip> : '—'}</td>
                    <td className="num">{ix.itemCount !== undefined ? formatCount(ix.itemCount) : '—'}</td>
                    <td className="num">{ix.sizeBytes !== undefined ? formatBytes(ix.sizeBytes) : '—'}</td>
                    <td>{ix.capacity ? `${ix.capacity.read} R / ${ix.capacity.write} W` : ix.kind === 'GSI' && t.billingMode === 'PAY_PER_REQUEST' ? 'on-demand' : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {t.unavailable.length ? (
        <details className="details-unavailable">
          <summary>{t.unavailable.length} {t.unavailable.length === 1 ? 'detail' : 'details'} not available here</summary>
          <ul>{t.unavailable.map((u) => <li key={u}>{u}</li>)}</ul>
        </details>
      ) : null}
    </div>
  );
}
