import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import type { IdentityView } from '../../../preload/contract';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button } from '../../components/Button';
import { Chip } from '../../components/Chip';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { toApiError } from '../../lib/errors';
import { rowsOf, traitsOf } from './traits';
import type { TraitRow, TraitRowError } from './traits';
import { TraitsEditor } from './TraitsEditor';

const CONTROL_CHARS = /\p{Cc}/u;

/**
 * Who the user is to the policy: the user name (which `kind: user` resource applies) and the
 * external traits templates read. Saved together with identity.set; the roles below follow.
 */
export function IdentitySection({ identity, onSaved }: { identity: IdentityView; onSaved: () => void }): ReactElement {
  const toast = useToast();
  const titleId = useId();
  // The identity the form started from: what "Revert" goes back to and what "changed" compares with.
  const [base, setBase] = useState(identity);
  const userOf = (i: IdentityView): string => (i.userIsDefault ? '' : i.user);
  const [user, setUser] = useState(() => userOf(identity));
  const [rows, setRows] = useState<TraitRow[]>(() => rowsOf(identity.traits));
  const [userError, setUserError] = useState<string>();
  const [traitErrors, setTraitErrors] = useState<Record<number, TraitRowError>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const parsed = traitsOf(rows);
  const dirty = user.trim() !== userOf(base) || !parsed.ok || JSON.stringify(parsed.traits) !== JSON.stringify(base.traits);

  const adopt = (next: IdentityView): void => {
    setBase(next);
    setUser(userOf(next));
    setRows(rowsOf(next.traits));
  };
  // A new identity from the server (saved here, or changed in the CLI or another window): take it,
  // unless the user is in the middle of an edit.
  const [seen, setSeen] = useState(identity);
  if (JSON.stringify(identity) !== JSON.stringify(seen)) {
    setSeen(identity);
    if (!busy && !dirty) adopt(identity);
  }

  const save = async (): Promise<void> => {
    const name = user.trim();
    const badUser = CONTROL_CHARS.test(name) ? 'The user name must not hold control characters.' : name.length > 256 ? 'Up to 256 characters.' : undefined;
    setUserError(badUser);
    setTraitErrors(parsed.ok ? {} : parsed.errors);
    if (badUser || !parsed.ok) return;
    setBusy(true);
    setError(undefined);
    try {
      const saved = await call('identity.set', { user: name || null, traits: parsed.traits });
      adopt(saved);
      toast.success('Identity saved', `The policy now sees you as ${saved.user}${saved.userIsDefault ? ' (your OS user name)' : ''}.`);
      onSaved();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const revert = (): void => {
    setUser(userOf(base));
    setRows(rowsOf(base.traits));
    setUserError(undefined);
    setTraitErrors({});
    setError(undefined);
  };

  return (
    <section className="card policy-section" aria-labelledby={titleId}>
      <div className="policy-section-head">
        <h2 id={titleId} className="card-title">Your identity</h2>
        <p className="card-description">
          The policy sees you as <strong>{base.user}</strong>
          {base.userIsDefault ? <> <Chip tone="neutral" title="No user name is set: your OS user name stands in">OS user name</Chip></> : null}.
          Its <code>kind: user</code> resource of that name gives the <code>{'{{internal.*}}'}</code> traits.
        </p>
      </div>
      <form className="identity-form" aria-label="Identity" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <TextField
          className="inline-field identity-user"
          label="User name"
          optional
          value={user}
          onChange={(e) => { setUser(e.target.value); setUserError(undefined); }}
          error={userError}
          placeholder={base.userIsDefault ? base.user : 'Your OS user name'}
          autoComplete="off"
          spellCheck={false}
          disabled={busy}
          hint={base.userIsDefault ? `Empty: your OS user name (${base.user}) is used.` : 'Empty goes back to your OS user name.'}
        />
        <TraitsEditor rows={rows} errors={traitErrors} disabled={busy} onChange={(next) => { setRows(next); setTraitErrors({}); setError(undefined); }} />
        {error ? <ErrorNotice error={error} title="The identity was not saved" /> : null}
        <div className="identity-actions">
          {dirty ? <Button onClick={revert} disabled={busy}>Revert</Button> : null}
          <Button type="submit" variant="primary" icon="check" busy={busy}>Save identity</Button>
        </div>
      </form>
    </section>
  );
}
