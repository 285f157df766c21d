import type { ReactElement } from 'react';
import type { RoleView } from '../../../preload/contract';
import { formatDurationLabel } from '../../lib/format';
import { grantedByText } from '../policy/describe';

/** One role in the role selector: a radio card with its account, ARN and why it is offered. */
export function RoleOption({ role, idBase, checked, current, autoFocus, onPick }: {
  role: RoleView;
  /** Unique per dialog and role: names and describes the radio. */
  idBase: string;
  checked: boolean;
  current: boolean;
  autoFocus: boolean;
  onPick: () => void;
}): ReactElement {
  const why = grantedByText(role.grantedBy);
  return (
    <label className={`role-option${checked ? ' is-selected' : ''}`}>
      <input
        type="radio"
        name="role"
        value={role.arn}
        checked={checked}
        onChange={onPick}
        aria-labelledby={`${idBase}-name`}
        aria-describedby={`${idBase}-detail`}
        data-autofocus={autoFocus ? true : undefined}
      />
      <span className="role-text">
        <span className="role-name">
          <span id={`${idBase}-name`}>{role.name}</span>
          {current ? <span className="role-current">current</span> : null}
          {role.mfaSerial ? <span className="role-tag" title={`Asks for a code from ${role.mfaSerial}`}>MFA</span> : null}
          {role.durationSeconds ? <span className="role-tag" title="The session length this role asks for">{formatDurationLabel(role.durationSeconds)}</span> : null}
        </span>
        <span className="role-detail" id={`${idBase}-detail`}>
          <span className="role-account">Account {role.accountId}</span>
          <span className="role-arn">{role.arn}</span>
          <span className="role-why">{why.charAt(0).toUpperCase()}{why.slice(1)}</span>
        </span>
      </span>
    </label>
  );
}
