import { useState } from 'react';
import type { ReactElement } from 'react';
import { call } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toast';
import { AppOffersSection } from './AppOffersSection';
import { IdentitySection } from './IdentitySection';
import { ImportPolicyButton } from './ImportPolicyButton';
import type { ImportFailure } from './ImportPolicyButton';
import { PolicyErrors } from './PolicyErrors';
import { PolicyFilesSection } from './PolicyFilesSection';
import { PolicyProblem } from './PolicyProblem';
import { usePolicy } from './usePolicy';

const names = (list: readonly string[]): string => (list.length ? list.join(', ') : 'none');

/** The access policy: its files, who the user is to it, and the roles it offers per app. */
export function AccessPolicyView(): ReactElement {
  const { policy, error, refresh } = usePolicy();
  const toast = useToast();
  const [failure, setFailure] = useState<ImportFailure>();
  const [removing, setRemoving] = useState<string>();

  let content: ReactElement;
  if (!policy && error) {
    content = <ErrorNotice error={error} title="Could not load the access policy" action={<Button size="sm" icon="refresh" onClick={() => void refresh()}>Try again</Button>} />;
  } else if (!policy) {
    content = <div className="loading-block" role="status"><Spinner size={18} />Loading the access policy…</div>;
  } else {
    content = (
      <div className="policy">
        {error ? (
          // The last policy read stays on screen; say that it may be out of date.
          <ErrorNotice error={error} title="Could not refresh the access policy" action={<Button size="sm" icon="refresh" onClick={() => void refresh()}>Try again</Button>} />
        ) : null}
        <PolicyErrors errors={policy.errors} onRemove={setRemoving} />
        <AppOffersSection policy={policy} />
        <IdentitySection identity={policy.identity} onSaved={() => void refresh()} />
        <PolicyFilesSection policy={policy} onRemove={setRemoving} />
      </div>
    );
  }

  return (
    <>
      <PageHeader
        title="Access policy"
        description="Which IAM roles each app offers you: Teleport-style role and user resources from your administrator's managed file and the files you import."
        actions={(
          <ImportPolicyButton
            onFailed={setFailure}
            onImported={(r) => {
              toast.success(`${r.replaced ? 'Replaced' : 'Imported'} ${r.name}`, `Roles: ${names(r.roles)} · Users: ${names(r.users)}`);
              void refresh();
            }}
          />
        )}
      />
      {failure ? (
        <PolicyProblem
          title={`${failure.fileName} was not imported; nothing changed`}
          message={failure.error.message}
          hint={failure.error.hint}
          code={failure.error.code}
          action={<IconButton icon="x" label="Dismiss the import error" onClick={() => setFailure(undefined)} />}
        />
      ) : null}
      {content}
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing}?`}
          confirmLabel="Remove file"
          onClose={() => setRemoving(undefined)}
          onConfirm={async () => {
            await call('policy.remove', { name: removing });
            toast.success(`Removed ${removing}`, 'Its roles and users no longer apply.');
            void refresh();
          }}
        >
          <p>
            Its role and user resources stop applying at once: the roles apps offer are computed again. Sessions already open keep their role
            until they end, but are not renewed if the role is no longer offered.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
