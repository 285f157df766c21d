import { useId } from 'react';
import type { ReactElement } from 'react';
import type { PolicyView } from '../../../preload/contract';
import { Chip } from '../../components/Chip';
import { ConditionsList, isEmptyConditions } from './ConditionsList';

type PolicyFile = PolicyView['files'][number];

function RoleResource({ role }: { role: PolicyFile['roles'][number] }): ReactElement {
  const id = useId();
  const empty = isEmptyConditions(role.allow) && isEmptyConditions(role.deny);
  return (
    <li className="policy-resource" aria-labelledby={id}>
      <div className="policy-resource-head">
        <Chip tone="accent">role</Chip>
        <h4 id={id} className="policy-resource-name">{role.name}</h4>
        <span className="policy-resource-where">{role.version} · line {role.line}</span>
      </div>
      {empty ? <p className="policy-note">Neither allow nor deny rules: this role changes nothing.</p> : null}
      {isEmptyConditions(role.allow) ? null : <ConditionsList side="allow" conditions={role.allow} />}
      {isEmptyConditions(role.deny) ? null : <ConditionsList side="deny" conditions={role.deny} />}
    </li>
  );
}

function UserResource({ user }: { user: PolicyFile['users'][number] }): ReactElement {
  const id = useId();
  const traits = Object.entries(user.traits);
  return (
    <li className="policy-resource" aria-labelledby={id}>
      <div className="policy-resource-head">
        <Chip tone="neutral">user</Chip>
        <h4 id={id} className="policy-resource-name">{user.name}</h4>
        <span className="policy-resource-where">line {user.line}</span>
      </div>
      {traits.length ? (
        <dl className="policy-conditions is-traits">
          {traits.map(([name, values]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                {values.length ? values.map((v, i) => <code key={`${i}:${v}`} className="policy-value">{v}</code>) : <span className="policy-note">no values</span>}
              </dd>
            </div>
          ))}
        </dl>
      ) : <p className="policy-note">No traits.</p>}
    </li>
  );
}

/** The role and user resources of one policy file, in file order. */
export function PolicyResources({ file, label }: { file: PolicyFile; label: string }): ReactElement {
  if (file.roles.length === 0 && file.users.length === 0) return <p className="policy-note">This file holds no resources.</p>;
  return (
    <ul className="policy-resources" aria-label={label}>
      {file.roles.map((r) => <RoleResource key={`role:${r.name}`} role={r} />)}
      {file.users.map((u) => <UserResource key={`user:${u.name}`} user={u} />)}
    </ul>
  );
}
