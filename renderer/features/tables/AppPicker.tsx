import { useId } from 'react';
import type { ReactElement } from 'react';
import type { AppView } from '../../../preload/contract';
import { Chip } from '../../components/Chip';

/** Which app's tables to browse; local (emulator) apps are badged. */
export function AppPicker({ apps, value, onChange }: { apps: readonly AppView[]; value: string; onChange: (app: string) => void }): ReactElement {
  const id = useId();
  const current = apps.find((a) => a.name === value);
  return (
    <div className="filter tables-app-picker">
      <label htmlFor={id}>App</label>
      <div className="tables-picker-row">
        <select id={id} className="input select" value={value} onChange={(e) => onChange(e.target.value)}>
          {apps.map((a) => (
            <option key={a.name} value={a.name}>
              {a.name}{a.kind === 'local' ? ' (local)' : a.session ? '' : ' (not logged in)'}
            </option>
          ))}
        </select>
        {current?.kind === 'local' ? <Chip tone="accent" title={current.localEndpoint === 'embedded' || !current.localEndpoint ? 'The embedded DynamoDB emulator' : `Emulator at ${current.localEndpoint}`}>local</Chip> : null}
      </div>
    </div>
  );
}
