import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import type { ProxyView } from '../../../preload/contract';
import { Button } from '../../components/Button';
import { Chip } from '../../components/Chip';
import { CopyButton } from '../../components/CopyButton';
import { Icon } from '../../components/Icon';
import { Tabs } from '../../components/Tabs';
import { useNow } from '../../lib/clock';
import { formatCount, formatSince } from '../../lib/format';
import { ENV_SHELL_LABELS, ENV_SHELLS, maskSecrets } from './env-format';
import type { EnvShell } from './env-format';


function Since({ iso }: { iso: string }): ReactElement {
  const now = useNow();
  return <time dateTime={iso} title={new Date(iso).toLocaleString()}>{formatSince(iso, now)}</time>;
}

export function ProxyPanel({ proxy, onStop, stopping }: { proxy: ProxyView; onStop: () => void; stopping: boolean }): ReactElement {
  const [shell, setShell] = useState<EnvShell>('sh');
  const [reveal, setReveal] = useState(false);
  const titleId = useId();
  const text = proxy.envText[shell];
  const shown = reveal ? text : maskSecrets(text, proxy.env);
  const stats: Array<[string, number, string]> = [
    ['Requests', proxy.stats.requests, 'all requests the proxy received'],
    ['Forwarded', proxy.stats.forwarded, 'verified, re-signed and sent to AWS'],
    ['Refused', proxy.stats.refused, 'bad signature or not allowed'],
    ['Tunneled', proxy.stats.tunneled, 'passed through unsigned to allowed hosts'],
  ];
  return (
    <section className="card proxy-card" aria-labelledby={titleId}>
      <header className="proxy-head">
        <div className="proxy-title-row">
          <span className="live-dot" aria-hidden="true" />
          <h2 id={titleId} className="card-title">Proxy for {proxy.app}</h2>
          <Chip tone="accent">{proxy.mode === 'forward' ? 'Forward · HTTPS_PROXY' : 'Endpoint · AWS_ENDPOINT_URL'}</Chip>
        </div>
        <p className="proxy-sub">
          <span className="mono">{proxy.url}</span>
          <span aria-hidden="true">·</span>
          <span>started <Since iso={proxy.startedAt} /></span>
        </p>
        <Button size="sm" variant="danger-soft" icon="stop" onClick={onStop} busy={stopping} aria-label={`Stop proxy for ${proxy.app}`} className="proxy-stop">Stop</Button>
      </header>

      <ul className="stats" aria-label={`Request counts for ${proxy.app}`}>
        {stats.map(([label, n, title]) => (
          <li key={label} className={`stat${label === 'Refused' && n > 0 ? ' is-danger' : ''}`} title={title} aria-labelledby={`${titleId}-${label}`}>
            <span className="stat-label" id={`${titleId}-${label}`}>{label}</span>
            <span className="stat-value">{formatCount(n)}</span>
          </li>
        ))}
      </ul>

      <div className="env-block">
        <Tabs
          label={`Environment settings for ${proxy.app}`}
          items={ENV_SHELLS.map((k) => ({ key: k, label: ENV_SHELL_LABELS[k] }))}
          selected={shell}
          onSelect={setShell}
          actions={(
            <>
              <Button size="sm" variant="ghost" icon={reveal ? 'lock' : 'key'} aria-pressed={reveal} onClick={() => setReveal((r) => !r)}>
                {reveal ? 'Hide secret' : 'Show secret'}
              </Button>
              <CopyButton text={text} ariaLabel={`Copy ${ENV_SHELL_LABELS[shell]} settings`} />
            </>
          )}
        >
          <pre className="code" tabIndex={0} aria-label={`${ENV_SHELL_LABELS[shell]} settings`}><code>{shown}</code></pre>
        </Tabs>
        <p className="env-note">
          <Icon name="info" size={13} />
          The access key and secret are random and local to this proxy; your AWS keys never leave Airlock.
        </p>
      </div>

      <div className="ca-row">
        <div className="ca-text">
          <span className="ca-label">CA bundle</span>
          <span className="mono ca-path" title={proxy.caPath}>{proxy.caPath}</span>
        </div>
        <CopyButton text={proxy.caPath} ariaLabel="Copy CA path" iconOnly variant="ghost" />
      </div>
    </section>
  );
}
