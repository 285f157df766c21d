import { useState } from 'react';
import type { ReactElement } from 'react';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import { useData } from '../../state/data';
import { useUi } from '../../state/ui';
import { ProxyPanel } from './ProxyPanel';

export function ProxiesView(): ReactElement {
  const { proxies, apps, removeProxy, refreshProxies } = useData();
  const ui = useUi();
  const toast = useToast();
  const [stopping, setStopping] = useState<string>();
  const anySignedIn = (apps ?? []).some((a) => a.session);

  const stop = async (id: string, app: string): Promise<void> => {
    setStopping(id);
    try {
      await call('proxies.stop', { id });
      removeProxy(id);
      toast.success(`Stopped the proxy for ${app}`);
    } catch (err) {
      toast.error(`Could not stop the proxy for ${app}`, err);
      void refreshProxies();
    } finally {
      setStopping(undefined);
    }
  };

  return (
    <>
      <PageHeader
        title="Proxies"
        description="Point any AWS tool at a proxy and it uses the app's session. Counts update live."
        actions={<Button variant="primary" icon="play" onClick={() => ui.openStartProxy()}>Start proxy</Button>}
      />
      {proxies.length === 0 ? (
        <EmptyState
          icon="proxy"
          title="No proxies running"
          action={anySignedIn
            ? <Button variant="primary" icon="play" onClick={() => ui.openStartProxy()}>Start a proxy</Button>
            : <Button icon="apps" onClick={() => ui.navigate('apps')}>Log in to an app first</Button>}
        >
          <p>
            A proxy runs on 127.0.0.1 for one app session. Your tools sign requests with a random local key; Airlock
            checks that signature, re-signs with the session and records every request in the audit log.
          </p>
          <p>Once it runs, copy its settings for sh, fish, PowerShell or JSON into your terminal.</p>
        </EmptyState>
      ) : (
        <div className="proxy-list">
          {proxies.map((p) => <ProxyPanel key={p.id} proxy={p} stopping={stopping === p.id} onStop={() => void stop(p.id, p.app)} />)}
        </div>
      )}
    </>
  );
}
