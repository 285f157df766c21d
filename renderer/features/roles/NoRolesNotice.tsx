import type { ReactElement } from 'react';
import type { AppView } from '../../../preload/contract';
import { InfoNotice } from '../../components/ErrorNotice';
import { noRolesReason } from '../policy/describe';

/** The role selector with nothing to choose: says why (denied, no policy grant, no own roles) and where to fix it. */
export function NoRolesNotice({ app, onOpenPolicy, onEditApp }: { app: AppView; onOpenPolicy: () => void; onEditApp: () => void }): ReactElement {
  const ownList = app.rolesFrom === 'app' && !app.deniedBy?.length;
  return (
    <InfoNotice tone="warning" icon="alert">
      <p className="notice-title">No role is offered for {app.name}</p>
      <p>{noRolesReason({ ...app, labels: app.labels })}</p>
      <p className="no-roles-actions">
        {ownList ? <button type="button" className="link-button" onClick={onEditApp}>Edit {app.name}'s role list</button> : null}
        <button type="button" className="link-button" onClick={onOpenPolicy}>Open the access policy</button>
      </p>
    </InfoNotice>
  );
}
