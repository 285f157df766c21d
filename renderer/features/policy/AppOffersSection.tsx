import { useId } from 'react';
import type { ReactElement } from 'react';
import type { PolicyView } from '../../../preload/contract';
import { Button } from '../../components/Button';
import { useData } from '../../state/data';
import { useUi } from '../../state/ui';
import { AppOffer } from './AppOffer';

/** The result of the policy and the identity: what every app offers now. */
export function AppOffersSection({ policy }: { policy: PolicyView }): ReactElement {
  const id = useId();
  const { apps } = useData();
  const ui = useUi();
  const fromPolicy = policy.apps.some((a) => a.rolesFrom === 'policy');
  return (
    <section className="card policy-section" aria-labelledby={id}>
      <div className="policy-section-head">
        <h2 id={id} className="card-title">Roles per app</h2>
        <p className="card-description">
          {fromPolicy
            ? 'What each app offers you now, from the policy in force and your identity. The role selector and login offer exactly these.'
            : "No policy roles are in force: each app offers its own role list."}
        </p>
      </div>
      {policy.apps.length ? (
        <ul className="offers" aria-label="Roles per app">
          {policy.apps.map((o) => (
            <AppOffer key={o.app} offer={o} app={apps?.find((a) => a.name === o.app)} onChooseRole={() => ui.openRoleSelector({ app: o.app })} />
          ))}
        </ul>
      ) : (
        <div className="offer-none">
          <p>No apps yet: the policy offers roles to apps by their labels.</p>
          <Button size="sm" icon="plus" onClick={ui.openAddApp}>Add app</Button>
        </div>
      )}
    </section>
  );
}
