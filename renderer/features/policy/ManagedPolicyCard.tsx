import { useId } from 'react';
import type { ReactElement } from 'react';
import type { PolicyView } from '../../../preload/contract';
import { Chip } from '../../components/Chip';
import { CopyButton } from '../../components/CopyButton';
import { Icon } from '../../components/Icon';
import { PolicyResources } from './PolicyResources';

type Managed = PolicyView['managed'];

function status(m: Managed): { tone: 'neutral' | 'success' | 'warning' | 'danger'; text: string } {
  if (!m.found) return { tone: 'neutral', text: 'Not present' };
  if (m.loaded) return { tone: 'success', text: 'In force' };
  if (m.lastValidInForce) return { tone: 'warning', text: 'Invalid · last valid version in force' };
  return { tone: 'danger', text: 'Invalid · not in force' };
}

/**
 * The administrator's policy file: where this OS looks for it and whether it is in force. Airlock
 * only reads it, so there is no edit or remove here, on purpose.
 */
export function ManagedPolicyCard({ managed, file }: { managed: Managed; file: PolicyView['files'][number] | undefined }): ReactElement {
  const id = useId();
  const s = status(managed);
  return (
    <section className="card policy-file is-managed" aria-labelledby={id}>
      <header className="policy-file-head">
        <span className="policy-file-icon" aria-hidden="true"><Icon name="lock" size={16} /></span>
        <div className="policy-file-title">
          <h3 id={id} className="policy-file-name">Managed policy</h3>
          <p className="policy-file-meta">Set by your administrator; read only for Airlock: it cannot be edited or removed from the app.</p>
        </div>
        <Chip tone={s.tone}>{s.text}</Chip>
      </header>
      <div className="policy-managed-path">
        <span className="policy-managed-label">Location</span>
        <code className="policy-path" title={managed.path}>{managed.path}</code>
        <CopyButton text={managed.path} iconOnly variant="ghost" ariaLabel="Copy the managed policy path" />
      </div>
      {!managed.found ? (
        <p className="policy-note">No file there: only your imported files apply. An administrator places the file at this path.</p>
      ) : null}
      {managed.lastValidInForce ? (
        <p className="policy-note is-warning">
          The file there is invalid (see the problem above): its last valid version stays in force, so its deny rules still apply.
        </p>
      ) : null}
      {file ? <PolicyResources file={file} label="Resources in the managed policy" /> : null}
    </section>
  );
}
