import { useId } from 'react';
import type { ReactElement } from 'react';
import type { AppView, PolicyView } from '../../../preload/contract';
import { Button } from '../../components/Button';
import { Chip } from '../../components/Chip';
import { InfoNotice } from '../../components/ErrorNotice';
import { formatDurationLabel } from '../../lib/format';
import { AppAvatar } from '../apps/AppRow';
import { grantedByText, noRolesReason } from './describe';
import { PolicyWarnings } from './PolicyWarnings';

type Offer = PolicyView['apps'][number];

/** What one app offers the user now: its roles and why, or why none; the policy's warnings for it. */
export function AppOffer({ offer, app, onChooseRole }: { offer: Offer; app: AppView | undefined; onChooseRole: () => void }): ReactElement {
  const id = useId();
  const local = offer.kind === 'local';
  const denied = Boolean(offer.deniedBy?.length);
  const facts = { name: offer.app, kind: offer.kind, rolesFrom: offer.rolesFrom, deniedBy: offer.deniedBy, labels: app?.labels, accountId: offer.accountId };
  return (
    <li className="offer" aria-labelledby={id}>
      <div className="offer-head">
        <AppAvatar name={offer.app} size="sm" />
        <h3 id={id} className="offer-name">{offer.app}</h3>
        {local ? <Chip>local</Chip> : (
          <>
            {offer.accountId ? <Chip title="Only this account's roles are offered">account {offer.accountId}</Chip> : null}
            {offer.rolesFrom === 'policy'
              ? <Chip tone="accent" title="Policy roles decide what this app offers">access policy</Chip>
              : <Chip title="No policy roles: the app's own role list is offered">app's own role list</Chip>}
            {denied ? <Chip tone="danger">denied</Chip> : null}
          </>
        )}
        {local ? null : (
          <Button size="sm" className="offer-action" icon="login" onClick={onChooseRole} aria-label={`Choose a role for ${offer.app}`}>Choose role…</Button>
        )}
      </div>
      {local || offer.roles.length === 0 ? (
        denied
          ? <InfoNotice tone="warning" icon="alert"><p>{noRolesReason(facts)}</p></InfoNotice>
          : <p className="offer-none">{noRolesReason(facts)}</p>
      ) : (
        <ul className="offer-roles" aria-label={`Roles offered for ${offer.app}`}>
          {offer.roles.map((r) => (
            <li key={r.arn} className="offer-role">
              <span className="offer-role-name">{r.name}</span>
              <code className="offer-role-arn">{r.arn}</code>
              <span className="offer-role-why">{grantedByText(r.grantedBy)}</span>
              {r.durationSeconds ? <Chip title="The session length this role asks for">{formatDurationLabel(r.durationSeconds)}</Chip> : null}
              {r.mfaSerial ? <Chip tone="accent" title={`MFA device ${r.mfaSerial}`}>MFA</Chip> : null}
            </li>
          ))}
        </ul>
      )}
      <PolicyWarnings warnings={offer.warnings} app={offer.app} />
    </li>
  );
}
