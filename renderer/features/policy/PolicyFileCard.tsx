import { useId } from 'react';
import type { ReactElement } from 'react';
import type { PolicyView } from '../../../preload/contract';
import { IconButton } from '../../components/Button';
import { Chip } from '../../components/Chip';
import { Icon } from '../../components/Icon';
import { PolicyResources } from './PolicyResources';

type PolicyFile = PolicyView['files'][number];

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** One imported policy file: its resources, whether its on-disk version is broken, and Remove. */
export function PolicyFileCard({ file, onRemove }: { file: PolicyFile; onRemove: () => void }): ReactElement {
  const id = useId();
  const name = file.name ?? file.path;
  return (
    <section className="card policy-file" aria-labelledby={id}>
      <header className="policy-file-head">
        <span className="policy-file-icon" aria-hidden="true"><Icon name="audit" size={16} /></span>
        <div className="policy-file-title">
          <h3 id={id} className="policy-file-name">{name}</h3>
          <p className="policy-file-meta">
            {count(file.roles.length, 'role', 'roles')} · {count(file.users.length, 'user', 'users')}
            <span className="policy-path" title={file.path}>{file.path}</span>
          </p>
        </div>
        {file.lastValidVersion ? <Chip tone="warning" title="The file on disk does not parse: see the problem above">Last valid version in force</Chip> : null}
        <IconButton icon="trash" variant="danger-ghost" label={`Remove ${name}`} onClick={onRemove} />
      </header>
      <PolicyResources file={file} label={`Resources in ${name}`} />
    </section>
  );
}
